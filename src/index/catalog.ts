/**
 * The live catalog: the corpus folder, analysed, indexed and kept in step with the files, incrementally.
 *
 * - Memory holds only what every query needs: each article's metadata and summary (ArticleMeta), the search
 *   engine's in-memory part, title suggestions and the people directory. Bodies and analyses stay in the
 *   store (DATA_DIR, SQLite) and are read per answer by get(), through a small cache.
 * - Start: file rows and metadata are restored from the store a page at a time, the engine is opened (SQLite
 *   FTS5: instant; MiniSearch: its saved pieces) and reconciled with the files table. With a saved state the
 *   catalog is `ready` at once; one sync then brings it up to date with the folder in the background.
 * - Sync: files whose size and mtime did not move are not read; the others are read and hashed; only new
 *   content is parsed, analysed and indexed (a touched file keeps its analysis and its addedAt); files that
 *   went away leave the index. Parsing and analysis run on worker threads (workers/pool.ts) for large syncs.
 *   An ANALYSIS_VERSION change re-analyses every article once.
 * - Crash safety: each slice's file rows and engine changes are written in one transaction.
 * - Nothing blocks the event loop for long: work runs in slices of a few milliseconds (cooperate.ts).
 */
import { availableParallelism } from 'node:os';
import { bodyText, type Article, type SkippedFile } from '../corpus/article.js';
import { findArticleFiles } from '../corpus/find.js';
import { ANALYSIS_VERSION, analyzeArticle } from '../analysis/analyze.js';
import {
  buildPeopleDirectory,
  buildPeopleDirectoryCooperatively,
  DIRECTORY_PIECES_VERSION,
  directoryFromPieces,
  directoryPieces,
  type DirectoryArticle,
} from '../analysis/peopleDirectory.js';
import { patchDirectory } from '../analysis/directoryPatch.js';
import type { ArticleAnalysis, PeopleDirectory, Quote } from '../analysis/types.js';
import { CODEC_VERSION, decodeArticle } from './codec.js';
import { sortInSteps } from '../lib/sortInSteps.js';
import { runStepsCooperatively, Slicer } from '../lib/cooperate.js';
import { chooseEngine, type EngineName, type EngineSetting, type IndexDocument, type SearchEngine } from './engine.js';
import { MiniSearchEngine } from './minisearchEngine.js';
import { processFile, type ProcessRequest, type ProcessResult, type ProcessSettings } from './processFile.js';
import { SearchIndex } from './searchIndex.js';
import { SqliteEngine } from './sqliteEngine.js';
import { CatalogStore, type FileChanges, type FileState, type FileSummaryRow } from './store.js';
import { patchSorted } from './sortedArray.js';
import { TitleSuggester } from './suggest.js';
import { isArticleId, planSync, stampFiles, type FileStamp, type SyncPlan } from './syncPlan.js';
import { indexTerms } from './tokenize.js';
import type { CatalogSlice, RemoteArticle } from './replicaRows.js';
import type { ArticleMeta, Catalog, IndexedArticle, SearchHit, SearchOptions } from './types.js';
import { WorkerPool } from './workers/pool.js';

/** The logging the catalog needs; a pino logger fits. */
export interface CatalogLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CatalogProgress {
  phase: 'restore' | 'read' | 'index' | 'people' | 'save';
  done: number;
  total: number;
}

export interface OpenCatalogOptions {
  corpusDir: string;
  dataDir: string;
  /** Files larger than this are skipped. */
  maxBytes: number;
  logger?: CatalogLogger;
  onProgress?: (progress: CatalogProgress) => void;
  /** The full-text engine: `auto` (default) picks by corpus size; see engine.ts. */
  engine?: EngineSetting;
  /** Analysis worker threads for large syncs. Default: one per core; 0 analyses on the main thread, in slices. */
  workers?: number;
  /** After a small change, an in-memory index is saved this long after the last change (and on close). Default 30 s. */
  saveDelayMs?: number;
  /**
   * After a small change is patched into the people directory, the full rebuild waits at least this long (and at
   * least four times as long as the last full build took). Default 60 s.
   */
  directoryRebuildDelayMs?: number;
  /** For tests and benchmarks: the analysis step and its version (a custom step runs on the main thread). */
  analyze?: (article: Article) => ArticleAnalysis;
  analysisVersion?: number;
  /** For tests: the clock that stamps addedAt. */
  now?: () => Date;
  /** Told each sync slice once it is committed locally (the PostgreSQL indexer publishes it: replica.ts). */
  onSlice?: (slice: CatalogSlice) => void;
  /** The first load after the restore; default: a sync of the folder. A PostgreSQL follower pulls instead. */
  loadWith?: (catalog: LiveCatalog) => Promise<SyncReport>;
}

export interface SyncReport {
  /** Articles that appeared: new files, or files that could not be loaded before. */
  added: string[];
  /** Articles whose content changed. */
  changed: string[];
  /** Articles that went away: deleted files, or files that can no longer be loaded. */
  removed: string[];
  /** Same content, analysed again because the analysis changed (ANALYSIS_VERSION). */
  reanalysed: string[];
  /** Files not read at all because their size and mtime did not change. */
  unchanged: number;
  /** Files skipped in this sync that were not skipped for the same reason before (each logged once). */
  newlySkipped: SkippedFile[];
  /** Articles in the catalog after the sync. */
  size: number;
  durationMs: number;
  /** Set when the sync failed (for example, the corpus folder is missing); the catalog keeps what it had. */
  error?: string;
}

/** Which files a sync looks at: all of them (the default), or just these. */
export interface SyncScope {
  ids?: readonly string[];
}

export interface LiveCatalog extends Catalog {
  /** The corpus folder this catalog mirrors. */
  readonly corpusDir: string;
  /** The engine in use (undefined until a cold start has counted the files). */
  readonly engineName: EngineName | undefined;
  /** Resolves when the saved state is restored (answers can be given from it); the first sync follows. */
  readonly restored: Promise<void>;
  /** Resolves (never rejects) when the first load is done: saved state restored and one sync run. */
  readonly loaded: Promise<SyncReport>;
  /**
   * Brings the catalog up to date with the folder: the whole folder, or only the given files (ids relative to
   * the corpus folder, as a watcher reports them; a listed file that is gone is removed). Calls made before a
   * queued sync starts join it.
   */
  sync(scope?: SyncScope): Promise<SyncReport>;
  /** Called after every sync that changed something. Returns a function that unsubscribes. */
  onChange(listener: (report: SyncReport) => void): () => void;
  /**
   * Applies rows of the system of record (PostgreSQL) in change order, without analysing anything: the rows
   * carry the analysed article and its index terms. Rows whose content the catalog already holds are skipped.
   * The cursor (last applied changeSeq) is saved with each slice; `corpusSize` picks the engine of an empty catalog.
   */
  applyRemote(rows: readonly RemoteArticle[], corpusSize?: number): Promise<SyncReport>;
  /** The last changeSeq applied by applyRemote ('0': none). */
  remoteCursor(): string;
  /** Every loaded article's content hash, for comparing the local copy with the system of record. */
  loadedHashes(): Map<string, string>;
  /** One loaded article as a sync slice publishes it (stored row and index terms), for a republish. */
  sliceRowOf(id: string): CatalogSlice['upserts'][number] | undefined;
  /** Waits for running work, saves what is not saved yet, and closes the store. */
  close(): Promise<void>;
}

/** Opens the catalog for a corpus folder. Resolves at once; the first load runs in the background (`loaded`). */
export async function openCatalog(options: OpenCatalogOptions): Promise<LiveCatalog> {
  const store = CatalogStore.open(options.dataDir, options.corpusDir);
  return new CorpusCatalog(store, options);
}

/** A sync of at most this many files analyses them on the main thread (starting workers costs more). */
const INLINE_MAX_FILES = 8;
/** Files read at once by an inline sync. */
const INLINE_CONCURRENCY = 4;
/** A file modified this close to a sync may change again within its mtime's precision: check it next time. */
const RACY_WINDOW_MS = 2_000;
/** Index changes that trigger a save right after a sync rather than after the idle delay. */
const SAVE_NOW_MIN_CHANGES = 200;
const SAVE_NOW_SHARE = 0.02;
/** Changes patched into the sorted views; more than this and they are rebuilt. */
const PATCH_VIEWS_MAX_CHANGES = 1_000;
const PATCH_VIEWS_MAX_SHARE = 0.05;
/** Whole articles kept decoded for answers that come back to them (pages, excerpts, quotes). */
const ARTICLE_CACHE_SIZE = 256;
/** File rows read per step of a restore. */
const RESTORE_PAGE = 500;
/**
 * Changed articles folded into the last full people directory at once (directoryPatch.ts); past this many since
 * that build, the directory is rebuilt instead.
 */
const PATCH_DIRECTORY_MAX_ARTICLES = 256;
/** After a patch, the full rebuild waits at least this long, so a stream of new files costs one rebuild, not one each. */
const DIRECTORY_REBUILD_DELAY_MS = 60_000;
/** …and this many times as long as the last full build took: rebuilds then use at most a fifth of a core. */
const DIRECTORY_REBUILD_SPACING = 4;
/** Articles' people read per page by the directory build: small, since each page is parsed in one step. */
const DIRECTORY_PAGE = 64;
/** The store's meta key naming the engine its index tables belong to. */
const ENGINE_KEY = 'engine';
/** The store's meta key holding the last applied change of the system of record. */
const REMOTE_CURSOR_KEY = 'remote_cursor';

interface QueuedSync {
  /** null: the whole folder. */
  ids: Set<string> | null;
  promise: Promise<SyncReport>;
}

interface Views {
  all?: ArticleMeta[];
  newest?: ArticleMeta[];
  suggester?: TitleSuggester;
}

/** What people() answers before the first directory build ends. */
const NO_PEOPLE = buildPeopleDirectory([]);

class CorpusCatalog implements LiveCatalog {
  readonly restored: Promise<void>;
  readonly loaded: Promise<SyncReport>;
  readonly corpusDir: string;
  private readyFlag = false;
  private closed = false;
  private readonly meta = new Map<string, ArticleMeta>();
  private readonly files = new Map<string, FileState>();
  private engine: SearchEngine | undefined;
  /** Titles only, for the fuzzy step of article autocomplete (whatever the engine). */
  private titles = new SearchIndex();
  private readonly cache = new Map<string, IndexedArticle>();
  private views: Views = {};
  /** The people directory, rebuilt in the background after changes (never inside a sync). */
  private directory: PeopleDirectory | undefined;
  private directoryRun: Promise<void> | null = null;
  private directoryDirty = false;
  /** The last full build (or the restored one): what patches apply to. */
  private fullDirectory: PeopleDirectory | undefined;
  /** Articles changed since the full build began, patched into it until the next full build covers them. */
  private readonly unbuiltChanges = new Set<string>();
  private fullDirectoryTimer: NodeJS.Timeout | undefined;
  private lastFullBuildMs = 0;
  /** True once the views were built for the whole catalog, so later changes can be patched in. */
  private viewsComplete = false;
  /** Articles as they were before the changes not yet reflected in the views (undefined: did not exist). */
  private readonly viewChanges = new Map<string, ArticleMeta | undefined>();
  private saveTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private queued: QueuedSync | null = null;
  private recheckSkipped = false;
  private readonly listeners = new Set<(report: SyncReport) => void>();
  private readonly analysisFailures = new Set<string>();
  private readonly analysisVersion: number;
  private readonly now: () => Date;
  private readonly logger: CatalogLogger;

  constructor(
    private readonly store: CatalogStore,
    private readonly options: OpenCatalogOptions,
  ) {
    this.corpusDir = options.corpusDir;
    this.analysisVersion = options.analysisVersion ?? ANALYSIS_VERSION;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? { info: () => {}, warn: () => {}, error: () => {} };
    this.restored = this.exclusive(() => this.restore()).catch(async (error: Error) => {
      this.logger.warn(`The saved catalog in ${this.store.file} could not be read (${error.message}); rebuilding it from the corpus.`);
      await this.resetState();
    });
    this.loaded = this.firstLoad();
  }

  // ---- Catalog (read side) ----

  get ready(): boolean {
    return this.readyFlag;
  }

  get size(): number {
    return this.meta.size;
  }

  get engineName(): EngineName | undefined {
    return this.engine?.name;
  }

  /** Every article's metadata, by id. */
  all(): readonly ArticleMeta[] {
    this.views.all ??= sortedById(this.meta);
    return this.views.all;
  }

  metaOf(id: string): ArticleMeta | undefined {
    return this.meta.get(id);
  }

  newest(): readonly ArticleMeta[] {
    this.views.suggester ??= TitleSuggester.buildNow(this.all());
    this.views.newest ??= this.views.suggester.articles();
    return this.views.newest;
  }

  get(id: string): IndexedArticle | undefined {
    const cached = this.cache.get(id);
    if (cached) {
      this.cache.delete(id); // most recently used goes last
      this.cache.set(id, cached);
      return cached;
    }
    if (!this.meta.has(id) || this.closed) return undefined;
    const row = this.store.articleData(id);
    if (!row) return undefined;
    const article = decodeArticle(row.data, row.addedAt);
    if (this.cache.size >= ARTICLE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, article);
    return article;
  }

  quotesOf(id: string): readonly Quote[] {
    const cached = this.cache.get(id);
    if (cached) return cached.analysis.quotes;
    if (!this.meta.has(id) || this.closed) return [];
    const people = this.store.articlePeople(id);
    return people ? (JSON.parse(people) as { quotes: Quote[] }).quotes : [];
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    if (!this.engine) return [];
    return this.engine.search(query, { ...options, textOf: (id) => this.textOf(id) }).filter((hit) => this.meta.has(hit.id));
  }

  /** An article's title and body for phrase checks and proximity: from the cache, else only the text from the store. */
  private textOf(id: string): string | undefined {
    const cached = this.cache.get(id);
    if (cached) return articleText(cached);
    if (!this.meta.has(id) || this.closed) return undefined;
    return this.store.articleText(id);
  }

  documentFrequency(term: string): number {
    return this.engine?.documentFrequency(term) ?? 0;
  }

  nearestTerm(term: string): string | null {
    return this.engine?.nearestTerm(term) ?? null;
  }

  suggestArticles(prefix: string, limit: number): ArticleMeta[] {
    this.views.suggester ??= TitleSuggester.buildNow(this.all());
    return this.views.suggester.suggest(prefix, limit, this.titles, (id) => this.meta.get(id));
  }

  /** The people directory; empty until its first build ends (answers then say the corpus is still loading). */
  people(): PeopleDirectory {
    return this.directory ?? NO_PEOPLE;
  }

  skipped(): readonly SkippedFile[] {
    const skipped: SkippedFile[] = [];
    for (const [id, state] of this.files) if (state.skipReason !== null) skipped.push({ id, reason: state.skipReason });
    return skipped.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  // ---- Live side ----

  sync(scope: SyncScope = {}): Promise<SyncReport> {
    if (this.closed) return Promise.reject(new Error('The catalog is closed.'));
    // A sync that has not started yet will see every change made before it starts: join it.
    if (this.queued) {
      if (!scope.ids) this.queued.ids = null;
      else if (this.queued.ids) for (const id of scope.ids) this.queued.ids.add(id);
      return this.queued.promise;
    }
    const queued: QueuedSync = { ids: scope.ids ? new Set(scope.ids) : null, promise: Promise.resolve(emptyReport(0)) };
    queued.promise = this.exclusive(() => {
      this.queued = null;
      return this.runSync(queued.ids);
    }).then((report) => this.afterChange(report));
    this.queued = queued;
    return queued.promise;
  }

  /**
   * Searches already see a change; the directory follows outside the queue, so the next sync need not wait. A
   * small change is patched into the last full directory at once, and a full rebuild follows later.
   */
  private async afterChange(report: SyncReport): Promise<SyncReport> {
    const changed = [...report.added, ...report.changed, ...report.removed, ...report.reanalysed];
    if (changed.length > 0) {
      for (const id of changed) this.unbuiltChanges.add(id);
      if (this.fullDirectory && this.unbuiltChanges.size <= PATCH_DIRECTORY_MAX_ARTICLES) {
        this.directory = this.patchedDirectory(this.fullDirectory);
        this.scheduleFullDirectory();
      } else {
        await this.refreshDirectory();
      }
      this.emit(report);
    }
    return report;
  }

  /** The full directory with every change since it was built folded in. */
  private patchedDirectory(full: PeopleDirectory): PeopleDirectory {
    if (this.unbuiltChanges.size === 0) return full;
    const articles = [...this.unbuiltChanges].map((id) => {
      const people = this.meta.has(id) ? this.store.articlePeople(id) : undefined;
      return { id, analysis: people === undefined ? null : (JSON.parse(people) as DirectoryArticle['analysis']) };
    });
    return patchDirectory(full, articles);
  }

  /** A full rebuild after patches, spaced so that a steady stream of new files keeps it to a share of one core. */
  private scheduleFullDirectory(): void {
    if (this.fullDirectoryTimer || this.closed) return;
    const delay = Math.max(this.options.directoryRebuildDelayMs ?? DIRECTORY_REBUILD_DELAY_MS, DIRECTORY_REBUILD_SPACING * this.lastFullBuildMs);
    this.fullDirectoryTimer = setTimeout(() => {
      this.fullDirectoryTimer = undefined;
      void this.refreshDirectory();
    }, delay);
    this.fullDirectoryTimer.unref();
  }

  applyRemote(rows: readonly RemoteArticle[], corpusSize = rows.length): Promise<SyncReport> {
    if (this.closed) return Promise.reject(new Error('The catalog is closed.'));
    return this.exclusive(() => this.runApplyRemote(rows, corpusSize)).then((report) => this.afterChange(report));
  }

  remoteCursor(): string {
    return this.closed ? '0' : (this.store.getMeta(REMOTE_CURSOR_KEY) ?? '0');
  }

  loadedHashes(): Map<string, string> {
    const hashes = new Map<string, string>();
    for (const id of this.meta.keys()) {
      const hash = this.files.get(id)?.hash;
      if (hash) hashes.set(id, hash);
    }
    return hashes;
  }

  sliceRowOf(id: string): CatalogSlice['upserts'][number] | undefined {
    const state = this.files.get(id);
    const row = this.meta.has(id) && state?.hash ? this.store.articleData(id) : undefined;
    if (!row || !state?.hash) return undefined;
    const { terms } = indexDocumentOf(decodeArticle(row.data, row.addedAt), state.hash);
    const { addedAt: _addedAt, ...meta } = this.meta.get(id)!;
    return { id, ...state, data: row.data, meta: JSON.stringify(meta), people: this.store.articlePeople(id) ?? null, terms: terms! };
  }

  onChange(listener: (report: SyncReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.saveTimer);
    // A pending full rebuild is not waited for: the saved directory is stale, so the next start rebuilds it.
    clearTimeout(this.fullDirectoryTimer);
    try {
      await this.directoryRun;
      await this.exclusive(() => this.saveIfChanged());
    } finally {
      this.store.close();
    }
  }

  // ---- Work ----

  /** Runs `work` after all work queued before it: syncs and saves never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async firstLoad(): Promise<SyncReport> {
    await this.restored;
    // A saved state answers at once: it is what the last run left, and the sync below only adds to it.
    if (this.engine && this.meta.size > 0) this.readyFlag = true;
    // Titles for fuzzy autocomplete are not stored: index them once answers can already be given.
    await this.exclusive(() => this.indexTitles());
    // The saved directory answers at once; it is rebuilt only when the articles changed since it was saved.
    const current = this.meta.size > 0 && (await this.exclusive(() => this.restoreDirectory()));
    const firstDirectory = this.meta.size > 0 && !current ? this.refreshDirectory() : Promise.resolve();
    let report: SyncReport;
    try {
      report = await (this.options.loadWith ?? ((catalog) => catalog.sync()))(this);
    } catch (error) {
      const message = (error as Error).message;
      if (!this.closed) this.logger.error(`Loading the corpus failed: ${message}`);
      report = { ...emptyReport(this.size), error: message };
    }
    await firstDirectory;
    if (!this.directory && !this.closed) await this.refreshDirectory();
    this.readyFlag = true;
    const skipped = this.skipped().length;
    this.logger.info(
      `Loaded ${report.size} article${report.size === 1 ? '' : 's'} in ${(report.durationMs / 1000).toFixed(1)} s` +
        ` (${report.added.length} new, ${report.changed.length} changed, ${report.removed.length} removed,` +
        ` ${report.unchanged} unchanged${skipped > 0 ? `, ${skipped} skipped` : ''}; search engine: ${this.engine?.name ?? 'none'}).`,
    );
    return report;
  }

  private async resetState(): Promise<void> {
    this.meta.clear();
    this.files.clear();
    this.cache.clear();
    this.engine = undefined;
    this.titles = new SearchIndex();
    this.views = {};
    this.directory = this.fullDirectory = undefined;
    this.unbuiltChanges.clear();
    this.viewsComplete = false;
    this.viewChanges.clear();
    this.store.transaction(() => {
      this.store.applyFileChanges({ upserts: [], restamps: [], deletes: [...this.store.allIds()] });
      this.store.setMeta(ENGINE_KEY, '');
      SqliteEngine.drop(this.store.database);
    });
  }

  /** Restores file rows and metadata, opens the engine the store holds, and makes it cover exactly those articles. */
  private async restore(): Promise<void> {
    const slicer = new Slicer();
    const codecCurrent = this.store.getMeta('codec') === String(CODEC_VERSION);
    this.recheckSkipped = this.store.getMeta('maxBytes') !== String(this.options.maxBytes);
    let after = 0;
    for (;;) {
      const page = this.store.filePage(after, RESTORE_PAGE);
      if (page.length === 0) break;
      for (const row of page) {
        const state = stateOf(row);
        if (row.meta !== null && row.addedAt !== null && codecCurrent) {
          try {
            this.meta.set(row.id, { ...(JSON.parse(row.meta) as Omit<ArticleMeta, 'addedAt'>), addedAt: row.addedAt });
          } catch {
            state.analysisVersion = null; // unreadable row: the file is read again by the first sync
          }
        } else if (row.skipReason === null) {
          state.analysisVersion = null;
        }
        this.files.set(row.id, state);
        if (slicer.due) await slicer.pause();
      }
      after = page[page.length - 1]!.rowid;
      this.options.onProgress?.({ phase: 'restore', done: this.files.size, total: this.files.size });
    }
    const stored = this.store.getMeta(ENGINE_KEY) as EngineName | '' | undefined;
    if (stored === 'minisearch' || stored === 'sqlite') {
      await this.openEngine(chooseEngine(this.options.engine ?? 'auto', this.meta.size, stored), stored);
    } else {
      SqliteEngine.drop(this.store.database); // tables of an unfinished or unknown engine
    }
    this.views = {};
    this.viewsComplete = false;
    this.viewChanges.clear();
  }

  private async indexTitles(): Promise<void> {
    const slicer = new Slicer();
    for (const article of this.meta.values()) {
      this.titles.put(titleDocument(article));
      if (slicer.due) await slicer.pause();
    }
  }

  /**
   * Opens engine `name` (`stored`: the one the store holds). A different one starts empty and is filled from
   * the stored articles; either way it then covers exactly the articles of the files table.
   */
  private async openEngine(name: EngineName, stored: EngineName | undefined): Promise<void> {
    const slicer = new Slicer();
    if (stored !== undefined && stored !== name) {
      this.logger.info(`Moving the search index from ${stored} to ${name} (SEARCH_ENGINE); this is done once.`);
      if (stored === 'sqlite') SqliteEngine.drop(this.store.database);
      else await this.dropSavedMiniSearch();
    }
    let engine: SearchEngine;
    if (name === 'sqlite') {
      engine = await SqliteEngine.open(this.store.database);
    } else {
      const opened = stored === 'minisearch' ? await MiniSearchEngine.restore(this.store) : { engine: MiniSearchEngine.empty(this.store), restored: false };
      if (stored === 'minisearch' && !opened.restored) this.logger.warn('The saved search index could not be used; rebuilding it from the saved articles.');
      engine = opened.engine;
    }
    this.store.setMeta(ENGINE_KEY, name);
    this.engine = engine;
    // Reconcile with the files table; at 100,000 articles even these plain loops take tens of ms, so they pause.
    const stale: string[] = [];
    for (const [id, hash] of engine.covered()) {
      if (this.files.get(id)?.hash !== hash || !this.meta.has(id)) stale.push(id);
      if (slicer.due) await slicer.pause();
    }
    for (const id of stale) engine.remove(id);
    let repaired = 0;
    const missing: string[] = [];
    for (const id of this.meta.keys()) {
      if (engine.coveredHash(id) !== this.files.get(id)!.hash) missing.push(id);
      if (slicer.due) await slicer.pause();
    }
    for (const id of missing) {
      const article = this.get(id);
      if (article) engine.put(indexDocumentOf(article, this.files.get(id)!.hash!));
      repaired += 1;
      if (slicer.due) {
        this.store.transaction(() => engine.flush());
        this.options.onProgress?.({ phase: 'index', done: repaired, total: missing.length });
        await slicer.pause();
      }
    }
    this.store.transaction(() => engine.flush());
    if (missing.length > 0 && stored === name) this.logger.info(`Repaired the search index: ${missing.length} article(s) indexed again.`);
    this.cache.clear();
  }

  /** Forgets the saved MiniSearch index and frees its pieces a few at a time. */
  private async dropSavedMiniSearch(): Promise<void> {
    const slicer = new Slicer();
    this.store.setMeta('index', '');
    while (this.store.dropStalePieces(32) > 0) await slicer.maybePause();
  }

  private async runSync(only: ReadonlySet<string> | null): Promise<SyncReport> {
    const started = performance.now();
    const startedWall = Date.now(); // file times are real times, whatever clock stamps addedAt
    const { corpusDir, maxBytes } = this.options;
    const report = emptyReport(0);
    let plan: SyncPlan;
    let stamps: Map<string, FileStamp>;
    if (only) {
      // A watcher's list: look at those files only, whatever the size of the corpus.
      const ids = [...only].filter(isArticleId);
      stamps = await stampFiles(corpusDir, ids);
      const known = new Map(ids.filter((id) => this.files.has(id)).map((id) => [id, this.files.get(id)!]));
      plan = await planSync(known, stamps, { analysisVersion: this.analysisVersion, recheckSkipped: false });
    } else {
      stamps = await stampFiles(corpusDir, await findArticleFiles(corpusDir));
      plan = await planSync(this.files, stamps, { analysisVersion: this.analysisVersion, recheckSkipped: this.recheckSkipped });
    }
    report.unchanged = plan.unchanged.length;
    if (!this.engine) await this.openEngine(chooseEngine(this.options.engine ?? 'auto', stamps.size, undefined), undefined);

    const slicer = new Slicer();
    let changes: FileChanges = { upserts: [], restamps: [], deletes: [] };
    const sliceTerms = new Map<string, { title: string; body: string }>();
    const flush = () => {
      const batch = changes;
      changes = { upserts: [], restamps: [], deletes: [] };
      this.commitSlice(batch);
      if (this.options.onSlice) this.options.onSlice(sliceOf(batch, sliceTerms));
      sliceTerms.clear();
    };

    for (const id of plan.removed) {
      if (this.meta.has(id)) report.removed.push(id);
      this.forget(id);
      changes.deletes.push(id);
      if (slicer.due) {
        flush();
        await slicer.pause();
      }
    }
    flush();

    const apply = (id: string, result: ProcessResult) => {
      const stamp = stamps.get(id)!;
      const saved = stamp.mtimeMs >= startedWall - RACY_WINDOW_MS ? { ...stamp, mtimeMs: -1 } : stamp;
      this.applyResult(id, saved, result, report, changes);
      if (result.kind === 'article' && this.options.onSlice) sliceTerms.set(id, result.terms);
    };
    let done = 0;
    const progress = () => this.options.onProgress?.({ phase: 'read', done, total: plan.read.length });
    for await (const [id, result] of this.processAll(plan.read)) {
      apply(id, result);
      done += 1;
      if (slicer.due) {
        flush();
        progress();
        await slicer.pause();
      }
      if (this.closed) break;
    }
    flush();
    progress();
    if (this.recheckSkipped && !only) {
      this.store.setMeta('maxBytes', String(maxBytes));
      this.recheckSkipped = false;
    }
    this.store.setMeta('codec', String(CODEC_VERSION));

    const changed = report.added.length + report.changed.length + report.removed.length + report.reanalysed.length > 0;
    if (changed || !this.viewsComplete) await this.updateViews();
    await this.saveWhenDue();
    report.size = this.size;
    report.durationMs = performance.now() - started;
    return report;
  }

  /** Writes one slice's file rows and engine changes (and `also`) in one transaction. */
  private commitSlice(batch: FileChanges, also?: () => void): void {
    this.store.transaction(() => {
      this.store.applyFileChanges(batch);
      this.engine!.flush();
      also?.();
    });
  }

  /** Folds the system of record's rows into the local copy a slice at a time; see applyRemote. */
  private async runApplyRemote(rows: readonly RemoteArticle[], corpusSize: number): Promise<SyncReport> {
    const started = performance.now();
    const report = emptyReport(0);
    if (!this.engine) await this.openEngine(chooseEngine(this.options.engine ?? 'auto', corpusSize, undefined), undefined);
    const engine = this.engine!;
    const slicer = new Slicer();
    let changes: FileChanges = { upserts: [], restamps: [], deletes: [] };
    let cursor: string | undefined;
    const flush = () => {
      const batch = changes;
      changes = { upserts: [], restamps: [], deletes: [] };
      this.commitSlice(batch, () => {
        if (cursor !== undefined) this.store.setMeta(REMOTE_CURSOR_KEY, cursor);
        this.store.setMeta('codec', String(CODEC_VERSION));
      });
    };
    for (const row of rows) {
      if (this.closed) break;
      cursor = row.changeSeq;
      const before = this.files.get(row.id);
      if (row.deleted || row.data === null || row.meta === null || row.hash === null || row.addedAt === null) {
        if (!before) continue;
        if (this.meta.has(row.id)) report.removed.push(row.id);
        this.forget(row.id);
        changes.deletes.push(row.id);
      } else if (before?.hash !== row.hash || !this.meta.has(row.id)) {
        const article = decodeArticle(row.data, row.addedAt);
        const document = indexDocumentOf(article, row.hash, row.titleTerms !== null && row.bodyTerms !== null ? { title: row.titleTerms, body: row.bodyTerms } : undefined);
        this.noteChange(row.id);
        this.cache.delete(row.id);
        this.meta.set(row.id, { ...(JSON.parse(row.meta) as Omit<ArticleMeta, 'addedAt'>), addedAt: row.addedAt });
        engine.put(document);
        const state: FileState = { size: row.size, mtimeMs: row.mtimeMs, hash: row.hash, addedAt: row.addedAt, analysisVersion: row.analysisVersion, skipReason: null };
        this.files.set(row.id, state);
        changes.upserts.push({ id: row.id, ...state, data: row.data, meta: row.meta, people: row.people });
        (before ? report.changed : report.added).push(row.id);
      }
      if (slicer.due) {
        flush();
        await slicer.pause();
      }
    }
    flush();
    if (report.added.length + report.changed.length + report.removed.length > 0 || !this.viewsComplete) await this.updateViews();
    await this.saveWhenDue();
    report.size = this.size;
    report.durationMs = performance.now() - started;
    return report;
  }

  /**
   * Processes files, yielding each result as soon as it and those before it are ready (results come back in
   * request order). Large batches go to worker threads; a few files, or a custom analysis step, run here.
   */
  private async *processAll(ids: readonly string[]): AsyncGenerator<[string, ProcessResult]> {
    const settings: ProcessSettings = { corpusDir: this.options.corpusDir, maxBytes: this.options.maxBytes, analysisVersion: this.analysisVersion };
    const requestFor = (id: string): ProcessRequest => {
      const before = this.files.get(id);
      const analysed = before?.analysisVersion === this.analysisVersion || this.analysisFailures.has(id);
      return { id, knownHash: before?.hash ?? null, reuseIfSame: this.meta.has(id) && analysed };
    };
    const workers = this.options.analyze ? 0 : (this.options.workers ?? availableParallelism());
    if (workers === 0 || ids.length <= INLINE_MAX_FILES) {
      const analyze = this.options.analyze ?? analyzeArticle;
      for (let first = 0; first < ids.length; first += INLINE_CONCURRENCY) {
        const batch = ids.slice(first, first + INLINE_CONCURRENCY);
        const results = await Promise.all(batch.map((id) => processFile(requestFor(id), settings, analyze)));
        for (const [position, result] of results.entries()) yield [batch[position]!, result];
        if (this.closed) return;
      }
      return;
    }
    const pool = new WorkerPool(Math.min(workers, Math.ceil(ids.length / INLINE_MAX_FILES)), settings);
    try {
      const inFlight: Array<[string, Promise<ProcessResult>]> = [];
      let next = 0;
      while (next < ids.length || inFlight.length > 0) {
        while (next < ids.length && pool.capacity > 0) {
          const id = ids[next++]!;
          const promise = pool.process(requestFor(id));
          // A sync cut short by close() leaves requests that nobody awaits: their rejection is expected.
          promise.catch(() => undefined);
          inFlight.push([id, promise]);
        }
        const [id, promise] = inFlight.shift()!;
        yield [id, await promise];
        if (this.closed) return;
      }
    } finally {
      await pool.close();
    }
  }

  /** Folds one processed file into the catalog and records the row change. */
  private applyResult(id: string, stamp: FileStamp, result: ProcessResult, report: SyncReport, changes: FileChanges): void {
    const before = this.files.get(id);
    if (result.kind === 'skipped') {
      const { reason } = result;
      if (this.meta.has(id)) report.removed.push(id);
      this.forget(id);
      if (before?.skipReason !== reason) {
        this.logger.warn(`Skipped ${id}: ${reason}`);
        report.newlySkipped.push({ id, reason });
      }
      const state: FileState = { ...stamp, hash: null, addedAt: null, analysisVersion: null, skipReason: reason };
      this.files.set(id, state);
      changes.upserts.push({ id, ...state, data: null, meta: null, people: null });
      return;
    }
    if (result.kind === 'same') {
      // Same content as indexed: nothing to do but note the new stamp. (An article whose analysis failed is
      // retried when its content changes or at the next start, not at every sync.)
      this.files.set(id, { ...before!, ...stamp });
      changes.restamps.push({ id, ...stamp });
      return;
    }

    const { hash } = result;
    const existing = this.meta.has(id);
    const sameContent = before?.hash === hash && before.addedAt !== null;
    const addedAt = (sameContent ? before.addedAt : null) ?? this.store.firstSeen(hash) ?? this.now().toISOString();
    if (result.analysisVersion === null) {
      if (!this.analysisFailures.has(id)) {
        this.analysisFailures.add(id);
        this.logger.warn(`Analysis failed for ${id} (${result.analysisError}); it is searchable, without people, quotes or summary.`);
      }
    } else {
      this.analysisFailures.delete(id);
    }
    this.noteChange(id);
    this.cache.delete(id);
    this.meta.set(id, { ...(JSON.parse(result.meta) as Omit<ArticleMeta, 'addedAt'>), addedAt });
    this.engine!.put({
      id,
      title: result.title,
      body: result.body,
      date: result.date,
      source: result.source,
      hash,
      terms: result.terms,
    });
    const state: FileState = { ...stamp, hash, addedAt, analysisVersion: result.analysisVersion, skipReason: null };
    this.files.set(id, state);
    changes.upserts.push({ id, ...state, data: result.data, meta: result.meta, people: result.people });
    if (sameContent) report.reanalysed.push(id);
    else if (existing) report.changed.push(id);
    else report.added.push(id);
  }

  /** Remembers how an article looked before its first change since the views were last updated. */
  private noteChange(id: string): void {
    if (!this.viewChanges.has(id)) this.viewChanges.set(id, this.meta.get(id));
  }

  private forget(id: string): void {
    this.noteChange(id);
    this.meta.delete(id);
    this.files.delete(id);
    this.cache.delete(id);
    this.engine?.remove(id);
  }

  /**
   * The derived views (list by id, title suggestions, people directory) for the new state, swapped in
   * together; readers meanwhile see the previous views. A small change is patched into the sorted lists by
   * binary search; a large one (or the first load) rebuilds them a step at a time.
   */
  private async updateViews(): Promise<void> {
    const slicer = new Slicer();
    let all: ArticleMeta[];
    let suggester: TitleSuggester;
    const small = this.viewChanges.size <= Math.max(PATCH_VIEWS_MAX_CHANGES, PATCH_VIEWS_MAX_SHARE * this.size);
    for (const id of this.viewChanges.keys()) {
      const article = this.meta.get(id);
      if (article) this.titles.put(titleDocument(article));
      else this.titles.remove(id);
      if (slicer.due) await slicer.pause();
    }
    if (this.viewsComplete && this.views.all && this.views.suggester && small) {
      const before = [...this.viewChanges.values()].filter((article) => article !== undefined);
      const after = [...this.viewChanges.keys()].map((id) => this.meta.get(id)).filter((article) => article !== undefined);
      all = patchSorted(this.views.all, before, after, compareIds);
      suggester = this.views.suggester.patched(before, after);
    } else {
      all = await runStepsCooperatively(sortInSteps([...this.meta.values()], compareIds));
      suggester = await TitleSuggester.build(all);
    }
    this.viewChanges.clear();
    this.views = { all, suggester };
    this.viewsComplete = true;
    await slicer.pause();
  }

  /**
   * Rebuilds the people directory from the stored inputs, in slices (over 100,000 articles it takes seconds of
   * CPU). Calls made during a build are served by one more build that starts after it: the promise resolves
   * once the directory reflects every change made before the call.
   */
  private refreshDirectory(): Promise<void> {
    this.directoryDirty = true;
    this.directoryRun ??= (async () => {
      try {
        while (this.directoryDirty && !this.closed) {
          this.directoryDirty = false;
          clearTimeout(this.fullDirectoryTimer);
          this.fullDirectoryTimer = undefined;
          const contentVersion = this.store.contentVersion();
          const covered = [...this.unbuiltChanges];
          const started = performance.now();
          const directory = await buildPeopleDirectoryCooperatively(this.directoryInputs());
          // Closing cuts the passes short: that directory is partial, so it is neither used nor saved.
          if (this.closed) break;
          this.lastFullBuildMs = performance.now() - started;
          this.fullDirectory = directory;
          // Changes made during the build may have been read by it or not: patching them again is harmless.
          for (const id of covered) this.unbuiltChanges.delete(id);
          this.directory = this.patchedDirectory(directory);
          if (this.unbuiltChanges.size > 0) this.scheduleFullDirectory();
          this.options.onProgress?.({ phase: 'people', done: this.meta.size, total: this.meta.size });
          if (!this.closed) await this.saveDirectory(directory, contentVersion);
        }
      } catch (error) {
        this.logger.error(`Building the people directory failed: ${(error as Error).stack ?? String(error)}`);
      } finally {
        this.directoryRun = null;
      }
    })();
    return this.directoryRun;
  }

  /** The directory format the store keeps: the pieces' layout and the analysis that made the people. */
  private get directoryFormat(): number {
    return DIRECTORY_PIECES_VERSION * 1_000 + this.analysisVersion;
  }

  /** Saves a built directory in pieces, a few per slice; the previous one stays until the new one is whole. */
  private async saveDirectory(directory: PeopleDirectory, contentVersion: number): Promise<void> {
    const slicer = new Slicer();
    const generation = this.store.newGeneration();
    let written = 0;
    let batch: string[] = [];
    let batchChars = 0;
    for (const piece of directoryPieces(directory)) {
      batch.push(piece);
      batchChars += piece.length;
      // A few pieces per transaction, and never many megabytes: one write is one blocking step.
      if (batch.length >= 8 || batchChars >= 1024 * 1024) {
        this.store.writeDirectoryPieces(generation, written, batch);
        written += batch.length;
        batch = [];
        batchChars = 0;
      }
      if (this.closed) return;
      await slicer.maybePause();
    }
    this.store.writeDirectoryPieces(generation, written, batch);
    written += batch.length;
    this.store.commitDirectory({ generation, contentVersion, pieces: written, format: this.directoryFormat });
    while (this.store.dropStaleDirectoryPieces(32) > 0) await slicer.maybePause();
  }

  /**
   * Restores the saved directory, if it is whole and of this format, so /quotes answers right after a start.
   * Returns whether it reflects the articles as they are (otherwise a rebuild follows).
   */
  private async restoreDirectory(): Promise<boolean> {
    const info = this.store.savedDirectory();
    if (!info || info.format !== this.directoryFormat) return false;
    const slicer = new Slicer();
    const pieces: string[] = [];
    for (let after = -1; ; ) {
      const page = this.store.directoryPiecePage(info.generation, after, 16);
      if (page.length === 0) break;
      for (const piece of page) pieces.push(piece.json);
      after = page[page.length - 1]!.seq;
      await slicer.maybePause();
    }
    if (pieces.length !== info.pieces) return false;
    try {
      this.directory = this.fullDirectory = await runStepsCooperatively(directoryFromPieces(pieces));
    } catch (error) {
      this.logger.warn(`The saved people directory could not be read (${(error as Error).message}); rebuilding it.`);
      return false;
    }
    return info.contentVersion === this.store.contentVersion();
  }

  /**
   * The people directory's inputs, read from the store a page at a time on each pass of the build, so the
   * build holds one page and its own tallies rather than every article's people at once (at 100,000 articles
   * that was gigabytes). Quotes keep only their speaker. A change during a build is caught by the next one.
   */
  private directoryInputs(): Iterable<DirectoryArticle> {
    let passes = 0;
    return { [Symbol.iterator]: () => this.directoryPass(passes++ === 0) };
  }

  /** One pass over the stored people, a page at a time; the first pass reports progress. Ends early on close. */
  private *directoryPass(reportProgress: boolean): Generator<DirectoryArticle> {
    let done = 0;
    for (let after = 0; ; ) {
      if (this.closed) return;
      const page = this.store.peoplePage(after, DIRECTORY_PAGE);
      if (page.length === 0) return;
      if (reportProgress) this.options.onProgress?.({ phase: 'people', done: (done += page.length), total: this.meta.size });
      for (const row of page) {
        if (!this.meta.has(row.id)) continue;
        const { people, quotes } = JSON.parse(row.people) as DirectoryArticle['analysis'];
        yield { id: row.id, analysis: { people, quotes: quotes.map(({ speaker, speakerType }) => ({ speaker, speakerType })) } };
      }
      after = page[page.length - 1]!.rowid;
    }
  }

  /** Saves now after a large change; after a small one, once things have been quiet for a while. */
  private async saveWhenDue(): Promise<void> {
    const unsaved = this.engine?.unsaved ?? 0;
    if (unsaved === 0 || this.closed) return; // close() saves
    if (unsaved >= Math.max(SAVE_NOW_MIN_CHANGES, SAVE_NOW_SHARE * this.size) || !this.store.savedIndex()) {
      await this.saveIfChanged();
      return;
    }
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.exclusive(() => this.saveIfChanged()).catch((error: Error) => this.logger.warn(`Saving the search index failed: ${error.message}`));
    }, this.options.saveDelayMs ?? 30_000);
    this.saveTimer.unref();
  }

  private async saveIfChanged(): Promise<void> {
    const engine = this.engine;
    if (!engine || engine.unsaved === 0) return;
    const total = engine.unsaved;
    this.options.onProgress?.({ phase: 'save', done: 0, total });
    await engine.save();
    this.options.onProgress?.({ phase: 'save', done: total, total });
  }

  private emit(report: SyncReport): void {
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (error) {
        this.logger.error(`A catalog change listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
}

/** Ids sort with the engine's native string sort, then map back: much cheaper than a comparator at 100,000. */
function sortedById(articles: ReadonlyMap<string, ArticleMeta>): ArticleMeta[] {
  return [...articles.keys()].sort().map((id) => articles.get(id)!);
}

function compareIds(a: ArticleMeta, b: ArticleMeta): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What an engine indexes of a stored article (a repair or an engine switch; new files come from the workers). */
function indexDocumentOf(article: IndexedArticle, hash: string, terms?: IndexDocument['terms']): IndexDocument {
  const title = article.titleDerived ? '' : article.title;
  const body = bodyText(article);
  return { id: article.id, title, body, date: article.date, source: article.source, hash, terms: terms ?? { title: indexTerms(title), body: indexTerms(body) } };
}

/** A committed slice as the system of record takes it: loaded articles with their terms, and what left. */
function sliceOf(changes: FileChanges, terms: ReadonlyMap<string, { title: string; body: string }>): CatalogSlice {
  const slice: CatalogSlice = { upserts: [], removals: [...changes.deletes] };
  for (const row of changes.upserts) {
    const rowTerms = terms.get(row.id);
    if (row.data !== null && rowTerms) slice.upserts.push({ ...row, terms: rowTerms });
    else if (row.data === null) slice.removals.push(row.id);
  }
  return slice;
}

function titleDocument(article: ArticleMeta) {
  return { id: article.id, title: article.title, body: '', date: article.date };
}

function stateOf(row: FileSummaryRow): FileState {
  const { size, mtimeMs, hash, addedAt, analysisVersion, skipReason } = row;
  return { size, mtimeMs, hash, addedAt, analysisVersion, skipReason };
}

function emptyReport(size: number): SyncReport {
  return { added: [], changed: [], removed: [], reanalysed: [], unchanged: 0, newlySkipped: [], size, durationMs: 0 };
}

/** Title and body, as phrase checks read them. */
function articleText(article: IndexedArticle | undefined): string | undefined {
  return article && `${article.title}\n\n${bodyText(article)}`;
}
