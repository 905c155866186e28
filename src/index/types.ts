/** The shape of the loaded corpus that answers read: articles with their analysis, searchable. */
import type { Article, SkippedFile } from '../corpus/article.js';
import type { ArticleAnalysis, PeopleDirectory, Quote } from '../analysis/types.js';

/**
 * What every query may need of an article, kept in memory for the whole corpus: no body, no analysis (those stay
 * on disk and are read per answer with Catalog.get). About 0.5 KB an article.
 */
export interface ArticleMeta extends Pick<Article, 'id' | 'title' | 'titleDerived' | 'date' | 'source' | 'url' | 'author'> {
  /** ISO timestamp of when this content (by hash) was first indexed: a changed file counts as new only if its text changed. */
  addedAt: string;
  /** The article's summary sentences (ArticleAnalysis.summary), in article order. */
  summary: string[];
}

/** One article whole: parsed body, analysis and when it arrived. Read from disk by Catalog.get. */
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
  /**
   * Only these articles (by id). A digest filter asks which of a few new articles match: ranking the whole corpus
   * for that took over a second at 100,000 articles.
   */
  within?: ReadonlySet<string>;
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
  /** Every article's metadata, by id. */
  all(): readonly ArticleMeta[];
  /** Every article's metadata, newest first (by date, undated last; then latest arrival): kept sorted, never sorted per call. */
  newest(): readonly ArticleMeta[];
  /** One article's metadata by id (in memory). */
  metaOf(id: string): ArticleMeta | undefined;
  /** One article whole (body and analysis), read from disk; cheap for a page of answers, not for the whole corpus. */
  get(id: string): IndexedArticle | undefined;
  /** One article's quotes, read without its body: cheap enough for the thousands of articles a famous name appears in. */
  quotesOf(id: string): readonly Quote[];
  search(query: string, options?: SearchOptions): SearchHit[];
  /**
   * Articles containing a normalised term (src/index/tokenize.ts), for picking a text's rarest words.
   * Optional so that small fakes need not implement it; answers then treat every word as equally rare.
   */
  documentFrequency?(term: string): number;
  /** The indexed term nearest a normalised term no article contains (a typo), or null. Optional as above. */
  nearestTerm?(term: string): string | null;
  /** Titles starting with or containing the prefix (fuzzy), for autocomplete. */
  suggestArticles(prefix: string, limit: number): ArticleMeta[];
  people(): PeopleDirectory;
  skipped(): readonly SkippedFile[];
}
