/** The CLI's JSON documents: the shapes scripts rely on (see README, "CLI"). */
import type { CorpusQuote, QuoteItem, QuotesAnswer } from '../answers/quotes.js';
import { excerptWithMarkers, type SearchAnswer } from '../answers/search.js';
import type { ArticleSummary } from '../answers/summaries.js';
import type { ArticleRef } from '../answers/articleRef.js';

export function searchJson(answer: SearchAnswer) {
  return {
    query: answer.query,
    results: answer.results.map((result) => ({
      articleId: result.articleId,
      title: result.title,
      date: result.date,
      excerpt: result.excerpts.map(excerptWithMarkers).join(' '),
      score: Number(result.score.toFixed(4)),
    })),
  };
}

const quoteJson = (quote: QuoteItem, article: ArticleRef) => ({
  speaker: quote.speaker,
  speakerType: quote.speakerType,
  kind: quote.kind,
  text: quote.text,
  articleId: article.articleId,
  title: article.title,
  date: article.date,
});

export function quotesJson(answer: QuotesAnswer) {
  const resolved = answer.kind === 'quotes' || answer.kind === 'not-quoted' ? answer.person.name : null;
  const quotes = answer.kind === 'quotes' ? answer.groups.flatMap((group) => group.quotes.map((quote) => quoteJson(quote, group.article))) : [];
  const extra =
    answer.kind === 'ambiguous'
      ? { candidates: answer.candidates.map((person) => person.name) }
      : answer.kind === 'unknown'
        ? { suggestions: answer.suggestions.map((person) => person.name) }
        : {};
  return { person: answer.query, resolved, quotes, ...extra };
}

export function allQuotesJson(quotes: CorpusQuote[]) {
  return { quotes: quotes.map((quote) => quoteJson(quote, quote)) };
}

export function summariesJson(articles: ArticleSummary[]) {
  return {
    articles: articles.map((article) => ({
      articleId: article.articleId,
      title: article.title,
      date: article.date,
      source: article.source,
      summary: article.summary,
    })),
  };
}
