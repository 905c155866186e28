/** `/search`: the best excerpts of the articles that match a query. */
import { excerpts, type Excerpt } from '../index/excerpt.js';
import { loadProgressOf, type LoadProgress } from '../index/loadProgress.js';
import type { Catalog } from '../index/types.js';
import { queryTerms } from '../index/tokenize.js';
import { articleRef, type ArticleRef } from './articleRef.js';
import { peopleMatching } from './lookup.js';

export interface SearchRequest {
  query: string;
  /** Most articles to return. Default 5. */
  limit?: number;
  /** Keep articles dated on or after this ISO date. */
  from?: string;
  /** Keep articles dated on or before this ISO date. */
  to?: string;
  /** Keep articles from this source (case-insensitive). */
  source?: string;
  /** Best match first (default), or newest first. */
  sort?: 'relevance' | 'newest';
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
  const widened = request.source?.trim() || request.sort === 'newest' ? limit * 4 : limit;
  const hits = query === '' ? [] : catalog.search(query, { limit: widened, from: request.from, to: request.to });
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
  return { query, results: sourceAndSort(results, request, limit), loading: !catalog.ready, loadProgress: loadProgressOf(catalog) };
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

// placeholder until the search branch lands (with source/sort in search() above): the message's key
// terms picked by capitals and length, completions from people and titles.

/** Source and sort over the catalog's hits (the catalog does not take them yet); ask for more hits to filter. */
function sourceAndSort(results: SearchResult[], request: SearchRequest, limit: number): SearchResult[] {
  const wanted = request.source?.trim().toLowerCase();
  let kept = wanted ? results.filter((result) => result.source?.toLowerCase() === wanted) : results;
  if (request.sort === 'newest') kept = [...kept].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return kept.slice(0, limit);
}

/** Words of a message worth searching: capitalised words (names) first, then the longest, at most six. */
export function messageKeyTerms(messageText: string): string[] {
  const words = [...new Set(messageText.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])].filter((word) => word.length > 2);
  const named = words.filter((word) => /^\p{Lu}/u.test(word) && queryTerms(word).length > 0);
  const longest = words.filter((word) => !named.includes(word) && queryTerms(word).length > 0).sort((a, b) => b.length - a.length);
  return [...named, ...longest].slice(0, 6);
}

/** `/search` on a message's key terms (the "Search Newsdesk" context-menu command). */
export function searchMessage(catalog: Catalog, messageText: string, limit?: number): SearchAnswer {
  return search(catalog, { query: messageKeyTerms(messageText).join(' '), ...(limit !== undefined ? { limit } : {}) });
}

/** Autocomplete for `/search query`: people, then article titles, that complete what has been typed. */
export function searchCompletions(catalog: Catalog, typed: string, limit: number): Array<{ name: string; value: string }> {
  const people = peopleMatching(catalog, typed, limit).map((person) => ({ name: person.name, value: person.name }));
  const titles = catalog.suggestArticles(typed.trim(), limit).map((article) => ({ name: article.title, value: article.title }));
  return [...people, ...titles].slice(0, limit);
}
