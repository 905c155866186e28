/**
 * The live catalog: the corpus folder, analysed, indexed and kept in step with the files, incrementally.
 *
 * - Start: the saved articles and the saved index are restored from DATA_DIR (non-blocking), then one sync
 *   brings them up to date with the folder. Searches work throughout; `ready` turns true after that sync.
 * - Sync: files whose size and mtime did not move are not read; the others are read and hashed; only new
 *   content is parsed, analysed and indexed (a touched file keeps its analysis and its addedAt); files that
 *   went away leave the index. An ANALYSIS_VERSION change re-analyses every article once.
 * - Nothing blocks the event loop for long: work runs in slices of a few milliseconds (cooperate.ts), and
 *   the index is saved and restored in pieces (snapshot.ts).
 */
import { bodyText, type Article, type SkippedFile } from '../corpus/article.js';
import { findArticleFiles } from '../corpus/find.js';
import { loadArticle, type LoadResult } from '../corpus/load.js';
import { ANALYSIS_VERSION, analyzeArticle } from '../analysis/analyze.js';
import { buildPeopleDirectory, buildPeopleDirectoryCooperatively } from '../analysis/peopleDirectory.js';
import type { ArticleAnalysis, PeopleDirectory } from '../analysis/types.js';
import { CODEC_VERSION, decodeArticle, encodeArticle } from './codec.js';
import { Slicer } from './cooperate.js';
import { restoreIndex, saveIndex } from './savedIndex.js';
import { indexDocumentOf, SearchIndex, type IndexDocument } from './searchIndex.js';
import { CatalogStore, type FileChanges, type FileRow, type FileState } from './store.js';
import { patchSorted } from './sortedArray.js';
import { TitleSuggester } from './suggest.js';
import { isArticleId, planSync, stampFiles, type FileStamp, type SyncPlan } from './syncPlan.js';
import type { Catalog, IndexedArticle, SearchHit, SearchOptions } from './types.js';

/** The logging the catalog needs; a pino logger fits. */
export interface CatalogLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CatalogProgress {
  phase: 'restore' | 'read' | 'save';
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
  /** After a small change, the index is saved this long after the last change (and on close). Default 30 s. */
  saveDelayMs?: number;
  /** For tests and benchmarks: the analysis step and its version. */
  analyze?: (article: Article) => ArticleAnalysis;
  analysisVersion?: number;
  /** For tests: the clock that stamps addedAt. */
  now?: () => Date;
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
  /** Waits for running work, saves the index if it changed, and closes the store. */
  close(): Promise<void>;
}

/** Opens the catalog for a corpus folder. Resolves at once; the first load runs in the background (`loaded`). */
export async function openCatalog(options: OpenCatalogOptions): Promise<LiveCatalog> {
  const store = CatalogStore.open(options.dataDir, options.corpusDir);
  return new CorpusCatalog(store, options);
}

/** Files read at once during a sync. */
const READ_CONCURRENCY = 16;
/** A file modified this close to a sync may change again within its mtime's precision: check it next time. */
const RACY_WINDOW_MS = 2_000;
/** Index changes that trigger a save right after a sync rather than after the idle delay. */
const SAVE_NOW_MIN_CHANGES = 200;
const SAVE_NOW_SHARE = 0.02;
/** Changes patched into the sorted views; more than this and they are rebuilt. */
const PATCH_VIEWS_MAX_CHANGES = 1_000;
const PATCH_VIEWS_MAX_SHARE = 0.05;

interface QueuedSync {
  /** null: the whole folder. */
  ids: Set<string> | null;
  promise: Promise<SyncReport>;
}

interface Views {
  all?: IndexedArticle[];
  people?: PeopleDirectory;
  suggester?: TitleSuggester;
}

class CorpusCatalog implements LiveCatalog {
  readonly loaded: Promise<SyncReport>;
  readonly corpusDir: string;
  private readyFlag = false;
  private closed = false;
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly files = new Map<string, FileState>();
  private index = new SearchIndex();
  /** File id → content hash of what the index holds. */
  private covered = new Map<string, string>();
  private views: Views = {};
  /** True once the views were built for the whole catalog, so later changes can be patched in. */
  private viewsComplete = false;
  /** Articles as they were before the changes not yet reflected in the views (undefined: did not exist). */
  private readonly viewChanges = new Map<string, IndexedArticle | undefined>();
  /** Index changes not yet saved. */
  private unsaved = 0;
  private saveTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private queued: QueuedSync | null = null;
  private recheckSkipped = false;
  private readonly listeners = new Set<(report: SyncReport) => void>();
  private readonly analysisFailures = new Set<string>();
  private readonly analysisVersion: number;
  private readonly analyze: (article: Article) => ArticleAnalysis;
  private readonly now: () => Date;
  private readonly logger: CatalogLogger;

  constructor(
    private readonly store: CatalogStore,
    private readonly options: OpenCatalogOptions,
  ) {
    this.corpusDir = options.corpusDir;
    this.analysisVersion = options.analysisVersion ?? ANALYSIS_VERSION;
    this.analyze = options.analyze ?? analyzeArticle;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? { info: () => {}, warn: () => {}, error: () => {} };
    this.loaded = this.firstLoad();
  }

  // ---- Catalog (read side) ----

  get ready(): boolean {
    return this.readyFlag;
  }

  get size(): number {
    return this.articles.size;
  }

  /** Every article, by id. */
  all(): readonly IndexedArticle[] {
    this.views.all ??= sortedById(this.articles);
    return this.views.all;
  }

  get(id: string): IndexedArticle | undefined {
    return this.articles.get(id);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.index.search(query, { ...options, textOf: (id) => articleText(this.articles.get(id)) }).filter((hit) => this.articles.has(hit.id));
  }

  documentFrequency(term: string): number {
    return this.index.documentFrequency(term);
  }

  nearestTerm(term: string): string | null {
    return this.index.nearestTerm(term);
  }

  suggestArticles(prefix: string, limit: number): IndexedArticle[] {
    this.views.suggester ??= TitleSuggester.buildNow(this.all());
    return this.views.suggester.suggest(prefix, limit, this.index, (id) => this.articles.get(id));
  }

  people(): PeopleDirectory {
    this.views.people ??= buildPeopleDirectory(this.all());
    return this.views.people;
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
    });
    this.queued = queued;
    return queued.promise;
  }

  onChange(listener: (report: SyncReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.saveTimer);
    try {
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
    try {
      await this.exclusive(() => this.restore());
    } catch (error) {
      this.logger.warn(`The saved catalog in ${this.store.file} could not be read (${(error as Error).message}); rebuilding it from the corpus.`);
      this.resetState();
    }
    let report: SyncReport;
    try {
      report = await this.sync();
    } catch (error) {
      const message = (error as Error).message;
      if (!this.closed) this.logger.error(`Loading the corpus failed: ${message}`);
      report = { ...emptyReport(this.size), error: message };
    }
    this.readyFlag = true;
    const skipped = this.skipped().length;
    this.logger.info(
      `Loaded ${report.size} article${report.size === 1 ? '' : 's'} in ${(report.durationMs / 1000).toFixed(1)} s` +
        ` (${report.added.length} new, ${report.changed.length} changed, ${report.removed.length} removed,` +
        ` ${report.unchanged} unchanged${skipped > 0 ? `, ${skipped} skipped` : ''}).`,
    );
    return report;
  }

  private resetState(): void {
    this.articles.clear();
    this.files.clear();
    this.index = new SearchIndex();
    this.covered = new Map();
    this.views = {};
    this.viewsComplete = false;
    this.viewChanges.clear();
    this.unsaved = 0;
  }

  /** Restores saved articles and the saved index, then makes the index cover exactly those articles. */
  private async restore(): Promise<void> {
    const slicer = new Slicer();
    const codecCurrent = this.store.getMeta('codec') === String(CODEC_VERSION);
    this.recheckSkipped = this.store.getMeta('maxBytes') !== String(this.options.maxBytes);
    let after = 0;
    for (;;) {
      const page = this.store.filePage(after, 200);
      if (page.length === 0) break;
      for (const row of page) {
        const state = stateOf(row);
        if (row.data !== null && row.addedAt !== null && codecCurrent) {
          try {
            this.articles.set(row.id, decodeArticle(row.data, row.addedAt));
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

    const restored = await restoreIndex(this.store).catch((error: Error) => {
      this.logger.warn(`The saved search index could not be read (${error.message}); rebuilding it.`);
      return null;
    });
    if (restored) {
      this.index = restored.index;
      this.covered = restored.covered;
    }
    for (const [id, hash] of [...this.covered]) {
      if (this.files.get(id)?.hash !== hash || !this.articles.has(id)) this.unindex(id);
      if (slicer.due) await slicer.pause();
    }
    for (const [id, article] of this.articles) {
      const hash = this.files.get(id)!.hash!;
      if (this.covered.get(id) !== hash) this.indexArticle(article, hash);
      if (slicer.due) await slicer.pause();
    }
    this.views = {};
    this.viewsComplete = false;
    this.viewChanges.clear();
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

    const slicer = new Slicer();
    let changes: FileChanges = { upserts: [], restamps: [], deletes: [] };
    const flush = () => {
      this.store.applyFileChanges(changes);
      changes = { upserts: [], restamps: [], deletes: [] };
    };

    for (const id of plan.removed) {
      if (this.articles.has(id)) report.removed.push(id);
      this.forget(id);
      changes.deletes.push(id);
    }
    flush();

    for (let first = 0; first < plan.read.length && !this.closed; first += READ_CONCURRENCY) {
      const batch = plan.read.slice(first, first + READ_CONCURRENCY);
      const results = await Promise.all(batch.map((id) => this.load(id)));
      for (const [position, result] of results.entries()) {
        const id = batch[position]!;
        const stamp = stamps.get(id)!;
        const saved = stamp.mtimeMs >= startedWall - RACY_WINDOW_MS ? { ...stamp, mtimeMs: -1 } : stamp;
        this.applyLoaded(id, saved, result, report, changes);
        if (slicer.due) {
          flush();
          await slicer.pause();
        }
      }
      flush();
      this.options.onProgress?.({ phase: 'read', done: Math.min(first + batch.length, plan.read.length), total: plan.read.length });
    }
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
    if (changed) this.emit(report);
    return report;
  }

  private async load(id: string): Promise<LoadResult> {
    try {
      return await loadArticle(this.options.corpusDir, id, { maxBytes: this.options.maxBytes });
    } catch (error) {
      return { ok: false, skipped: { id, reason: `could not be read (${(error as Error).message})` } };
    }
  }

  /** Folds one freshly read file into the catalog and records the row change. */
  private applyLoaded(id: string, stamp: FileStamp, result: LoadResult, report: SyncReport, changes: FileChanges): void {
    const before = this.files.get(id);
    if (!result.ok) {
      const reason = result.skipped.reason;
      if (this.articles.has(id)) report.removed.push(id);
      this.forget(id);
      if (before?.skipReason !== reason) {
        this.logger.warn(`Skipped ${id}: ${reason}`);
        report.newlySkipped.push({ id, reason });
      }
      const state: FileState = { ...stamp, hash: null, addedAt: null, analysisVersion: null, skipReason: reason };
      this.files.set(id, state);
      changes.upserts.push({ id, ...state, data: null });
      return;
    }

    const { article, hash } = result;
    const existing = this.articles.get(id);
    // Same content as indexed: nothing to do but note the new stamp. (An article whose analysis failed is
    // retried when its content changes or at the next start, not at every sync.)
    const analysed = before?.analysisVersion === this.analysisVersion || this.analysisFailures.has(id);
    if (existing && before?.hash === hash && analysed) {
      this.files.set(id, { ...before, ...stamp });
      changes.restamps.push({ id, ...stamp });
      return;
    }

    const sameContent = before?.hash === hash && before.addedAt !== null;
    const addedAt = (sameContent ? before.addedAt : null) ?? this.store.firstSeen(hash) ?? this.now().toISOString();
    const { analysis, analysisVersion } = this.analyzeSafely(article);
    const data = encodeArticle({ ...article, analysis });
    const indexed = decodeArticle(data, addedAt);
    this.noteChange(id);
    this.articles.set(id, indexed);
    this.indexArticle(indexed, hash);
    const state: FileState = { ...stamp, hash, addedAt, analysisVersion, skipReason: null };
    this.files.set(id, state);
    changes.upserts.push({ id, ...state, data });
    if (sameContent) report.reanalysed.push(id);
    else if (existing) report.changed.push(id);
    else report.added.push(id);
  }

  /**
   * Analysis of one article. If it throws (a bug, whatever the text), the article stays searchable with an
   * empty analysis, the failure is logged once, and its version is left unset so a later sync tries again.
   */
  private analyzeSafely(article: Article): { analysis: ArticleAnalysis; analysisVersion: number | null } {
    try {
      const analysis = this.analyze(article);
      this.analysisFailures.delete(article.id);
      return { analysis, analysisVersion: this.analysisVersion };
    } catch (error) {
      if (!this.analysisFailures.has(article.id)) {
        this.analysisFailures.add(article.id);
        this.logger.warn(
          `Analysis failed for ${article.id} (${(error as Error).message}); it is searchable, without people, quotes or summary.`,
        );
      }
      return { analysis: { sentences: [], people: [], quotes: [], summary: [] }, analysisVersion: null };
    }
  }

  /** Remembers how an article looked before its first change since the views were last updated. */
  private noteChange(id: string): void {
    if (!this.viewChanges.has(id)) this.viewChanges.set(id, this.articles.get(id));
  }

  private indexArticle(article: IndexedArticle, hash: string): void {
    this.index.put(indexDocument(article));
    this.covered.set(article.id, hash);
    this.unsaved += 1;
  }

  private unindex(id: string): void {
    if (!this.covered.has(id) && !this.index.has(id)) return;
    this.index.remove(id);
    this.covered.delete(id);
    this.unsaved += 1;
  }

  private forget(id: string): void {
    this.noteChange(id);
    this.articles.delete(id);
    this.files.delete(id);
    this.unindex(id);
  }

  /**
   * The derived views (list by id, title suggestions, people directory) for the new state, swapped in
   * together; readers meanwhile see the previous views. A small change is patched into the sorted lists by
   * binary search; a large one (or the first load) rebuilds them a step at a time.
   */
  private async updateViews(): Promise<void> {
    const slicer = new Slicer();
    let all: IndexedArticle[];
    let suggester: TitleSuggester;
    const small = this.viewChanges.size <= Math.max(PATCH_VIEWS_MAX_CHANGES, PATCH_VIEWS_MAX_SHARE * this.size);
    if (this.viewsComplete && this.views.all && this.views.suggester && small) {
      const before = [...this.viewChanges.values()].filter((article) => article !== undefined);
      const after = [...this.viewChanges.keys()].map((id) => this.articles.get(id)).filter((article) => article !== undefined);
      all = patchSorted(this.views.all, before, after, compareIds);
      suggester = this.views.suggester.patched(before, after);
    } else {
      all = sortedById(this.articles);
      await slicer.pause();
      suggester = await TitleSuggester.build(all);
    }
    this.viewChanges.clear();
    await slicer.pause();
    // Built in slices: over 100,000 articles it takes about a second of CPU.
    const people = await buildPeopleDirectoryCooperatively(all);
    this.views = { all, suggester, people };
    this.viewsComplete = true;
    await slicer.pause();
  }

  /** Saves now after a large change; after a small one, once things have been quiet for a while. */
  private async saveWhenDue(): Promise<void> {
    if (this.unsaved === 0 || this.closed) return; // close() saves
    if (this.unsaved >= Math.max(SAVE_NOW_MIN_CHANGES, SAVE_NOW_SHARE * this.size) || !this.store.savedIndex()) {
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
    if (this.unsaved === 0) return;
    const total = this.unsaved;
    this.options.onProgress?.({ phase: 'save', done: 0, total });
    await saveIndex(this.store, this.index, this.covered);
    this.unsaved = 0;
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
function sortedById(articles: ReadonlyMap<string, IndexedArticle>): IndexedArticle[] {
  return [...articles.keys()].sort().map((id) => articles.get(id)!);
}

function compareIds(a: IndexedArticle, b: IndexedArticle): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function indexDocument(article: IndexedArticle): IndexDocument {
  return indexDocumentOf(article, bodyText(article));
}

function stateOf(row: FileRow): FileState {
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
