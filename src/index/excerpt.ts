/**
 * Excerpts: the best windows of an article's body around the words a search matched, cut at word boundaries,
 * with "…" where a sentence is cut, and the offsets of every matched word so a renderer can bold them.
 */
import { bodyText, type Article } from '../corpus/article.js';
import { normalizeTerm, tokenSpans } from './tokenize.js';

export interface Excerpt {
  /** Plain text, whitespace collapsed; starts or ends with "…" where a sentence was cut. */
  text: string;
  /** [start, end) offsets into `text` of each matched word, in order, not overlapping. */
  highlights: Array<[number, number]>;
}

export interface ExcerptOptions {
  /** Most windows to return from one article. Default 1. */
  maxExcerpts?: number;
  /** Characters of article text per window, before the ellipses. Default 300. */
  windowChars?: number;
}

export const ELLIPSIS = '…';

interface Match {
  start: number;
  end: number;
  term: string;
}

interface Range {
  start: number;
  end: number;
}

/**
 * The best windows of the article body for the given normalised query terms (as in SearchHit.terms), best
 * first: a window holds as many distinct terms as possible, then as many matches. Windows never overlap. When
 * the body has no match (the title matched), the opening of the body is returned.
 */
export function excerpts(
  article: Pick<Article, 'blocks'>,
  queryTerms: readonly string[],
  options: ExcerptOptions = {},
): Excerpt[] {
  const maxExcerpts = Math.max(1, Math.floor(options.maxExcerpts ?? 1));
  const windowChars = Math.max(1, Math.floor(options.windowChars ?? 300));
  const body = bodyText(article);
  if (body.trim() === '') return [];
  const matches = findMatches(body, new Set(queryTerms));
  if (matches.length === 0) {
    const lead = expandWindow(body, { start: 0, end: 0 }, windowChars, { start: 0, end: body.length });
    return [render(body, lead, [])];
  }

  // Windows shown, and stretches passed over because they would repeat a sentence already shown.
  const chosen: Range[] = [];
  const shown = new Set<string>();
  const result: Excerpt[] = [];
  while (result.length < maxExcerpts) {
    const best = bestCore(matches, chosen, windowChars);
    if (!best) break;
    const bounds = freeBounds(chosen, best, body.length);
    const window = expandWindow(body, best, windowChars, bounds);
    chosen.push(window);
    const sentences = sentencesIn(body, window);
    if (sentences.some((sentence) => shown.has(sentence))) continue;
    for (const sentence of sentences) shown.add(sentence);
    result.push(render(body, window, matches));
  }
  return result;
}

/** Shortest piece of a sentence compared for repeats: shorter ones ("He said no.") may well recur. */
const REPEAT_MIN_CHARS = 25;

/** The whole sentences inside a window (not those the window cuts), normalised for comparison. */
function sentencesIn(body: string, window: Range): string[] {
  const pieces: string[] = [];
  let start = window.start;
  const push = (end: number) => {
    const piece = body.slice(start, end).replace(/\s+/g, ' ').trim();
    const whole = isSentenceStart(body, start) && /[.!?…]["'”’)\]]?$/.test(piece);
    if (whole && piece.length >= REPEAT_MIN_CHARS) pieces.push(piece.toLowerCase());
  };
  for (let position = window.start + 1; position < window.end; position++) {
    if (isSentenceStart(body, position)) {
      push(position);
      start = position;
    }
  }
  push(window.end);
  return pieces;
}

function findMatches(body: string, terms: ReadonlySet<string>): Match[] {
  const matches: Match[] = [];
  if (terms.size === 0) return matches;
  for (const span of tokenSpans(body)) {
    const term = normalizeTerm(span.token);
    if (term !== null && terms.has(term)) matches.push({ start: span.start, end: span.end, term });
  }
  return matches;
}

/**
 * The run of consecutive matches, outside the windows already chosen, that fits in one window and has the
 * most distinct terms, then the most matches (the earliest on ties). Returns the span from its first match's
 * start to its last match's end.
 */
function bestCore(matches: readonly Match[], chosen: readonly Range[], windowChars: number): Range | null {
  let best: { range: Range; distinct: number; count: number } | null = null;
  for (const segment of freeSegments(matches, chosen)) {
    const counts = new Map<string, number>();
    let last = -1;
    for (let first = 0; first < segment.length; first++) {
      const head = segment[first]!;
      if (last < first) {
        last = first;
        counts.set(head.term, (counts.get(head.term) ?? 0) + 1);
      }
      while (last + 1 < segment.length && segment[last + 1]!.end - head.start <= windowChars) {
        last += 1;
        const term = segment[last]!.term;
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      const count = last - first + 1;
      if (!best || counts.size > best.distinct || (counts.size === best.distinct && count > best.count)) {
        const end = Math.min(segment[last]!.end, head.start + windowChars);
        best = { range: { start: head.start, end }, distinct: counts.size, count };
      }
      const left = (counts.get(head.term) ?? 1) - 1;
      if (left === 0) counts.delete(head.term);
      else counts.set(head.term, left);
    }
  }
  return best?.range ?? null;
}

/** Runs of matches that lie outside every chosen window and are not separated by one. */
function freeSegments(matches: readonly Match[], chosen: readonly Range[]): Match[][] {
  const segments: Match[][] = [];
  let current: Match[] = [];
  const ordered = [...chosen].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const match of matches) {
    let crossed = false;
    while (next < ordered.length && ordered[next]!.start < match.end) {
      crossed = true;
      next += 1;
    }
    if (crossed && current.length > 0) {
      segments.push(current);
      current = [];
    }
    if (!ordered.some((range) => match.start < range.end && range.start < match.end)) current.push(match);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

/** The stretch of body a new window may use: between the chosen windows on either side of its core. */
function freeBounds(chosen: readonly Range[], core: Range, length: number): Range {
  let start = 0;
  let end = length;
  for (const range of chosen) {
    if (range.end <= core.start) start = Math.max(start, range.end);
    if (range.start >= core.end) end = Math.min(end, range.start);
  }
  return { start, end };
}

/**
 * Grows a core span to about `windowChars` characters within bounds: a little context before, more after,
 * starting at a sentence start when one is close. Window edges fall on whitespace, so no word is cut; only a
 * single "word" longer than the window is cut, and then between code points, never inside a surrogate pair.
 */
function expandWindow(body: string, core: Range, windowChars: number, bounds: Range): Range {
  let coreStart = core.start;
  let coreEnd = core.end;
  while (coreStart > bounds.start && isWordChar(body[coreStart - 1])) coreStart -= 1;
  while (coreEnd < bounds.end && isWordChar(body[coreEnd])) coreEnd += 1;
  if (coreEnd - coreStart > windowChars) return hardCut(body, core.start, Math.min(bounds.end, core.start + windowChars));

  const extra = windowChars - (coreEnd - coreStart);
  let start = Math.max(bounds.start, coreStart - Math.floor(extra * 0.35));
  const sentenceStart = lastSentenceStart(body, start, coreStart);
  if (sentenceStart !== null) start = sentenceStart;
  let end = Math.min(bounds.end, start + windowChars);
  if (end - start < windowChars) start = Math.max(bounds.start, end - windowChars);

  while (start < coreStart && isWordChar(body[start - 1]) && isWordChar(body[start])) start += 1;
  while (end > coreEnd && isWordChar(body[end - 1]) && isWordChar(body[end])) end -= 1;
  while (start < end && !isWordChar(body[start])) start += 1;
  while (end > start && !isWordChar(body[end - 1])) end -= 1;
  return { start, end };
}

function hardCut(body: string, start: number, end: number): Range {
  const safeStart = isLowSurrogate(body.charCodeAt(start)) ? start + 1 : start;
  const safeEnd = isLowSurrogate(body.charCodeAt(end)) ? end - 1 : end;
  return { start: safeStart, end: Math.max(safeStart, safeEnd) };
}

/** The latest position in [from, to] where a sentence or paragraph starts, if any. */
function lastSentenceStart(body: string, from: number, to: number): number | null {
  for (let position = to; position >= from; position--) {
    if (isSentenceStart(body, position)) return position;
  }
  return null;
}

function isSentenceStart(body: string, position: number): boolean {
  if (position === 0) return true;
  if (!isWordChar(body[position])) return false;
  const before = body.slice(Math.max(0, position - 4), position);
  if (/\n\s*$/.test(before)) return true;
  if (!/[.!?…]["'”’)\]]?\s+$/.test(before)) return false;
  return !endsWithAbbreviation(body.slice(Math.max(0, position - 24), position));
}

/** Abbreviations whose full stop does not end a sentence before a capital ("Mr. Smith", "St. Louis"). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cmdr',
  'adm', 'maj', 'rev', 'hon', 'pres', 'supt', 'det', 'insp', 'mt', 'ft', 'vs', 'v', 'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'approx', 'dept', 'univ',
]);

/**
 * Whether the text (ending in the whitespace before a candidate sentence start) ends with an abbreviation:
 * one of ABBREVIATIONS, a dotted acronym ("U.S.", "U.N."), or a single initial ("George W.").
 */
function endsWithAbbreviation(text: string): boolean {
  const last = /(\S+)\s+$/u.exec(text)?.[1];
  if (!last || !last.endsWith('.')) return false;
  const word = last.replace(/^["'“‘([]+/u, '').slice(0, -1);
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Any non-space character: window edges fall between a space and a non-space. */
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /\S/.test(char);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isSentenceEnd(body: string, end: number): boolean {
  return end >= body.length || /[.!?…]["'”’)\]]?$/.test(body.slice(Math.max(0, end - 2), end));
}

/** The window as display text (whitespace collapsed, ellipses where cut) with highlight offsets mapped into it. */
function render(body: string, window: Range, matches: readonly Match[]): Excerpt {
  const lead = window.start > 0 && !isSentenceStart(body, window.start) ? ELLIPSIS : '';
  const tail = window.end < body.length && !isSentenceEnd(body, window.end) ? ELLIPSIS : '';
  // Collapse whitespace runs, remembering where each original offset lands in the text.
  let text = lead;
  const mapped = new Map<number, number>();
  let position = window.start;
  while (position < window.end) {
    mapped.set(position, text.length);
    const char = body[position]!;
    if (/\s/.test(char)) {
      const runStart = position;
      while (position < window.end && /\s/.test(body[position]!)) position += 1;
      // A block break after a line without final punctuation (a subheading) reads as the end of a sentence,
      // not as words glued to the next paragraph. Both replacements are no longer than the break itself.
      const blockBreak = body.slice(runStart, position).includes('\n') && position - runStart >= 2;
      text += blockBreak && /[\p{L}\p{N}]$/u.test(text) ? '. ' : ' ';
      continue;
    }
    text += char;
    position += 1;
  }
  mapped.set(window.end, text.length);
  const highlights: Array<[number, number]> = [];
  for (const match of matches) {
    if (match.start < window.start || match.end > window.end) continue;
    const start = mapped.get(match.start);
    const end = mapped.get(match.end);
    if (start !== undefined && end !== undefined) highlights.push([start, end]);
  }
  return { text: text + tail, highlights };
}
