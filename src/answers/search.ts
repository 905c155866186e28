/**
 * `/search`: the best excerpts of the articles that match a query, in the syntax of src/index/query.ts
 * (`"phrase"`, `-word`, `-"phrase"`), with date and source filters, newest-first sorting, people found by
 * any name the people directory knows, and "did you mean" when a query finds little.
 */
import { isTitleWord, significantWords } from '../analysis/nameRuns.js';
import { normalizeName } from '../analysis/normalizeName.js';
import { organizationName } from '../analysis/peopleDirectory.js';
import type { PeopleDirectory } from '../analysis/types.js';
import { excerpts, type Excerpt } from '../index/excerpt.js';
import { parseQuery } from '../index/query.js';
import { foldText, normalizeTerm, tokenize } from '../index/tokenize.js';
import { loadProgressOf, type LoadProgress } from '../index/loadProgress.js';
import type { Catalog, SearchAlias } from '../index/types.js';
import { bodyText } from '../corpus/article.js';
import { articleRef, type ArticleRef } from './articleRef.js';
import { articlesMatching, peopleMatching } from './lookup.js';

export interface SearchRequest {
  query: string;
  /** Most articles to return. Default 5. */
  limit?: number;
  /** Keep articles dated on or after this ISO date (YYYY-MM-DD). */
  from?: string;
  /** Keep articles dated on or before this ISO date. */
  to?: string;
  /** Keep articles from this source (case-insensitive). */
  source?: string;
  /** 'relevance' (default) or 'newest'. */
  sort?: 'relevance' | 'newest';
  /** Excerpts per article. Default 2. */
  excerptsPerArticle?: number;
}

export interface SearchResult extends ArticleRef {
  score: number;
  excerpts: Excerpt[];
}

/** Something the answer says besides its results. */
export type SearchNotice =
  /** The query had words, all of them stop words ("the", "of"): nothing was looked up. */
  | { kind: 'stop-words-only' }
  /** The query found nothing or little and has words no article contains; this spelling is the corpus's. */
  | { kind: 'did-you-mean'; suggestion: string }
  /** A message given to the message command has no word any article contains. */
  | { kind: 'no-key-terms' };

/** The filters the request applied, so a "no matches" hint suggests only what was used. */
export interface SearchFilters {
  from: string | null;
  to: string | null;
  source: string | null;
  sort: 'relevance' | 'newest';
}

export interface SearchAnswer {
  query: string;
  results: SearchResult[];
  /** Set while the corpus is still loading: the results may be incomplete. */
  loading: boolean;
  /** How far the load has come, while loading (when the catalog reports it). */
  loadProgress?: LoadProgress;
  filters: SearchFilters;
  /** A request that could not be run (an impossible date, an inverted range), said in one sentence. */
  error?: string;
  notice?: SearchNotice;
}

export const DEFAULT_SEARCH_LIMIT = 5;
/** Fewer results than this and the answer looks for a better spelling. */
const FEW_RESULTS = 2;
/** Key terms a message lookup searches for. */
const MESSAGE_KEY_TERMS = 6;
/** Longest run of words tried as a person's name. */
const MAX_NAME_WORDS = 4;

export function search(catalog: Catalog, request: SearchRequest): SearchAnswer {
  const query = request.query.trim();
  const limit = Math.max(1, Math.floor(request.limit ?? DEFAULT_SEARCH_LIMIT) || DEFAULT_SEARCH_LIMIT);
  const filters: SearchFilters = {
    from: request.from?.trim() || null,
    to: request.to?.trim() || null,
    source: request.source?.trim() || null,
    sort: request.sort ?? 'relevance',
  };
  const answer: SearchAnswer = { query, results: [], loading: !catalog.ready, loadProgress: loadProgressOf(catalog), filters };
  const error = filterError(filters);
  if (error) return { ...answer, error };
  if (query === '') return answer;
  if (parseQuery(query).onlyStopWords) return { ...answer, notice: { kind: 'stop-words-only' } };

  const options = {
    limit,
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    sort: filters.sort,
    aliases: aliasesIn(catalog, query),
  };
  const hits = catalog.search(query, options);
  for (const hit of hits) {
    const article = catalog.get(hit.id);
    if (!article) continue;
    answer.results.push({
      ...articleRef(article),
      score: hit.score,
      excerpts: excerpts(article, hit.terms, { maxExcerpts: request.excerptsPerArticle ?? 2 }),
    });
  }
  if (answer.results.length < FEW_RESULTS) {
    const suggestion = spellingSuggestion(catalog, query);
    // Fuzzy matching may already have found what the suggestion finds; the spelling is still worth showing.
    const found = suggestion ? catalog.search(suggestion, { ...options, limit: FEW_RESULTS }).length : 0;
    if (suggestion && found > 0 && found >= answer.results.length) {
      answer.notice = { kind: 'did-you-mean', suggestion };
    }
  }
  return answer;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar day written YYYY-MM-DD ("2013-02-30" is not). */
export function isCalendarDate(text: string): boolean {
  const parts = ISO_DATE.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function filterError(filters: SearchFilters): string | null {
  for (const [name, value] of [['from', filters.from], ['to', filters.to]] as const) {
    if (value !== null && !isCalendarDate(value)) {
      return ISO_DATE.test(value)
        ? `${value} is not a date in the calendar: give \`${name}\` as a real day, YYYY-MM-DD.`
        : `\`${name}\` must be a date written YYYY-MM-DD, e.g. 2014-03-18 (got "${value}").`;
    }
  }
  if (filters.from !== null && filters.to !== null && filters.from > filters.to) {
    return `The range is inverted: \`from\` ${filters.from} is after \`to\` ${filters.to}.`;
  }
  return null;
}

/**
 * People the query names, found by runs of up to MAX_NAME_WORDS words (longest first), with their other
 * names. Titles ("Pope", "President") are left out of the alternatives: they would match anyone's title.
 */
function aliasesIn(catalog: Catalog, query: string): SearchAlias[] {
  const words = tokenize(query.replace(/(?:^|\s)-(?:"[^"]*"|\S+)/g, ' '));
  const aliases: SearchAlias[] = [];
  const directory = catalog.people();
  const shapes = nameShapesOf(directory);
  let at = 0;
  while (at < words.length) {
    let found = false;
    for (let length = Math.min(MAX_NAME_WORDS, words.length - at); length >= 1 && !found; length--) {
      const run = words.slice(at, at + length);
      if (run.every((word) => normalizeTerm(word) === null || isTitleWord(word))) continue;
      // One lowercase word is too often an ordinary word that is also a surname ("rice", "ferguson").
      if (length === 1 && !/^\p{Lu}/u.test(run[0]!)) continue;
      if (!mayNameSomeone(run, shapes)) continue;
      const lookup = directory.lookup(run.join(' '));
      if (lookup.kind !== 'found') continue;
      const typed = foldText(run.join(' '));
      // The surname of each other name: a given name ("Mario" of Jorge Mario Bergoglio) would match strangers.
      const alternatives = [lookup.person.name, ...lookup.person.aliases]
        .map((name) => name.split(/\s+/).filter((word) => !isTitleWord(word)).at(-1) ?? '')
        .filter((name) => name.length >= 3 && !typed.split(' ').includes(foldText(name)));
      if (alternatives.length > 0) aliases.push({ name: run.join(' '), alternatives: [...new Set(alternatives)] });
      at += length;
      found = true;
    }
    if (!found) at += 1;
  }
  return aliases;
}

/**
 * What a name the people directory knows can look like, to skip asking it about runs of words that cannot be
 * a name: a lookup of an unknown name costs a scan of every name (its suggestions). The directory finds a
 * person by a key made from one of their names or aliases: the whole name, the name without leading titles,
 * the surname, or the first and last significant words. So each key's words are words of one name, side by
 * side there, or that name's first and last significant words.
 */
interface NameShapes {
  words: Set<string>;
  /** "a b" for neighbouring words of a name, and for its first and last significant words. */
  pairs: Set<string>;
}

const nameShapes = new WeakMap<PeopleDirectory, NameShapes>();

/** The shapes of every name and alias of the people and organisations the directory knows (kept per directory). */
function nameShapesOf(directory: PeopleDirectory): NameShapes {
  const kept = nameShapes.get(directory);
  if (kept) return kept;
  const shapes: NameShapes = { words: new Set(), pairs: new Set() };
  for (const person of [...directory.list(), ...(directory.organizations?.() ?? [])]) {
    for (const name of [person.name, ...person.aliases]) {
      for (const form of [name, withoutPossessive(name)]) {
        const words = normalizeName(form).split(' ');
        words.forEach((word, index) => {
          shapes.words.add(word);
          if (index > 0) shapes.pairs.add(`${words[index - 1]} ${word}`);
        });
      }
      const significant = significantWords(name.split(/\s+/)).map(normalizeName);
      if (significant.length >= 2) shapes.pairs.add(`${significant[0]} ${significant.at(-1)}`);
    }
  }
  nameShapes.set(directory, shapes);
  return shapes;
}

function withoutPossessive(name: string): string {
  return name.trim().replace(/['’]s$/i, '');
}

/** Leading words the directory's lookup drops before a name (as its withoutTitles): US, UK, the, former, demonyms. */
const DROPPED_BEFORE_NAME = /^(?:u\.?s\.?|us|uk|u\.?k\.?|the|former|\p{Lu}\p{Ll}+(?:ian|ean|an|ese|ish))$/iu;

/** Whether some key the directory's lookup tries for these words can be the key of a known name. */
function mayNameSomeone(run: readonly string[], shapes: NameShapes): boolean {
  const possible = (key: string) => {
    const words = key.split(' ');
    return words.length === 1 ? shapes.words.has(words[0]!) : words.every((word, index) => index === 0 || shapes.pairs.has(`${words[index - 1]} ${word}`));
  };
  const written = run.join(' ');
  const untitled = withoutPossessive(written).split(/\s+/);
  while (untitled.length > 1 && (isTitleWord(untitled[0]!) || DROPPED_BEFORE_NAME.test(untitled[0]!))) untitled.shift();
  const withoutTitles = normalizeName(untitled.join(' '));
  const significant = significantWords(withoutTitles.split(' ')).map(normalizeName);
  const keys = [normalizeName(written), withoutTitles, normalizeName(organizationName(written) ?? written)];
  if (significant.length >= 2) keys.push(`${significant[0]} ${significant.at(-1)}`);
  return keys.some(possible);
}

/**
 * The query with each word no article contains replaced by the nearest indexed word, written as the corpus
 * writes it (a person's name as the people directory has it); null when no word needed replacing.
 */
function spellingSuggestion(catalog: Catalog, query: string): string | null {
  if (!catalog.nearestTerm) return null;
  let changed = false;
  const corrected = query.replace(/[\p{L}\p{M}'’]+/gu, (word) => {
    const term = normalizeTerm(word);
    if (term === null || (catalog.documentFrequency?.(term) ?? 1) > 0) return word;
    const nearest = catalog.nearestTerm!(term);
    if (nearest === null) return word;
    const written = surfaceForm(catalog, nearest);
    if (written === null) return word;
    changed = true;
    return /^\p{Lu}/u.test(word) || /^\p{Lu}/u.test(written) ? written : written.toLowerCase();
  });
  return changed ? corrected : null;
}

/** A word of the corpus whose index term is `term`: from people's names first, else from an article using it. */
function surfaceForm(catalog: Catalog, term: string): string | null {
  for (const person of catalog.people().list()) {
    for (const word of tokenize([person.name, ...person.aliases].join(' '))) if (normalizeTerm(word) === term) return word;
  }
  const [hit] = catalog.search(term, { limit: 1 });
  const article = hit && catalog.get(hit.id);
  if (!article) return null;
  for (const word of tokenize(`${article.title} ${bodyText(article)}`)) if (normalizeTerm(word) === term) return word;
  return null;
}

/**
 * The "Search Newsdesk" message command: searches a message's key terms, not every word. People the
 * directory knows come first, then the rarest words in the corpus (fewest articles), up to MESSAGE_KEY_TERMS.
 */
export function searchMessage(catalog: Catalog, messageText: string, limit = DEFAULT_SEARCH_LIMIT): SearchAnswer {
  const answer = search(catalog, { query: keyTerms(catalog, messageText).join(' '), limit });
  return answer.query === '' ? { ...answer, notice: { kind: 'no-key-terms' } } : answer;
}

/** The key terms of a text, as words written in it: names first, then by rarity; words no article has are left out. */
export function keyTerms(catalog: Catalog, text: string): string[] {
  const words = tokenize(text.replace(/https?:\/\/\S+/g, ' '));
  const chosen: string[] = [];
  const chosenTerms = new Set<string>();
  const take = (word: string) => {
    const term = normalizeTerm(word);
    if (term === null || chosenTerms.has(term) || chosen.length >= MESSAGE_KEY_TERMS) return;
    chosenTerms.add(term);
    chosen.push(word);
  };
  for (const alias of aliasesIn(catalog, words.join(' '))) {
    for (const word of tokenize(alias.name)) if (!isTitleWord(word)) take(word);
  }
  const frequency = (word: string) => catalog.documentFrequency?.(normalizeTerm(word)!) ?? 1;
  const candidates = words.filter((word) => normalizeTerm(word) !== null && frequency(word) > 0);
  const byRarity = [...new Set(candidates)].sort((a, b) => frequency(a) - frequency(b) || candidates.indexOf(a) - candidates.indexOf(b));
  for (const word of byRarity) take(word);
  // In the order the message has them, so the answer's query reads like the message.
  return chosen.sort((a, b) => words.indexOf(a) - words.indexOf(b));
}

/**
 * Autocomplete for `/search query`: people whose name completes what was typed, then article titles, best
 * first. A title's value is the title as a phrase, so choosing it finds that article first.
 */
export function searchCompletions(catalog: Catalog, typed: string, limit: number): Array<{ name: string; value: string }> {
  const wanted = Math.max(0, Math.floor(limit));
  if (wanted === 0) return [];
  const people = typed.trim() === '' ? [] : peopleMatching(catalog, typed, Math.ceil(wanted / 2));
  const choices = people.map((person) => ({ name: person.name, value: person.name }));
  for (const article of articlesMatching(catalog, typed, wanted)) {
    const phrase = article.title.replace(/["“”„]/g, '').trim();
    if (phrase !== '' && !choices.some((choice) => choice.name === article.title)) choices.push({ name: article.title, value: `"${phrase}"` });
  }
  return choices.slice(0, wanted);
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
