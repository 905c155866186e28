/** `/quotes`: what a named person said in the corpus, grouped by article, newest first. */
import type { DirectoryPerson, Quote, QuoteKind, SpeakerType } from '../analysis/types.js';
import { loadProgressOf, type LoadProgress } from '../index/loadProgress.js';
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

export type QuotesAnswer = QuotesFound & {
  /** How far the load has come, while loading (when the catalog reports it). */
  loadProgress?: LoadProgress;
};

type QuotesFound =
  | { kind: 'quotes'; query: string; person: DirectoryPerson; groups: QuoteGroup[]; others: DirectoryPerson[]; loading: boolean }
  | { kind: 'not-quoted'; query: string; person: DirectoryPerson; others: DirectoryPerson[]; loading: boolean }
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

/** How many times more often the best-known bearer of a shared name must appear to answer for them directly. */
const DOMINANCE = 4;

const weight = (person: DirectoryPerson) => person.mentions + 2 * person.quoteCount;

/**
 * The person a shared name most likely means: one who appears DOMINANCE times more than every other
 * bearer ("Clinton" in a corpus about Hillary Clinton); otherwise none, and the user chooses.
 */
function dominant(candidates: readonly DirectoryPerson[]): { person: DirectoryPerson; others: DirectoryPerson[] } | null {
  const [first, ...rest] = [...candidates].sort((a, b) => weight(b) - weight(a));
  if (!first || rest.some((other) => weight(first) < DOMINANCE * weight(other))) return null;
  return { person: first, others: rest };
}

export function quotesBy(catalog: Catalog, name: string): QuotesAnswer {
  return { ...findQuotes(catalog, name), loadProgress: loadProgressOf(catalog) };
}

function findQuotes(catalog: Catalog, name: string): QuotesFound {
  const query = name.trim();
  const loading = !catalog.ready;
  const lookup = catalog.people().lookup(query);
  if (lookup.kind === 'unknown') return { kind: 'unknown', query, suggestions: lookup.suggestions, loading };
  let person: DirectoryPerson;
  let others: DirectoryPerson[] = [];
  if (lookup.kind === 'ambiguous') {
    const likely = dominant(lookup.candidates);
    if (!likely) return { kind: 'ambiguous', query, candidates: lookup.candidates, loading };
    ({ person, others } = likely);
  } else {
    person = lookup.person;
  }
  const groups: QuoteGroup[] = [];
  for (const id of person.articleIds) {
    const article = catalog.get(id);
    if (!article) continue;
    const quotes = article.analysis.quotes
      .map((quote) => quoteItem(catalog, article, quote))
      .filter((quote) => quote.speakerType === 'person' && quote.speaker === person.name);
    if (quotes.length > 0) groups.push({ article: articleRef(article), quotes });
  }
  if (groups.length === 0) return { kind: 'not-quoted', query, person, others, loading };
  groups.sort((a, b) => newestFirst(a.article, b.article));
  return { kind: 'quotes', query, person, groups, others, loading };
}

export interface CorpusQuote extends QuoteItem, ArticleRef {}

/** Every quote in the corpus, newest article first (for `newsdesk quotes --all`). */
export function allQuotes(catalog: Catalog): CorpusQuote[] {
  return catalog.newest().flatMap((meta) => {
    const article = catalog.get(meta.id);
    return article ? article.analysis.quotes.map((quote) => ({ ...quoteItem(catalog, article, quote), ...articleRef(article) })) : [];
  });
}
