/** The CLI's JSON documents: the shapes scripts rely on (see README, "CLI"). Every article carries its `url`. */
import type { DirectoryPerson } from '../analysis/types.js';
import type { ArticleRef } from '../answers/articleRef.js';
import type { CorpusQuote, QuoteItem, QuotesAnswer } from '../answers/quotes.js';
import { excerptWithMarkers, type SearchAnswer } from '../answers/search.js';
import type { ArticleSummary, SummaryAnswer } from '../answers/summaries.js';
import type { Catalog } from '../index/types.js';

/** An article's source page (front matter `url`) by article id, or null when it names none. */
export type UrlOf = (articleId: string) => string | null;

/** Reads the urls once from the catalog's article metadata (no article bodies). */
export function articleUrls(catalog: Catalog): UrlOf {
  let byId: Map<string, string | null> | undefined;
  return (articleId) => {
    byId ??= new Map(catalog.all().map((article) => [article.id, article.url ?? null]));
    return byId.get(articleId) ?? null;
  };
}

/** The article fields of every JSON document. */
const articleJson = (article: ArticleRef, urlOf: UrlOf) => ({
  articleId: article.articleId,
  title: article.title,
  date: article.date,
  url: urlOf(article.articleId),
});

/** Why a search has no results when the reason is the query itself (a blank line in batch input). */
export const EMPTY_QUERY_REASON = 'empty query';

export function searchJson(answer: SearchAnswer, urlOf: UrlOf) {
  return {
    query: answer.query,
    results: answer.results.map((result) => ({
      ...articleJson(result, urlOf),
      excerpt: result.excerpts.map(excerptWithMarkers).join(' '),
      score: Number(result.score.toFixed(4)),
    })),
    ...(answer.query === '' ? { reason: EMPTY_QUERY_REASON } : {}),
  };
}

/** One line of batch search text: the query, then the ids of its results, best first, separated by tabs. */
export function searchLine(answer: SearchAnswer): string {
  if (answer.query === '') return `\t(${EMPTY_QUERY_REASON})`;
  return [answer.query, ...(answer.results.length > 0 ? answer.results.map((result) => result.articleId) : ['(no matches)'])].join('\t');
}

const quoteJson = (quote: QuoteItem, article: ArticleRef, urlOf: UrlOf) => ({
  speaker: quote.speaker,
  speakerType: quote.speakerType,
  kind: quote.kind,
  text: quote.text,
  ...articleJson(article, urlOf),
});

export function quotesJson(answer: QuotesAnswer, urlOf: UrlOf) {
  const resolved = answer.kind === 'quotes' || answer.kind === 'not-quoted' ? answer.person.name : null;
  const quotes = answer.kind === 'quotes' ? answer.groups.flatMap((group) => group.quotes.map((quote) => quoteJson(quote, group.article, urlOf))) : [];
  const extra =
    answer.kind === 'ambiguous'
      ? { candidates: answer.candidates.map((person) => person.name) }
      : answer.kind === 'unknown'
        ? { suggestions: answer.suggestions.map((person) => person.name) }
        : {};
  return { person: answer.query, resolved, quotes, ...extra };
}

export function allQuotesJson(quotes: CorpusQuote[], urlOf: UrlOf) {
  return { quotes: quotes.map((quote) => quoteJson(quote, quote, urlOf)) };
}

export function summariesJson(articles: ArticleSummary[], urlOf: UrlOf) {
  return { articles: articles.map((article) => ({ ...articleJson(article, urlOf), source: article.source, summary: article.summary })) };
}

/** One article's summary; an unknown one gives no articles and the titles it may have meant. */
export function summaryJson(answer: SummaryAnswer, urlOf: UrlOf) {
  if (answer.kind === 'article') return summariesJson([answer.article], urlOf);
  return { articles: [], suggestions: answer.suggestions.map((article) => ({ ...articleJson(article, urlOf), source: article.source })) };
}

export function articlesJson(articles: ArticleRef[], urlOf: UrlOf) {
  return { articles: articles.map((article) => ({ ...articleJson(article, urlOf), source: article.source })) };
}

export function peopleJson(people: DirectoryPerson[]) {
  return { people: people.map(({ name, aliases, quoteCount, mentions, articleIds }) => ({ name, aliases, quoteCount, mentions, articles: articleIds.length })) };
}
