/** `/summary`: each article's summary with its date, or one article's. */
import type { ArticleMeta, Catalog } from '../index/types.js';
import { articleRef, type ArticleRef } from './articleRef.js';

export interface ArticleSummary extends ArticleRef {
  summary: string;
}

export type SummaryAnswer =
  | { kind: 'article'; article: ArticleSummary }
  | { kind: 'not-found'; query: string; suggestions: ArticleRef[] };

export function articleSummary(article: ArticleMeta): ArticleSummary {
  return { ...articleRef(article), summary: article.summary.join(' ') };
}

/** Every article's summary, newest first, undated last. */
export function summaries(catalog: Catalog): ArticleSummary[] {
  return catalog.newest().map(articleSummary);
}

/** One article by id, exact title (any case), or a unique title match; otherwise suggestions. */
export function summaryOf(catalog: Catalog, reference: string): SummaryAnswer {
  const query = reference.trim();
  const byId = catalog.metaOf(query);
  if (byId) return { kind: 'article', article: articleSummary(byId) };
  const wanted = query.toLowerCase();
  const exact = catalog.all().find((article) => article.title.toLowerCase() === wanted);
  if (exact) return { kind: 'article', article: articleSummary(exact) };
  const suggestions = catalog.suggestArticles(query, 5);
  if (suggestions.length === 1 && suggestions[0]) return { kind: 'article', article: articleSummary(suggestions[0]) };
  return { kind: 'not-found', query, suggestions: suggestions.map(articleRef) };
}
