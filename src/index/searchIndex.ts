/**
 * Full-text search over articles: a MiniSearch index on title and body, with the shared tokenizer (stop words,
 * Porter stems). Only the id and date are stored; text stays in the catalog.
 *
 * Ranking settings were chosen by measurement on Cranfield through the real catalog (npm run eval:search --
 * --compare): query terms combined with OR and ranked by BM25 (k 2, b 0.75, no BM25+ floor), title matches
 * boosted 2×: nDCG@10 0.368, MAP 0.311, against 0.357 and 0.301 for MiniSearch's defaults. The choice sits in a
 * flat neighbourhood (title boost 2–3, k 1.5–2, b 0.75–0.9 all score within 0.005), so it is not a spike.
 * Ranking documents that match all terms first (AND, then OR), or multiplying by the share of terms matched,
 * both measured lower, so neither is used. Fuzzy matching applies only to query terms that no article
 * contains (a misspelt name), and prefix matching only to autocomplete: on full queries both lower relevance.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { SearchHit, SearchOptions } from './types.js';
import { normalizeTerm, queryTerms, tokenize } from './tokenize.js';

/** What the index sees of an article. */
export interface IndexDocument {
  id: string;
  title: string;
  body: string;
  date: string | null;
}

/** Bump when tokenisation, fields or stored fields change: persisted indexes of other versions are rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

/** Ranking settings; exported so the evaluation script can compare alternatives on the same code path. */
export interface RankingSettings {
  titleBoost: number;
  bm25: { k: number; b: number; d: number };
}

export const DEFAULT_RANKING: RankingSettings = {
  titleBoost: 2,
  bm25: { k: 2, b: 0.75, d: 0 },
};

const processTerm = (token: string): string | undefined => normalizeTerm(token) ?? undefined;

export const MINISEARCH_OPTIONS: Options<IndexDocument> = {
  idField: 'id',
  fields: ['title', 'body'],
  storeFields: ['date'],
  tokenize,
  processTerm,
  // Vacuuming walks every term; batches keep each step short, and the catalog also vacuums before saving.
  autoVacuum: { batchSize: 500, batchWait: 1, minDirtCount: 20, minDirtFactor: 0.1 },
};

export interface IndexSearchOptions extends SearchOptions {
  ranking?: RankingSettings;
}

/** Relative edit distance allowed for unknown terms, and the shortest term it applies to. */
const FUZZY_FRACTION = 0.2;
const FUZZY_MIN_LENGTH = 5;
/** A pasted paragraph is still a query, but only its first terms are looked up. */
const MAX_QUERY_TERMS = 64;

/** Recent results kept for repeated queries (pages of one answer, autocomplete, many users asking at once). */
const CACHED_QUERIES = 100;

export class SearchIndex {
  /** Query key → hits; emptied whenever a document changes. */
  private readonly cache = new Map<string, SearchHit[]>();

  constructor(readonly mini: MiniSearch<IndexDocument> = new MiniSearch(MINISEARCH_OPTIONS)) {}

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  /** Adds or replaces a document. */
  put(document: IndexDocument): void {
    this.cache.clear();
    if (this.mini.has(document.id)) this.mini.discard(document.id);
    this.mini.add(document);
  }

  remove(id: string): void {
    this.cache.clear();
    if (this.mini.has(id)) this.mini.discard(id);
  }

  /** Cleans up discarded documents, in batches. Resolves when the index holds no stale references. */
  async vacuum(): Promise<void> {
    if (this.mini.dirtCount > 0 || this.mini.isVacuuming) await this.mini.vacuum({ batchSize: 500, batchWait: 1 });
  }

  /**
   * Ranked hits for a free-text query. Terms are matched exactly (after stemming); a term that no article
   * contains (a misspelt name, most often) is matched within a small edit distance instead.
   */
  search(query: string, options: IndexSearchOptions = {}): SearchHit[] {
    const terms = queryTerms(query).slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    const key = JSON.stringify([terms, options.limit, options.from, options.to, options.ranking]);
    let hits = this.cache.get(key);
    if (hits) {
      this.cache.delete(key); // most recently used goes last
    } else {
      const unknown = new Set(terms.filter((term) => term.length >= FUZZY_MIN_LENGTH && !this.knows(term)));
      hits = this.rank(terms, options, unknown);
      if (this.cache.size >= CACHED_QUERIES) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, hits);
    return hits.map((hit) => ({ ...hit, terms: [...hit.terms] }));
  }

  /** Whether any article contains the (normalised) term. */
  knows(term: string): boolean {
    // MiniSearch has no public term lookup; its term map is the radix tree every search walks.
    return (this.mini as unknown as { _index: { has(term: string): boolean } })._index.has(term);
  }

  /** How many articles contain the (normalised) term, in any field. */
  documentFrequency(term: string): number {
    const fields = (this.mini as unknown as { _index: { get(term: string): Map<number, Map<number, number>> | undefined } })._index.get(term);
    if (!fields) return 0;
    if (fields.size === 1) return fields.values().next().value!.size;
    const documents = new Set<number>();
    for (const frequencies of fields.values()) for (const document of frequencies.keys()) documents.add(document);
    return documents.size;
  }

  /** Ids of articles whose title matches the words typed so far: the last word may be unfinished or misspelt. */
  suggestTitles(text: string, limit: number): string[] {
    const tokens = tokenize(text);
    if (tokens.length === 0) return [];
    const results = this.mini.search(text, {
      fields: ['title'],
      combineWith: 'AND',
      prefix: (_term, index, all) => index === all.length - 1,
      fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH ? FUZZY_FRACTION : false),
      weights: { fuzzy: 0.3, prefix: 0.6 },
    });
    return results.slice(0, limit).map((result) => String(result.id));
  }

  private rank(terms: string[], options: IndexSearchOptions, fuzzyTerms: ReadonlySet<string>): SearchHit[] {
    const ranking = options.ranking ?? DEFAULT_RANKING;
    const inRange = dateFilter(options.from, options.to);
    const results = this.mini.search(terms.join(' '), {
      fields: ['title', 'body'],
      boost: { title: ranking.titleBoost },
      bm25: ranking.bm25,
      combineWith: 'OR',
      prefix: false,
      fuzzy: fuzzyTerms.size > 0 ? (term) => (fuzzyTerms.has(term) ? FUZZY_FRACTION : false) : false,
      // The terms are already normalised: do not stem them twice.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      ...(inRange ? { filter: (result: SearchResult) => inRange(result.date as string | null) } : {}),
    });
    // MiniSearch returns every match sorted by score (a stable sort, so ties keep index order): only the
    // requested page is turned into hits.
    return results.slice(0, options.limit ?? 10).map((result) => ({
      id: String(result.id),
      score: result.score,
      terms: result.terms,
    }));
  }
}

/** A predicate on ISO dates, or null when no range is asked for. Undated articles fall outside any range. */
function dateFilter(from?: string, to?: string): ((date: string | null) => boolean) | null {
  if (!from && !to) return null;
  return (date) => date !== null && (!from || date >= from) && (!to || date <= to);
}
