/** The view of a digest (the same in a Discord post, `/digest preview`, the console and the CLI), and its JSON. */
import { digestSince, type DigestAnswer, type DigestItem } from '../answers/digest.js';
import type { Catalog } from '../index/types.js';
import { articleSection, plural } from './dates.js';
import { loadingNotice } from './notices.js';
import { quoteLine } from './quotes.js';
import { shortenAtWord } from './shorten.js';
import { viewToText } from './text.js';
import { bold, plain, type Line, type Section, type View } from './view.js';

export interface DigestViewOptions {
  /** The post's title. Default "Digest". */
  title?: string;
  /** How the window's start reads. Default: UTC, "2026-03-29 07:00 UTC". */
  formatTime?: (iso: string) => string;
}

/** A digest quote longer than this is cut at a word: the summary already carries the article. */
const QUOTE_CHARACTERS = 300;

export function utcTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function digestView(answer: DigestAnswer, options: DigestViewOptions = {}): View {
  const when = (options.formatTime ?? utcTime)(answer.since);
  const matching: Line = answer.filter === null ? [] : [plain(' matching '), bold(answer.filter)];
  const intro: Line[] = [...loadingNotice(answer.loading, answer.loadProgress)];
  const total = answer.items.length + answer.more;
  if (total === 0) intro.push([plain('Nothing new'), ...matching, plain(` since ${when}.`)]);
  else intro.push([plain(`${plural(total, 'new article')}`), ...matching, plain(` since ${when}, newest first.`)]);
  const view: View = { title: options.title ?? 'Digest', intro, sections: answer.items.map(digestSection) };
  if (answer.more > 0) view.footer = `${plural(answer.more, 'more article')} not shown: see /summary`;
  return view;
}

/** One article of a digest or follow post: title, date, summary and a quote. */
export function digestSection(item: DigestItem): Section {
  const lines: Line[] = [[plain(item.summary || '(no text to summarise)')]];
  if (item.quote) {
    lines.push([bold(`${item.quote.speaker}: `), ...quoteLine({ ...item.quote, text: shortenAtWord(item.quote.text, QUOTE_CHARACTERS), speakerType: 'person' })]);
  }
  return articleSection(item, lines);
}

/** The JSON document of `newsdesk digest --json`. */
export function digestJson(answer: DigestAnswer) {
  return {
    since: answer.since,
    until: answer.until,
    filter: answer.filter,
    articles: answer.items.map((item) => ({
      articleId: item.articleId,
      title: item.title,
      date: item.date,
      source: item.source,
      url: item.url,
      addedAt: item.addedAt,
      summary: item.summary,
      quote: item.quote,
    })),
    more: answer.more,
  };
}

export interface DigestCommandOptions {
  /** ISO date or date-time; a date alone means its midnight UTC. */
  since: string;
  until?: string;
  filter?: string;
  max?: number;
  json?: boolean;
}

/**
 * What `newsdesk digest --since ISO [--filter Q] [--json]` prints. Throws an Error whose message says what
 * to fix when `--since` (or `--until`) is not a date.
 */
export function digestCommandOutput(catalog: Catalog, options: DigestCommandOptions): string {
  const since = isoInstant(options.since, '--since');
  const until = options.until === undefined ? undefined : isoInstant(options.until, '--until');
  const answer = digestSince(catalog, { since, until, filter: options.filter, max: options.max });
  return options.json ? JSON.stringify(digestJson(answer)) : viewToText(digestView(answer));
}

function isoInstant(text: string, flag: string): string {
  const trimmed = text.trim();
  const time = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)
    ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed.replace(' ', 'T'))
    : NaN;
  if (Number.isNaN(time)) {
    throw new Error(`${flag} "${text}" is not a date: use ISO 8601, e.g. 2026-03-01 or 2026-03-01T09:00:00Z.`);
  }
  return new Date(time).toISOString();
}
