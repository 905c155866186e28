/** `/quotes`: what a named person said in the corpus, grouped by article, newest first. */
import type { DirectoryPerson, Quote, QuoteKind, SpeakerType } from '../analysis/types.js';
import type { Catalog, IndexedArticle } from '../index/types.js';
import { articleRef, newestFirst, type ArticleRef } from './articleRef.js';

export interface QuoteItem {
  /** Canonical speaker name for people; the phrase for organisations and unnamed sources. */
  speaker: string | null;
  speakerType: SpeakerType;
  kind: QuoteKind;
  text: string;
}

export interface QuoteGroup {
  article: ArticleRef;
  quotes: QuoteItem[];
}

export type QuotesAnswer =
  | { kind: 'quotes'; query: string; person: DirectoryPerson; groups: QuoteGroup[]; loading: boolean }
  | { kind: 'not-quoted'; query: string; person: DirectoryPerson; loading: boolean }
  | { kind: 'ambiguous'; query: string; candidates: DirectoryPerson[]; loading: boolean }
  | { kind: 'unknown'; query: string; suggestions: DirectoryPerson[]; loading: boolean };

/** A quote as answers present it: person speakers mapped to their corpus-wide canonical name. */
function quoteItem(catalog: Catalog, article: IndexedArticle, quote: Quote): QuoteItem {
  const speaker =
    quote.speakerType === 'person' && quote.speaker !== null
      ? catalog.people().canonicalName(article.id, quote.speaker)
      : quote.speaker;
  return { speaker, speakerType: quote.speakerType, kind: quote.kind, text: quote.text };
}

export function quotesBy(catalog: Catalog, name: string): QuotesAnswer {
  const query = name.trim();
  const loading = !catalog.ready;
  const lookup = catalog.people().lookup(query);
  if (lookup.kind === 'ambiguous') return { kind: 'ambiguous', query, candidates: lookup.candidates, loading };
  if (lookup.kind === 'unknown') return { kind: 'unknown', query, suggestions: lookup.suggestions, loading };
  const person = lookup.person;
  const groups: QuoteGroup[] = [];
  for (const id of person.articleIds) {
    const article = catalog.get(id);
    if (!article) continue;
    const quotes = article.analysis.quotes
      .map((quote) => quoteItem(catalog, article, quote))
      .filter((quote) => quote.speakerType === 'person' && quote.speaker === person.name);
    if (quotes.length > 0) groups.push({ article: articleRef(article), quotes });
  }
  if (groups.length === 0) return { kind: 'not-quoted', query, person, loading };
  groups.sort((a, b) => newestFirst(a.article, b.article));
  return { kind: 'quotes', query, person, groups, loading };
}

export interface CorpusQuote extends QuoteItem, ArticleRef {}

/** Every quote in the corpus, newest article first (for `newsdesk quotes --all`). */
export function allQuotes(catalog: Catalog): CorpusQuote[] {
  const articles = [...catalog.all()].sort((a, b) => newestFirst(articleRef(a), articleRef(b)));
  return articles.flatMap((article) =>
    article.analysis.quotes.map((quote) => ({ ...quoteItem(catalog, article, quote), ...articleRef(article) })),
  );
}
