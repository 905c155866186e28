/**
 * The full-text engine seam. The catalog owns articles, files and views; an engine owns only the searchable
 * terms of each article and answers ranked queries over them. Two engines pass one contract suite
 * (test/index/engine.contract.test.ts):
 *
 * - `minisearch` (searchIndex.ts): the whole index in memory, saved to and restored from the catalog store in
 *   pieces. Fast to query; needs about 3 bytes of heap per byte of text, so it suits corpora up to a few
 *   tens of thousands of articles.
 * - `sqlite` (sqliteEngine.ts): SQLite FTS5 in the catalog's database file. Memory does not grow with the
 *   corpus, a warm start opens it in milliseconds, and every change is written in the same transaction as the
 *   file rows it belongs to.
 *
 * `auto` picks by corpus size (AUTO_SQLITE_MIN_ARTICLES); see chooseEngine.
 */
import type { RankingSettings } from './searchIndex.js';
import type { SearchHit, SearchOptions } from './types.js';

export interface EngineSearchOptions extends SearchOptions {
  textOf?: (id: string) => string | undefined;
  /** Ranking settings to compare (scripts/eval-search.ts): the MiniSearch engine reads them all, SQLite only `expansion`. */
  ranking?: Partial<RankingSettings>;
}

export type EngineName = 'minisearch' | 'sqlite';
export type EngineSetting = EngineName | 'auto';
export const ENGINE_SETTINGS: readonly EngineSetting[] = ['auto', 'minisearch', 'sqlite'];

/**
 * What an engine indexes of an article. `terms`, when present, are the title's and body's normalised terms
 * (tokenize.ts's indexTerms) joined by single spaces, computed on a worker thread with the rest of the analysis,
 * so an engine that takes them (SQLite) does no tokenising on the main thread.
 */
export interface IndexDocument {
  id: string;
  /** Empty when the title was derived from the first sentence: it is then searched as the body it came from. */
  title: string;
  body: string;
  date: string | null;
  source: string | null;
  /** Content hash of the file the document came from: lets a restore see what the engine already covers. */
  hash: string;
  terms?: { title: string; body: string };
}

export interface SearchEngine {
  readonly name: EngineName;
  /** Documents indexed. */
  readonly size: number;
  has(id: string): boolean;
  /** The content hash each indexed document came from (what a restore compares with the files table). */
  coveredHash(id: string): string | undefined;
  /** Every indexed id with its hash, for a restore to reconcile with the files table. */
  covered(): IterableIterator<[id: string, hash: string]>;
  /** Adds or replaces a document. */
  put(document: IndexDocument): void;
  remove(id: string): void;
  /** Ranked hits for a query in the search syntax (query.ts). `textOf` gives an article's text, to check phrases. */
  search(query: string, options?: EngineSearchOptions): SearchHit[];
  /** The indexed term nearest to an unknown one (a typo), or null: for "did you mean". */
  nearestTerm(term: string): string | null;
  /** Whether any document contains this normalised term. */
  knows(term: string): boolean;
  /** How many documents contain this normalised term. */
  documentFrequency(term: string): number;
  /**
   * Makes every change so far durable. The catalog calls it inside the store transaction that writes the file
   * rows of the same changes, so the engine and the files table never disagree after a crash.
   */
  flush(): void;
  /** Whether changes since the last save need a save() (an in-memory engine) or are already durable (SQLite). */
  readonly unsaved: number;
  /** Persists the engine in short slices (never blocking the event loop for long). */
  save(): Promise<void>;
}

/** At or above this many articles `auto` uses SQLite FTS5 (measured: see README, "Index at scale"). */
export const AUTO_SQLITE_MIN_ARTICLES = 5_000;

/**
 * The engine for a setting. `auto` keeps whatever engine the store already holds unless the corpus has
 * clearly outgrown it, so a restart never flips engines (and rebuilds) at a size near the threshold.
 */
export function chooseEngine(setting: EngineSetting, articles: number, current: EngineName | undefined): EngineName {
  if (setting !== 'auto') return setting;
  if (current === 'sqlite') return 'sqlite';
  if (current === 'minisearch' && articles < AUTO_SQLITE_MIN_ARTICLES * 1.5) return 'minisearch';
  return articles >= AUTO_SQLITE_MIN_ARTICLES ? 'sqlite' : 'minisearch';
}
