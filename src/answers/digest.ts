/**
 * What a digest contains: the articles whose content was first indexed in a time window, optionally only
 * those matching a search, newest first, each with its summary and its most notable quote. A schedule's
 * post also passes the articles its earlier posts listed, and looks further back than its window, so an
 * article stamped before the previous post but indexed after it is listed now, and nothing is listed twice.
 */
import type { Quote, QuoteKind } from '../analysis/types.js';
import { loadProgressOf, type LoadProgress } from '../index/loadProgress.js';
import type { ArticleMeta, Catalog } from '../index/types.js';
import { articleRef, newestFirst, type ArticleRef } from './articleRef.js';

export interface DigestQuery {
  /** Articles added strictly after this ISO time… */
  since: string;
  /** …and at or before this one (default: no upper bound). */
  until?: string;
  /**
   * Look back to this earlier ISO time instead of `since` (still exclusive), leaving out the articles in
   * `already`: `since` is then only what the answer says it is new since.
   */
  lookbackFrom?: string;
  /** listingKeys of articles earlier posts listed. */
  already?: ReadonlySet<string>;
  /** A search query; only articles it matches are listed. */
  filter?: string;
  /** Most articles to list; the rest are counted in `more`. */
  max?: number;
}

export interface DigestQuote {
  /** Canonical name of the person quoted. */
  speaker: string;
  kind: QuoteKind;
  text: string;
}

export interface DigestItem extends ArticleRef {
  /** When the article's content was first indexed (ISO). */
  addedAt: string;
  summary: string;
  quote: DigestQuote | null;
}

/** What a post records of each article it covers, to leave it out of later posts. */
export interface ListedArticle {
  articleId: string;
  addedAt: string;
  title: string;
}

export interface DigestAnswer {
  since: string;
  until: string | null;
  filter: string | null;
  items: DigestItem[];
  /** Articles in the window that were left out because of `max`. */
  more: number;
  /** Every article in the window, shown or counted in `more`. */
  listed: ListedArticle[];
  /** True while the corpus is still loading: the window may be incomplete. */
  loading: boolean;
  /** How far the load has come, while loading (when the catalog reports it). */
  loadProgress?: LoadProgress;
}

/**
 * The keys under which a listed article is remembered: the file with this content, and this content under
 * another name (the index stamps content when first seen, so a renamed file keeps its addedAt and title).
 */
export function listingKeys(article: ListedArticle): string[] {
  return [`${article.addedAt}\u0000file\u0000${article.articleId}`, `${article.addedAt}\u0000title\u0000${article.title}`];
}

const listingOf = (article: ArticleMeta): ListedArticle => ({ articleId: article.id, addedAt: article.addedAt, title: article.title });

export function digestSince(catalog: Catalog, query: DigestQuery): DigestAnswer {
  const from = Date.parse(query.lookbackFrom ?? query.since);
  const until = query.until === undefined ? Infinity : Date.parse(query.until);
  const filter = query.filter?.trim() || null;
  const already = query.already;
  const inWindow = catalog.all().filter((article) => {
    const added = Date.parse(article.addedAt);
    if (!(added > from && added <= until)) return false;
    return !already || !listingKeys(listingOf(article)).some((key) => already.has(key));
  });
  // The filter is asked only about the window's articles, not the whole corpus.
  const matching = filter === null || inWindow.length === 0 ? null : articlesMatching(catalog, filter, inWindow.map((article) => article.id));
  const articles = matching === null ? inWindow : inWindow.filter((article) => matching.has(article.id));
  articles.sort(newestArticleFirst);
  const max = query.max === undefined ? articles.length : Math.max(1, Math.floor(query.max));
  return {
    since: query.since,
    until: query.until ?? null,
    filter,
    items: articles.slice(0, max).map((article) => digestItem(catalog, article)),
    more: Math.max(0, articles.length - max),
    listed: articles.map(listingOf),
    loading: !catalog.ready,
    loadProgress: loadProgressOf(catalog),
  };
}

/**
 * Ids of the articles a digest filter (or a followed topic) keeps: those the search query matches, among
 * `among` when given (the new articles of a slot), else the whole corpus.
 */
export function articlesMatching(catalog: Catalog, query: string, among?: readonly string[]): Set<string> {
  // A filter is a standing condition, not a question: every word and phrase must be in the article.
  const within = among ? new Set(among) : undefined;
  const limit = Math.max(within?.size ?? catalog.size, 1);
  // A set has no order: 'newest' skips the relevance re-ranking, which reads every hit's text for proximity.
  return new Set(catalog.search(query, { limit, match: 'all', within, sort: 'newest' }).map((hit) => hit.id));
}

// Follow posts (answers/follow.ts) list articles the same way.
export { digestItem, listingOf, newestArticleFirst };

/** By article date, newest first and undated last; then the most recently added first. */
function newestArticleFirst(a: ArticleMeta, b: ArticleMeta): number {
  if (a.date !== b.date) return newestFirst(articleRef(a), articleRef(b));
  return Date.parse(b.addedAt) - Date.parse(a.addedAt) || a.title.localeCompare(b.title);
}

function digestItem(catalog: Catalog, article: ArticleMeta): DigestItem {
  const quote = notableQuote(catalog.quotesOf(article.id));
  return {
    ...articleRef(article),
    addedAt: article.addedAt,
    summary: article.summary.join(' '),
    quote:
      quote && quote.speaker !== null
        ? { speaker: catalog.people().canonicalName(article.id, quote.speaker), kind: quote.kind, text: quote.text }
        : null,
  };
}

/** Fewer distinct words than this and a direct quote is a fragment, ranked after full statements. */
const FRAGMENT_WORDS = 6;
/** Past this many distinct words a quote is informative enough; earlier quotes win ties beyond it. */
const ENOUGH_WORDS = 40;

/**
 * The quote a reader would most want: words a named person said, in quote marks, the most informative
 * (most distinct words) first; a partial quote or reported speech only when there is no full one.
 */
export function notableQuote(quotes: readonly Quote[]): Quote | null {
  let best: { quote: Quote; rank: number; words: number } | null = null;
  for (const quote of quotes) {
    if (quote.speakerType !== 'person' || quote.speaker === null) continue;
    const words = Math.min(ENOUGH_WORDS, distinctWords(quote.text));
    if (words === 0) continue;
    const rank = quote.kind === 'direct' ? (words >= FRAGMENT_WORDS ? 0 : 2) : quote.kind === 'mixed' ? 3 : 1;
    if (!best || rank < best.rank || (rank === best.rank && words > best.words)) best = { quote, rank, words };
  }
  return best?.quote ?? null;
}

function distinctWords(text: string): number {
  return new Set(text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []).size;
}
