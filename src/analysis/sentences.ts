/**
 * Sentence splitting tuned for news: abbreviations (U.S., Dr., Jan.), initials (J. K. Rowling),
 * decimals and quotes that close after the full stop (…,” she said.) do not end a sentence.
 */
import type { Block } from '../corpus/article.js';
import type { Sentence } from './types.js';

/** Lowercased abbreviations that are followed by a full stop but rarely end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm',
  'cmdr', 'st', 'jr', 'sr', 'rev', 'hon', 'pres', 'supt', 'insp', 'det', 'fr', 'sec', 'amb', 'atty', 'mt',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'dept', 'univ', 'assn', 'est', 'approx', 'no', 'nos',
  'vs', 'etc', 'e.g', 'i.e', 'cf', 'al', 'fig', 'vol', 'pp', 'ave', 'blvd', 'rd', 'ft', 'mph', 'ca',
]);

/** Abbreviations that end a sentence when a capitalised word follows only if it is not a name part. */
const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm',
  'cmdr', 'st', 'rev', 'hon', 'pres', 'supt', 'insp', 'det', 'fr', 'amb', 'atty', 'mt', 'no', 'nos', 'vs', 'cf',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const CLOSERS = `"'”’»)]`;
const isCloser = (ch: string | undefined) => ch !== undefined && CLOSERS.includes(ch);
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** Whether the full stop at `dot` belongs to an abbreviation, an initial or a number, not a sentence end. */
function isNonTerminalPeriod(text: string, dot: number, nextWordStart: number): boolean {
  let wordStart = dot;
  while (wordStart > 0 && /[\p{L}\p{N}.]/u.test(text[wordStart - 1] ?? '')) wordStart--;
  const word = text.slice(wordStart, dot);
  const lower = word.toLowerCase();
  const next = text.slice(nextWordStart, nextWordStart + 1);
  const nextIsLower = /\p{Ll}/u.test(next);
  const nextIsDigit = /\d/.test(next);
  if (word === '') return false;
  // Dotted abbreviations ("U.S.", "a.m.") end a sentence only when a typical sentence opener follows.
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) {
    if (nextIsLower || nextIsDigit) return true;
    return isLikelyNameOrNounAfterDottedAbbrev(text, nextWordStart);
  }
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. K. Rowling"
  if (ABBREVIATIONS.has(lower)) {
    if (nextIsLower || nextIsDigit) return true;
    return TITLE_ABBREVIATIONS.has(lower);
  }
  if (nextIsLower) {
    // A lowercase continuation after a full stop is almost never a new sentence in edited news copy.
    return /^\p{L}{1,4}$/u.test(word);
  }
  return false;
}

/** After "U.S." a capitalised word starts a new sentence unless it reads as a noun phrase continuing it. */
function isLikelyNameOrNounAfterDottedAbbrev(text: string, nextWordStart: number): boolean {
  const nextWord = /^[\p{L}'’-]+/u.exec(text.slice(nextWordStart))?.[0] ?? '';
  // Sentence openers that signal a new sentence.
  if (/^(The|A|An|He|She|It|They|We|I|But|And|In|On|At|This|That|These|Those|His|Her|Its|Their|There|However|Meanwhile|After|Before|When|While|If|As|Some|Many|Most)$/.test(nextWord)) {
    return false;
  }
  return true;
}

/** Splits one block's text into sentence spans [start, end) relative to the block. */
export function splitText(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    // Char codes, not text[i]: a one-character string per position was a large part of splitting.
    const code = text.charCodeAt(i);
    if (code === 46 || code === 33 || code === 63 || code === 0x2026) {
      const ch = text[i];
      let end = i + 1;
      while (end < length && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
      while (end < length && isCloser(text[end])) end++;
      if (end >= length) break;
      if (!isSpace(text[end])) {
        i = end;
        continue;
      }
      let next = end;
      while (next < length && isSpace(text[next])) next++;
      // A quote closed by ",” he said" is handled by the comma rule: only sentence-final marks get here.
      const opener = text[next] ?? '';
      const startsNew = /[\p{Lu}\p{N}"'“‘«„‚‹([]/u.test(opener);
      if (startsNew && !(ch === '.' && end === i + 1 && isNonTerminalPeriod(text, i, skipOpeners(text, next)))) {
        spans.push([start, end]);
        start = next;
      } else if (startsNew && ch === '.' && end > i + 1 && isCloser(text[i + 1])) {
        spans.push([start, end]);
        start = next;
      }
      i = next;
      continue;
    }
    i++;
  }
  if (start < length) {
    let end = length;
    while (end > start && isSpace(text[end - 1])) end--;
    if (end > start) spans.push([start, end]);
  }
  return spans;
}

function skipOpeners(text: string, at: number): number {
  let index = at;
  while (index < text.length && /["'“‘«„‚‹([]/.test(text[index] ?? '')) index++;
  return index;
}

/** Splits an article body into sentences; a heading block is one sentence of its own. */
export function splitSentences(blocks: readonly Block[]): Sentence[] {
  const sentences: Sentence[] = [];
  let offset = 0;
  blocks.forEach((block, blockIndex) => {
    if (block.kind === 'heading') {
      sentences.push({ text: block.text, start: offset, end: offset + block.text.length, block: blockIndex, heading: true });
    } else {
      for (const [start, end] of splitText(block.text)) {
        sentences.push({ text: block.text.slice(start, end), start: offset + start, end: offset + end, block: blockIndex, heading: false });
      }
    }
    offset += block.text.length + 2;
  });
  return sentences;
}
