/**
 * The one tokenizer shared by the index, queries and excerpt highlighting, so that a word highlighted in an
 * excerpt is exactly a word the index matched.
 *
 * Tokens are cut from the original text (offsets stay valid for highlighting); normalisation happens per token:
 * lowercase, accent folding, possessive and apostrophe removal, English stop words, Porter stemming.
 */
import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';

/**
 * A token is, in order of preference:
 * - a number with inner separators ("1,750", "6.4"; "1.5bn" gives "1.5" and "bn");
 * - a dotted acronym ("U.S.", "U.N.");
 * - a run of letters, digits and combining marks, with inner apostrophes ("O'Brien", "Putin’s", "don't").
 * Hyphens split words ("Jean-Luc" → "Jean", "Luc") so a query typed either way matches.
 */
const TOKEN =
  /\p{N}+(?:[.,]\p{N}+)+|(?:\p{L}\.){2,}(?![\p{L}\p{N}])|[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{N}\p{M}]+)*/gu;

/** Longer tokens are identifiers, hashes or base64, not words: they would only bloat the index. */
const MAX_TERM_LENGTH = 40;

/** Letters that NFKD does not decompose into a base letter plus a mark. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
};
const EXTRA_FOLD_PATTERN = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'gu');

/** Lowercase with accents removed: "Zoë Ørsted" → "zoe orsted". Also used to compare titles for autocomplete. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(EXTRA_FOLD_PATTERN, (letter) => EXTRA_FOLDS[letter] ?? letter);
}

const STOP_WORDS = new Set(englishStopWords.map((word) => foldText(word).replace(/['’ʼ]/g, '')));

export interface TokenSpan {
  /** The token as written in the text. */
  token: string;
  start: number;
  end: number;
}

/** Raw tokens of a text, in order. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Raw tokens with their offsets in the text, for highlighting. */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN)) {
    spans.push({ token: match[0], start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

// Stemming dominates indexing time and news reuses a small vocabulary, so normalised forms are memoised.
const MEMO_LIMIT = 200_000;
let memo = new Map<string, string | null>();

/** The index form of a raw token: folded, stemmed; null for stop words and non-words. */
export function normalizeTerm(token: string): string | null {
  const known = memo.get(token);
  if (known !== undefined) return known;
  const normal = computeNormalForm(token);
  if (memo.size >= MEMO_LIMIT) memo = new Map();
  memo.set(token, normal);
  return normal;
}

function computeNormalForm(token: string): string | null {
  let term = foldText(token);
  if (/^\p{N}/u.test(term) && /[.,]/.test(term)) {
    // "1,750" and "1750" are the same number; "6.4" keeps its point.
    term = term.replace(/,/g, '');
  } else if (/^(?:\p{L}\.){2,}$/u.test(term)) {
    term = term.replace(/\./g, '');
  } else {
    term = term.replace(/['’ʼ]s$/, '').replace(/['’ʼ]/g, '');
  }
  if (term === '' || term.length > MAX_TERM_LENGTH || STOP_WORDS.has(term)) return null;
  if (/^[\p{N}.]+$/u.test(term)) return term;
  return stemmer(term);
}

/** Normalised, distinct terms of a query, in order: what the index looks up. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(query)) {
    const term = normalizeTerm(token);
    if (term !== null && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

/** Every normalised term of a text, in order and repeated as often as it occurs, joined by spaces: what engines index. */
export function indexTerms(text: string): string {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms.join(' ');
}
