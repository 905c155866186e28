/**
 * The query syntax people type, parsed into index terms:
 * - `"quoted phrase"`: those words in this order (stop words inside are skipped on both sides, so
 *   `"state of the union"` finds "State of the Union"); an unclosed quote runs to the end of the query;
 * - `-word` and `-"phrase"`: articles containing them are left out;
 * - any other word: preferred (each one an article has raises its score), not required.
 * Typographic quotes (“…”) count as quotes. A `-` counts only at the start of a word ("covid-19" is words).
 */
import { normalizeTerm, tokenize } from './tokenize.js';

export interface ParsedQuery {
  /** Normalised terms of the words outside quotes, distinct, in order. */
  terms: string[];
  /** Quoted phrases as normalised terms in order (stop words left out); only phrases with a term. */
  phrases: string[][];
  excludedTerms: string[];
  excludedPhrases: string[][];
  /** True when the query has words but all of them are stop words (nothing to look up). */
  onlyStopWords: boolean;
}

const QUOTES = /["“”„]/;

interface Part {
  text: string;
  quoted: boolean;
  excluded: boolean;
}

/** Splits the raw query into quoted and unquoted parts, each possibly marked with a leading `-`. */
function splitParts(query: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  while (at < query.length) {
    const char = query[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    const excluded = char === '-' && at + 1 < query.length && !/\s/.test(query[at + 1]!);
    const start = excluded ? at + 1 : at;
    if (QUOTES.test(query[start] ?? '')) {
      const close = query.slice(start + 1).search(QUOTES);
      const end = close < 0 ? query.length : start + 1 + close;
      parts.push({ text: query.slice(start + 1, end), quoted: true, excluded });
      at = end + 1;
      continue;
    }
    let end = start;
    while (end < query.length && !/\s/.test(query[end]!) && !QUOTES.test(query[end]!)) end += 1;
    parts.push({ text: query.slice(start, end), quoted: false, excluded });
    at = end === start ? end + 1 : end;
  }
  return parts;
}

/** Normalised terms of a text, stop words left out, in order (repeats kept: a phrase may repeat a word). */
export function termSequence(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

export function parseQuery(query: string): ParsedQuery {
  const terms: string[] = [];
  const phrases: string[][] = [];
  const excludedTerms: string[] = [];
  const excludedPhrases: string[][] = [];
  let words = 0;
  const addDistinct = (list: string[], items: readonly string[]) => {
    for (const item of items) if (!list.includes(item)) list.push(item);
  };
  for (const part of splitParts(query)) {
    words += tokenize(part.text).length;
    const sequence = termSequence(part.text);
    if (sequence.length === 0) continue;
    if (part.quoted && sequence.length > 1) {
      const list = part.excluded ? excludedPhrases : phrases;
      if (!list.some((phrase) => phrase.join(' ') === sequence.join(' '))) list.push(sequence);
    } else {
      addDistinct(part.excluded ? excludedTerms : terms, sequence);
    }
  }
  // A word both wanted and excluded: the exclusion wins, as the more deliberate of the two.
  const wanted = terms.filter((term) => !excludedTerms.includes(term));
  const hasTerms = wanted.length + phrases.length + excludedTerms.length + excludedPhrases.length > 0;
  return { terms: wanted, phrases, excludedTerms, excludedPhrases, onlyStopWords: words > 0 && !hasTerms };
}

/** Every term a ranking should score: the free words, then the words of the phrases. */
export function scoredTerms(parsed: ParsedQuery): string[] {
  const all = [...parsed.terms];
  for (const phrase of parsed.phrases) for (const term of phrase) if (!all.includes(term)) all.push(term);
  return all;
}

/** Whether the term sequence contains the phrase as consecutive terms. */
export function containsPhrase(sequence: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return true;
  outer: for (let start = 0; start + phrase.length <= sequence.length; start++) {
    for (let offset = 0; offset < phrase.length; offset++) {
      if (sequence[start + offset] !== phrase[offset]) continue outer;
    }
    return true;
  }
  return false;
}
