/**
 * Wire-style openings: a source tag `(MENAFN) …` or `(CNN) -- …`, and a dateline `BRUSSELS, June 12, 2026 — …`,
 * `WASHINGTON (Reuters) - …`, `NEW YORK, Nov 9 (Reuters) - …`, `Kyiv, Ukraine, March 3 — …`. Only the first
 * ~160 characters of a paragraph are examined, so the cost per paragraph is constant.
 */
import { scanDateAt } from './dates.js';

const HEAD_CHARS = 160;

/** `(Agency)` at the very start, optionally followed by a dash or colon. */
const SOURCE_TAG = /^\(([^()\n]{1,60})\)\s*(?:(?:—|–|--|-|:)\s*)?/;
const TAG_WORD = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*|[-–&|/]|of|the|and|de|du|la|al|el)$/u;

/** The tag text if it names a source: a few capitalised words (`MENAFN`, `AP`, `MENAFN - Jordan Times`, `dpa`). */
function sourceName(inner: string): string | null {
  const text = inner.trim();
  if (text === '' || /[.!?;,:]$/.test(text) || /^\d+$/.test(text)) return null;
  if (/^\p{L}{2,8}$/u.test(text)) return text;
  const words = text.split(/\s+/);
  if (words.length > 6 || !/^[\p{Lu}\p{N}]/u.test(text)) return null;
  return words.every((word) => TAG_WORD.test(word)) ? text : null;
}

/** A paragraph opening with a source tag: the source and the paragraph without it. */
export function splitSourceTag(paragraph: string): { source: string; rest: string } | null {
  const m = SOURCE_TAG.exec(paragraph.slice(0, HEAD_CHARS));
  if (!m) return null;
  const source = sourceName(m[1]!);
  return source ? { source, rest: paragraph.slice(m[0].length).trim() } : null;
}

export interface Dateline {
  /** The prefix as written, e.g. `BRUSSELS, June 12, 2026`. */
  prefix: string;
  /** The date text inside the prefix (`June 12, 2026`, `Nov 9`), or null. */
  date: string | null;
  /** A source named in parentheses (`Reuters`), or null. */
  source: string | null;
  /** The paragraph after the dateline. */
  rest: string;
}

/** Spaced dashes, an unspaced em dash, or a colon (the colon only after a capitalised place). */
const SEPARATOR = /\s+(?:—|–|--|-)\s+|\s*—\s*|\s*–(?=\s*\p{Lu})\s*|:\s+/u;
const PLACE_WORD = /^(?:\p{Lu}[\p{L}.'’-]*|de|del|da|do|dos|la|le|les|el|al|of|on|upon|am|im|sur|en|an|the|y)$/u;
/** All-caps openers that are labels, not places. */
const LABEL = /^(?:UPDATE|UPDATED|BREAKING|EXCLUSIVE|ANALYSIS|OPINION|COMMENT|EDITOR'?S NOTE|NOTE|FILE|PHOTO|VIDEO|WATCH|LIVE|CORRECTION|FACT CHECK|REVIEW|INTERVIEW|Q&A|FAQ)$/;

function isPlace(text: string): boolean {
  const parts = text.split(',');
  if (parts.length > 3) return false;
  for (const part of parts) {
    const words = part.trim().split(/\s+/);
    if (words.length === 0 || words.length > 5 || words[0] === '') return false;
    if (!words.every((word) => PLACE_WORD.test(word))) return false;
  }
  return true;
}

function isUpperCase(text: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** The date that ends the prefix (after a comma, or after the place), with the place before it. */
function splitPlaceDate(prefix: string): { place: string; date: string | null } {
  for (let comma = prefix.indexOf(','); comma >= 0; comma = prefix.indexOf(',', comma + 1)) {
    const candidate = prefix.slice(comma + 1).trim();
    const match = scanDateAt(candidate, 0);
    if (match && match.end === candidate.length) return { place: prefix.slice(0, comma).trim(), date: candidate };
  }
  return { place: prefix, date: null };
}

/** Splits a dateline off the start of a paragraph; null when the paragraph does not open with one. */
export function splitDateline(paragraph: string): Dateline | null {
  const head = paragraph.slice(0, HEAD_CHARS);
  const separator = SEPARATOR.exec(head);
  if (!separator || separator.index === 0 || separator.index > 100) return null;
  let prefix = head.slice(0, separator.index).trim();
  const rest = paragraph.slice(separator.index + separator[0].length).trim();
  if (rest === '') return null;

  let source: string | null = null;
  if (prefix.endsWith(')')) {
    const open = prefix.lastIndexOf('(');
    if (open <= 0) return null;
    source = sourceName(prefix.slice(open + 1, -1));
    if (!source) return null;
    prefix = prefix.slice(0, open).trim();
  }
  const { place, date } = splitPlaceDate(prefix);
  if (place === '' || /\d/.test(place) || !isPlace(place)) return null;
  const colon = separator[0].trim() === ':';
  // The city is written in capitals ("KYIV, Ukraine": the country after it need not be).
  const city = place.split(',')[0]!.trim();
  const shouted = isUpperCase(city) && !LABEL.test(city);
  // A mixed-case opening such as "Smith — " is prose; it is a dateline only with a date or a source tag.
  // After a colon only an upper-case place counts ("NEW DELHI: …"), since "Asked why: …" is prose.
  if (colon ? !shouted : !shouted && date === null && source === null) return null;
  // What follows a dateline is a sentence. "WHEAT - 2,602,000 bushels" and "LEAD - steady" are table rows.
  if (!/\p{Ll}/u.test(rest.slice(0, 80))) return null;
  if (date === null && source === null && !/^[\p{Lu}"“‘'(]/u.test(rest)) return null;
  const written = head.slice(0, separator.index).trim();
  return { prefix: written, date, source, rest };
}
