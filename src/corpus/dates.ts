/**
 * Dates as articles write them, turned into ISO `YYYY-MM-DD`. A date is only ever read from the text: a
 * partial or impossible date gives null, never a guess (no "today", no file time, no shifted time zone).
 * Every pattern is anchored at one position (sticky) and bounded, so scanning a long text stays linear.
 */

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\b\\.?';
const WEEKDAY = '(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\b\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';

/** 2025-11-09, 2025/11/09, 2025.11.09 (a time may follow). */
const YEAR_FIRST = /(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/y;
/** 09.11.2025 (day first, the European dotted form) and 13/11/2025 (only when the day cannot be a month). */
const DAY_FIRST_NUMERIC = /(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?!\d)/y;
/** Monday, November 9, 2025 · Nov. 9, 2025 · Sept. 9 2025 · Nov 9 (no year: only for datelines). */
const MONTH_FIRST = new RegExp(`${WEEKDAY}${MONTH}\\s{1,3}(\\d{1,2})${ORDINAL}(?!\\d)(?:,?\\s{1,3}(\\d{4})(?!\\d))?`, 'iy');
/** 9 November 2025 · Mon, 09 Nov 2025 · 9th of November, 2025 · 12 June (no year). */
const DAY_FIRST = new RegExp(`${WEEKDAY}(\\d{1,2})${ORDINAL}\\.?\\s{1,3}(?:of\\s{1,3})?${MONTH},?(?:\\s{1,3}(\\d{4})(?!\\d))?`, 'iy');

/** A date found at one position: `year` is null when the text gave only a day and month. */
export interface DateMatch {
  year: number | null;
  month: number;
  day: number;
  /** Index just past the date in the scanned text. */
  end: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function valid(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (year === null) return day <= daysInMonth(2024, month);
  return year >= 1000 && year <= 9999 && day <= daysInMonth(year, month);
}

function execAt(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

function found(year: number | null, month: number, day: number, end: number): DateMatch | null {
  return valid(year, month, day) ? { year, month, day, end } : null;
}

/** The date that starts exactly at `position` in `text`, or null. */
export function scanDateAt(text: string, position: number): DateMatch | null {
  let m = execAt(YEAR_FIRST, text, position);
  if (m) return found(Number(m[1]), Number(m[3]), Number(m[4]), position + m[0].length);

  m = execAt(DAY_FIRST_NUMERIC, text, position);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[3]);
    const dotted = m[2] === '.';
    // 11/09/2025 could be 11 September or 9 November: refuse rather than guess.
    if (!dotted && first <= 12 && second <= 12 && first !== second) return null;
    const dayFirst = dotted || first > 12;
    return found(Number(m[4]), dayFirst ? second : first, dayFirst ? first : second, position + m[0].length);
  }

  m = execAt(MONTH_FIRST, text, position);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    return found(m[3] ? Number(m[3]) : null, month, Number(m[2]), position + m[0].length);
  }

  m = execAt(DAY_FIRST, text, position);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()]!;
    return found(m[3] ? Number(m[3]) : null, month, Number(m[1]), position + m[0].length);
  }
  return null;
}

export function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * One date expression → `YYYY-MM-DD`, or null. The text must start with the date (a weekday may come first);
 * what follows it (a time, a zone) is ignored, so `2025-11-09T23:30:00-05:00` is 2025-11-09 as written.
 */
export function parseDate(text: string): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const match = scanDateAt(trimmed, 0);
  if (!match || match.year === null) return null;
  // The date must end at a boundary: "2025-11-091" or "Nov 9, 20255" are not dates.
  const next = trimmed.charAt(match.end);
  if (next !== '' && /[\p{L}\p{N}]/u.test(next) && !(next === 'T' && /\d/.test(trimmed.charAt(match.end + 1)))) {
    return null;
  }
  return toIso(match.year, match.month, match.day);
}

/** Places where a date could start: a number or a month name at a word start. */
const DATE_START = /(?<![\p{L}\p{N}])(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)/giu;

/** The first complete date (day, month and year) anywhere in `text`, or null. Linear in the text length. */
export function findFirstFullDate(text: string): string | null {
  DATE_START.lastIndex = 0;
  for (let m = DATE_START.exec(text); m; m = DATE_START.exec(text)) {
    const match = scanDateAt(text, m.index);
    if (match && match.year !== null) return toIso(match.year, match.month, match.day);
  }
  return null;
}

/** A front-matter date value as YAML gives it: usually a string, a Date if a schema made one. */
function frontMatterDate(value: unknown): string | null {
  if (typeof value === 'string') return parseDate(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return null;
}

/** Everything an article says about its own date, strongest first. */
export interface DateEvidence {
  /** The `date:` value of the front matter (string or Date). */
  frontMatter?: unknown;
  /** The date of a first line ` date YYYY-MM-DD Title`. */
  dateLine?: string | null;
  /** The date part of a `Published: …` line (or of another date stamp line). */
  published?: string | null;
  /** A dateline's date (`June 12, 2026`, `Nov 9`); may lack a year. */
  dateline?: string | null;
  /** The article's text, searched for a full date to give a yearless dateline date its year. */
  text?: string;
}

/** The article date: front matter > date line > `Published:` line > dateline. Null when none is stated. */
export function findArticleDate(evidence: DateEvidence): string | null {
  const stated =
    frontMatterDate(evidence.frontMatter) ??
    (evidence.dateLine ? parseDate(evidence.dateLine) : null) ??
    (evidence.published ? parseDate(evidence.published) : null);
  if (stated) return stated;
  if (!evidence.dateline) return null;
  const dateline = scanDateAt(evidence.dateline.trim(), 0);
  if (!dateline) return null;
  if (dateline.year !== null) return toIso(dateline.year, dateline.month, dateline.day);
  // "LONDON, March 3 —": the year only if the article gives a full date somewhere; otherwise undated.
  const elsewhere = evidence.text ? findFirstFullDate(evidence.text) : null;
  if (!elsewhere) return null;
  const year = Number(elsewhere.slice(0, 4));
  return valid(year, dateline.month, dateline.day) ? toIso(year, dateline.month, dateline.day) : null;
}
