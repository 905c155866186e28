/** `/search`: the best excerpts of the articles that match a query. */
import { excerpts, type Excerpt } from '../index/excerpt.js';
import { loadProgressOf, type LoadProgress } from '../index/loadProgress.js';
import type { Catalog } from '../index/types.js';
import { articleRef, type ArticleRef } from './articleRef.js';

export interface SearchRequest {
  query: string;
  /** Most articles to return. Default 5. */
  limit?: number;
  /** Keep articles dated on or after this ISO date. */
  from?: string;
  /** Keep articles dated on or before this ISO date. */
  to?: string;
  /** Excerpts per article. Default 2. */
  excerptsPerArticle?: number;
}

export interface SearchResult extends ArticleRef {
  score: number;
  excerpts: Excerpt[];
}

export interface SearchAnswer {
  query: string;
  results: SearchResult[];
  /** Set while the corpus is still loading: the results may be incomplete. */
  loading: boolean;
  /** How far the load has come, while loading (when the catalog reports it). */
  loadProgress?: LoadProgress;
}

export const DEFAULT_SEARCH_LIMIT = 5;

export function search(catalog: Catalog, request: SearchRequest): SearchAnswer {
  const query = request.query.trim();
  const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
  const hits = query === '' ? [] : catalog.search(query, { limit, from: request.from, to: request.to });
  const results: SearchResult[] = [];
  for (const hit of hits) {
    const article = catalog.get(hit.id);
    if (!article) continue;
    results.push({
      ...articleRef(article),
      score: hit.score,
      excerpts: excerpts(article, hit.terms, { maxExcerpts: request.excerptsPerArticle ?? 2 }),
    });
  }
  return { query, results, loading: !catalog.ready, loadProgress: loadProgressOf(catalog) };
}

/** An excerpt as Markdown-style text with the matched words in **bold** (used by the JSON output). */
export function excerptWithMarkers(excerpt: Excerpt): string {
  let out = '';
  let at = 0;
  for (const [start, end] of excerpt.highlights) {
    out += `${excerpt.text.slice(at, start)}**${excerpt.text.slice(start, end)}**`;
    at = end;
  }
  return out + excerpt.text.slice(at);
}
