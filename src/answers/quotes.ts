/** `/quotes`: what a named person said in the corpus, grouped by article, newest first. */
import { normalizeName } from '../analysis/normalizeName.js';
import { organizationName } from '../analysis/peopleDirectory.js';
import type { DirectoryPerson, Quote, QuoteKind, SpeakerType } from '../analysis/types.js';
import { loadProgressOf, type LoadProgress } from '../index/loadProgress.js';
import { compareNewestFirst } from '../index/suggest.js';
import type { Catalog, IndexedArticle } from '../index/types.js';
import { articleRef, type ArticleRef } from './articleRef.js';

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
  | {
      kind: 'quotes';
      query: string;
      person: DirectoryPerson;
      groups: QuoteGroup[];
      /** Articles quoting the person beyond the newest MAX_QUOTE_ARTICLES, not read (a name in thousands of articles). */
      moreArticles: number;
      others: DirectoryPerson[];
      loading: boolean;
    }
  | { kind: 'not-quoted'; query: string; person: DirectoryPerson; others: DirectoryPerson[]; loading: boolean }
  | { kind: 'ambiguous'; query: string; candidates: DirectoryPerson[]; loading: boolean }
  | { kind: 'unknown'; query: string; suggestions: DirectoryPerson[]; loading: boolean };

/** A quote as answers present it: person speakers mapped to their corpus-wide canonical name. */
function quoteItem(catalog: Catalog, article: Pick<IndexedArticle, 'id'>, quote: Quote): QuoteItem {
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

/** Whether a quote is the asked-for speaker's: a person by canonical name, an organisation by its name. */
function speakerTest(speaker: DirectoryPerson): (quote: QuoteItem) => boolean {
  if (speaker.kind !== 'organization') return (quote) => quote.speakerType === 'person' && quote.speaker === speaker.name;
  const names = new Set(speaker.aliases.map(normalizeName));
  return (quote) => {
    if (quote.speakerType !== 'organization' || quote.speaker === null) return false;
    const name = organizationName(quote.speaker);
    return name !== null && names.has(normalizeName(name));
  };
}

/** Fewer quoted words than this, in a clause of fewer than SHORT_CLAUSE_WORDS, and a quote is a label, not speech. */
const MIN_QUOTED_WORDS = 3;
const SHORT_CLAUSE_WORDS = 5;

const wordCount = (text: string): number => text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;

/**
 * A scare quote or label ("called the report “solid”"): a mixed quote with a word or two in quote marks and
 * hardly any reported clause around them. A short direct quote stays: a speech verb framed it ("“Music heals,” he said").
 */
function isScareQuote(quote: QuoteItem): boolean {
  if (quote.kind !== 'mixed') return false;
  const quoted = [...quote.text.matchAll(/["“«‘„]([^"”»’“]*)["”»’“]/g)].reduce((sum, match) => sum + wordCount(match[1]!), 0);
  return quoted < MIN_QUOTED_WORDS && wordCount(quote.text) < SHORT_CLAUSE_WORDS;
}

/**
 * Articles read for one answer: the newest this many that quote the person. More than Discord can page through
 * usefully, few enough that a name in thousands of articles answers in milliseconds.
 */
export const MAX_QUOTE_ARTICLES = 100;

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
  const spokeFor = speakerTest(person);
  // Newest first from the metadata in memory; quotes are read (without bodies) only for the articles shown.
  const articles = person.articleIds
    .map((id) => catalog.metaOf(id))
    .filter((meta) => meta !== undefined)
    .sort(compareNewestFirst);
  let moreArticles = 0;
  for (const meta of articles) {
    if (groups.length >= MAX_QUOTE_ARTICLES) {
      moreArticles += 1;
      continue;
    }
    const quotes = catalog
      .quotesOf(meta.id)
      .map((quote) => quoteItem(catalog, meta, quote))
      .filter((quote) => spokeFor(quote) && !isScareQuote(quote));
    if (quotes.length > 0) groups.push({ article: articleRef(meta), quotes });
  }
  if (groups.length === 0) return { kind: 'not-quoted', query, person, others, loading };
  return { kind: 'quotes', query, person, groups, moreArticles, others, loading };
}

export interface CorpusQuote extends QuoteItem, ArticleRef {}

/** Every quote in the corpus, newest article first (for `newsdesk quotes --all`). */
export function allQuotes(catalog: Catalog): CorpusQuote[] {
  return catalog.newest().flatMap((meta) => {
    const article = catalog.get(meta.id);
    return article ? article.analysis.quotes.map((quote) => ({ ...quoteItem(catalog, article, quote), ...articleRef(article) })) : [];
  });
}
