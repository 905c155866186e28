/** The shape of the loaded corpus that answers read: articles with their analysis, searchable. */
import type { Article, SkippedFile } from '../corpus/article.js';
import type { ArticleAnalysis, PeopleDirectory } from '../analysis/types.js';

export interface IndexedArticle extends Article {
  analysis: ArticleAnalysis;
  /** ISO timestamp of when this content (by hash) was first indexed: a changed file counts as new only if its text changed. */
  addedAt: string;
}

export interface SearchOptions {
  /** Most hits to return. Default 10. */
  limit?: number;
  /** Keep articles dated on or after this ISO date (undated articles are dropped when from/to is set). */
  from?: string;
  /** Keep articles dated on or before this ISO date. */
  to?: string;
  /** Keep articles whose source is this (case-insensitive). */
  source?: string;
  /** Best match first (default), or newest first among the articles matching the most query words. */
  sort?: 'relevance' | 'newest';
  /** 'any' (default): all words preferred, any word accepted; 'all': every word and phrase required. */
  match?: 'any' | 'all';
  /** People named in the query, with the other names the people directory knows them by. */
  aliases?: SearchAlias[];
  /** RM3 pseudo-relevance feedback (off by default: see README, "Search"). */
  feedback?: boolean;
}

/** A name as written in a query, and other names of the same person: any of them counts as the name. */
export interface SearchAlias {
  name: string;
  alternatives: string[];
}

export interface SearchHit {
  id: string;
  score: number;
  /** Query terms, normalised like the index (lowercase, stemmed), that matched this article. */
  terms: string[];
}

/** A read-only view of the loaded corpus. Answers take one and return plain data. */
export interface Catalog {
  /** False while the first load is still running (answers should say so instead of returning nothing). */
  readonly ready: boolean;
  readonly size: number;
  all(): readonly IndexedArticle[];
  get(id: string): IndexedArticle | undefined;
  search(query: string, options?: SearchOptions): SearchHit[];
  /**
   * Articles containing a normalised term (src/index/tokenize.ts), for picking a text's rarest words.
   * Optional so that small fakes need not implement it; answers then treat every word as equally rare.
   */
  documentFrequency?(term: string): number;
  /** The indexed term nearest a normalised term no article contains (a typo), or null. Optional as above. */
  nearestTerm?(term: string): string | null;
  /** Titles starting with or containing the prefix (fuzzy), for autocomplete. */
  suggestArticles(prefix: string, limit: number): IndexedArticle[];
  people(): PeopleDirectory;
  skipped(): readonly SkippedFile[];
}
