/**
 * What a follow (/follow) posts: the new articles that quote a person, or that match a topic (a search
 * query), each with its summary and, for a person, that person's most notable quote. Pure: the caller
 * passes what earlier posts listed and what was already found not to match, and keeps the rest.
 */
import type { Quote } from '../analysis/types.js';
import type { Catalog } from '../index/types.js';
import {
  articlesMatching,
  digestItem,
  listingKeys,
  listingOf,
  newestArticleFirst,
  notableQuote,
  type DigestAnswer,
  type DigestQuote,
  type ListedArticle,
} from './digest.js';

/** What the catalog lists of each article (metadata only, once the catalog keeps bodies on disk). */
type Listed = ReturnType<Catalog['all']>[number];

export type FollowTarget = { kind: 'person'; name: string } | { kind: 'topic'; query: string };

export interface FollowQuery {
  /** Articles added strictly after this ISO time (the follow's creation) are new. */
  since: string;
  /** True for listingKeys of articles that earlier posts listed, or that were found not to match: not looked at again. */
  skip: (key: string) => boolean;
  /** Most articles in one post; the others wait for the next. */
  max: number;
  /**
   * For a person, most articles whose quotes are read in one call (each a catalog.quotesOf, no body read), newest first:
   * a backlog (after a restart, or a re-indexed corpus) is worked through over several calls.
   */
  budget?: number;
}

export interface FollowAnswer extends DigestAnswer {
  /** The person's canonical name as the directory resolves it now, or the topic query. */
  target: string;
  /** Articles looked at that do not match: the caller can skip them next time. */
  rejected: ListedArticle[];
}

/** The canonical name a followed name stands for now (the directory may have merged more aliases since). */
export function followedPerson(catalog: Catalog, name: string): string {
  const found = catalog.people().lookup(name);
  return found.kind === 'found' ? found.person.name : name;
}

export function followAnswer(catalog: Catalog, target: FollowTarget, query: FollowQuery): FollowAnswer {
  const from = Date.parse(query.since);
  const unseen = catalog.all().filter((article) => Date.parse(article.addedAt) > from && !listingKeys(listingOf(article)).some(query.skip));
  const fresh = target.kind === 'person' && query.budget !== undefined && unseen.length > query.budget ? newestAdded(unseen).slice(0, query.budget) : unseen;
  const label = target.kind === 'person' ? followedPerson(catalog, target.name) : target.query.trim();
  const quotedBy = target.kind === 'person' ? personQuotes(catalog, label) : undefined;
  const matching = fresh.length > 0 && target.kind === 'topic' ? articlesMatching(catalog, label, fresh.map((article) => article.id)) : new Set<string>();
  const matches = (article: Listed) =>
    quotedBy ? catalog.quotesOf(article.id).some((quote) => quotedBy(article.id, quote)) : matching.has(article.id);
  const hits: Listed[] = [];
  const rejected: ListedArticle[] = [];
  for (const article of fresh) {
    if (matches(article)) hits.push(article);
    else rejected.push(listingOf(article));
  }
  hits.sort(newestArticleFirst);
  const shown = hits.slice(0, Math.max(1, Math.floor(query.max)));
  return {
    target: label,
    since: query.since,
    until: null,
    filter: target.kind === 'topic' ? label : null,
    items: shown.map((article) => (quotedBy ? { ...digestItem(catalog, article), quote: personQuote(catalog, article.id, quotedBy) } : digestItem(catalog, article))),
    // The rest are not counted as covered: the next post lists them.
    more: 0,
    listed: shown.map(listingOf),
    rejected,
    loading: !catalog.ready,
  };
}

/** The person's most notable quote in the article, as a digest shows quotes. */
function personQuote(catalog: Catalog, articleId: string, quotedBy: (articleId: string, quote: Quote) => boolean): DigestQuote | null {
  const quote = notableQuote(catalog.quotesOf(articleId).filter((candidate) => quotedBy(articleId, candidate)));
  return quote?.speaker ? { speaker: catalog.people().canonicalName(articleId, quote.speaker), kind: quote.kind, text: quote.text } : null;
}

function newestAdded(articles: Listed[]): Listed[] {
  return [...articles].sort((a, b) => Date.parse(b.addedAt) - Date.parse(a.addedAt));
}

/** Whether a quote in an article is the person's, through the directory (aliases, "he" resolved). */
function personQuotes(catalog: Catalog, canonical: string): (articleId: string, quote: Quote) => boolean {
  const wanted = canonical.toLowerCase();
  const people = catalog.people();
  return (articleId, quote) =>
    quote.speakerType === 'person' && quote.speaker !== null && people.canonicalName(articleId, quote.speaker).toLowerCase() === wanted;
}
