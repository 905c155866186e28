/**
 * One file's text → Article. Pure and total: any string gives an article with a non-empty title.
 *
 * Order of work: front matter → a ` date YYYY-MM-DD Title` first line → blocks → metadata lines taken out
 * (`Published:`, bylines, `Source:`, `Title:` headers) and boilerplate dropped → title line → source tag
 * `(MENAFN)` → dateline → subheadings. A dateline is removed from its paragraph and kept in `article.dateline`.
 */
import type { Article, Block } from './article.js';
import { parseByline, isBoilerplate } from './boilerplate.js';
import { markHeadings, splitBlocks } from './blocks.js';
import { splitDateline, splitSourceTag } from './dateline.js';
import { findArticleDate, findFirstFullDate, scanDateAt } from './dates.js';
import { fieldText, pickField, splitFrontMatter } from './front-matter.js';
import { normalizeLineEnds, stripInlineMarkdown, tidyText, wordsUpTo } from './inline.js';
import { deriveTitle, shortenTitle } from './title.js';

const TITLE_KEYS = ['title', 'headline', 'name'] as const;
const DATE_KEYS = ['date', 'published', 'published_at', 'publishedat', 'pubdate', 'publish_date', 'date_published', 'datepublished', 'created', 'created_at'] as const;
const SOURCE_KEYS = ['source', 'publisher', 'publication', 'site', 'site_name', 'outlet', 'agency'] as const;
const URL_KEYS = ['url', 'link', 'canonical_url', 'canonical', 'permalink', 'source_url'] as const;
const AUTHOR_KEYS = ['author', 'authors', 'byline', 'creator', 'by'] as const;

/** ` date 2025-09-12 Title` (seed format; the leading space and a colon are optional). */
const DATE_LINE = /^\s*date:?[ \t]+/i;
const ISO_TIME = /^T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/;

/** `Published: 17 February 2026`, `Updated 10:32 GMT, Mon November 9, 2025`, `Posted on Nov. 9, 2025`. */
const STAMP_LABEL = /^(?:(first[ \t]+)?published|posted|dated?|(?:last[ \t]+)?(?:updated|modified))(?:[ \t]+on)?[ \t]*[:|–—-]?[ \t]*/i;
/** What may follow a bare date on its own line: a time and zone. */
const TIME_REST = /^[\s,|·•-]*(?:[Aa]t\s+)?(?:T?\d{1,2}(?:[:.]\d{2}){0,2}(?:\.\d+)?\s*(?:[AaPp]\.?[Mm]\.?)?)?\s*(?:\(?[A-Z]{2,5}\)?|[+-]\d{2}:?\d{2}|Z)?\s*$/;
/** "10:32 AM EST, " before the date in `Updated 10:32 AM EST, Mon November 9, 2025`. */
const LEADING_TIME = /^\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,5}\b)?[\s,|·•-]*/;
const WEEKDAY_PREFIX = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?,?\s+/i;
/** `Title: …`, `Author: …` lines at the top of a plain-text file. */
const HEADER_FIELD = /^(title|headline|author|authors|source|url|link)[ \t]*:[ \t]*(\S.{0,400})$/i;

interface Stamp {
  kind: 'published' | 'updated' | 'bare';
  date: string;
}

/** The date opening `text` (after an optional weekday) when nothing but a time or zone follows it. */
function wholeDate(text: string): string | null {
  const unweekdayed = text.replace(LEADING_TIME, '').replace(WEEKDAY_PREFIX, '');
  const match = scanDateAt(unweekdayed, 0);
  if (!match || match.year === null || !TIME_REST.test(unweekdayed.slice(match.end))) return null;
  return unweekdayed.slice(0, match.end);
}

/**
 * A line that only states the article's date: `Published: …` (after a colon or bar any wording may surround
 * the date: "Updated: 10:32 GMT, Mon November 9, 2025"), `Published on Nov. 9, 2025`, or a bare date near the
 * top. "Updated guidance was published on March 3" is prose: without a separator the date must follow the label.
 */
function readStamp(line: string, atTop: boolean): Stamp | null {
  if (line.length > 120 || wordsUpTo(line, 14) > 14) return null;
  const label = STAMP_LABEL.exec(line);
  if (label && label[0].length > 0) {
    const rest = line.slice(label[0].length);
    const date = /[:|–—-]/.test(label[0]) ? findFirstFullDate(rest) : wholeDate(rest);
    if (!date) return null;
    return { kind: /updated|modified/i.test(label[0]) ? 'updated' : 'published', date };
  }
  const date = atTop ? wholeDate(line) : null;
  return date ? { kind: 'bare', date } : null;
}

/** The seed's ` date YYYY-MM-DD Title` first line: its date text and the title after it. */
function readDateLine(line: string): { date: string; title: string } | null {
  const label = DATE_LINE.exec(line);
  if (!label) return null;
  const rest = line.slice(label[0].length);
  const match = scanDateAt(rest, 0);
  if (!match || match.year === null) return null;
  const afterDate = rest.slice(match.end);
  if (/^[\p{L}\p{N}]/u.test(afterDate) && !ISO_TIME.test(afterDate)) return null;
  const title = afterDate.replace(ISO_TIME, '').replace(/^[\s|:–—-]+/, '');
  return { date: rest.slice(0, match.end), title };
}

/** The first line of a file reads as a title: one line, not too long, not a sentence or a dateline. */
function isTitleLine(text: string): boolean {
  if (text.length > 250 || wordsUpTo(text, 30) > 30) return false;
  if (/[.:;,]$/.test(text) && !/\.\.\.$/.test(text)) return false;
  if (text.startsWith('(') || splitDateline(text) !== null) return false;
  return true;
}

function sameText(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 20) return false;
  const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return key(a) !== '' && key(a) === key(b);
}

/** A last-resort title from the file name: "2025/eu-sanctions.txt" → "eu sanctions". */
function titleFromId(id: string): string {
  const base = id.split('/').pop() ?? '';
  const name = base.replace(/\.[^.]*$/, '').replace(/[-_]+/g, ' ').trim();
  return shortenTitle(name) || 'Untitled';
}

interface WorkBlock {
  text: string;
  heading: boolean;
  singleLine: boolean;
}

export function parseArticle(id: string, text: string): Article {
  const markdown = /\.(?:md|markdown)$/i.test(id);
  const clean = (value: string) => tidyText(markdown ? stripInlineMarkdown(value) : value);
  const normalized = normalizeLineEnds(typeof text === 'string' ? text : '');

  const frontMatter = splitFrontMatter(normalized);
  const fields = frontMatter?.fields ?? {};
  let body = frontMatter ? frontMatter.body : normalized;
  const fieldValue = (keys: readonly string[]) => {
    const value = fieldText(pickField(fields, keys));
    return value === null ? null : clean(value) || null;
  };
  let title = fieldValue(TITLE_KEYS);
  let source = fieldValue(SOURCE_KEYS);
  let author = fieldValue(AUTHOR_KEYS);
  let url = fieldText(pickField(fields, URL_KEYS));

  // The seed's first line: " date 2025-09-12 Title".
  let dateLine: string | null = null;
  const firstLineStart = body.search(/\S/);
  if (firstLineStart >= 0) {
    const lineStart = body.lastIndexOf('\n', firstLineStart) + 1;
    let lineEnd = body.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = body.length;
    const found = readDateLine(body.slice(lineStart, lineEnd));
    if (found) {
      dateLine = found.date;
      const lineTitle = clean(found.title);
      if (!title && lineTitle) title = lineTitle;
      body = body.slice(lineEnd + 1);
    }
  }

  // Metadata lines and boilerplate out; what remains is text.
  const stamps: Stamp[] = [];
  const kept: WorkBlock[] = [];
  let sawProse = false;
  for (const raw of splitBlocks(body, { markdown, titleExpected: !title })) {
    const value = clean(raw.text);
    if (value === '') continue;
    if (!raw.heading) {
      const stamp = readStamp(value, !sawProse);
      if (stamp) {
        stamps.push(stamp);
        continue;
      }
      const header = sawProse ? null : HEADER_FIELD.exec(value);
      if (header) {
        const key = header[1]!.toLowerCase();
        const content = header[2]!.trim();
        if (key === 'title' || key === 'headline') title ??= content;
        else if (key === 'author' || key === 'authors') author ??= content;
        else if (key === 'source') source ??= content;
        else url ??= content;
        continue;
      }
      const byline = parseByline(value);
      if (byline) {
        author ??= byline;
        continue;
      }
      if (isBoilerplate(value)) continue;
    }
    kept.push({ text: value, heading: raw.heading, singleLine: raw.singleLine });
    if (!raw.heading && (wordsUpTo(value, 12) > 12 || /[.!?]["”’]?$/.test(value.slice(-2)))) sawProse = true;
  }

  // A title line (seed 004), or a Markdown `# Title` at the top.
  let titleDerived = false;
  const first = kept[0];
  // A file holding only such a line is a title without text (the loader then skips it, saying so).
  if (!title && first && (first.heading || (first.singleLine && isTitleLine(first.text))) && (kept.length > 1 || !/[.!?]["”’]?$/.test(first.text))) {
    title = first.text;
    kept.shift();
  }
  // Front matter title repeated as the first line of the body.
  if (title && kept[0] && sameText(kept[0].text, title)) kept.shift();

  // "(MENAFN) …" opening the body: the source, not text.
  const lead = kept.findIndex((block) => !block.heading);
  if (lead >= 0) {
    const tag = splitSourceTag(kept[lead]!.text);
    if (tag) {
      source ??= tag.source;
      if (tag.rest === '') kept.splice(lead, 1);
      else kept[lead]!.text = tag.rest;
    }
  }

  // "BRUSSELS, June 12, 2026 — …" opening one of the first paragraphs: its date counts, its text does not.
  let dateline: { prefix: string; date: string | null } | null = null;
  let paragraphsSeen = 0;
  for (const block of kept) {
    if (block.heading) continue;
    if (++paragraphsSeen > 3) break;
    const found = splitDateline(block.text);
    if (found) {
      dateline = found;
      source ??= found.source;
      block.text = found.rest;
      break;
    }
  }

  const blocks: Block[] = markHeadings(kept).map((block) => ({
    kind: block.heading ? 'heading' : 'paragraph',
    text: block.text,
  }));

  if (!title) {
    const opening = blocks.find((block) => block.kind === 'paragraph') ?? blocks[0];
    title = opening ? deriveTitle(opening.text) : '';
    titleDerived = true;
  }
  if (!title) title = titleFromId(id);

  const stamp = (kind: Stamp['kind']) => stamps.find((candidate) => candidate.kind === kind)?.date ?? null;
  const date = findArticleDate({
    frontMatter: pickField(fields, DATE_KEYS),
    dateLine,
    published: stamp('published') ?? stamp('bare') ?? stamp('updated'),
    dateline: dateline?.date ?? null,
    text: dateline?.date ? `${title}\n\n${blocks.map((block) => block.text).join('\n\n')}` : undefined,
  });

  const article: Article = { id, title, titleDerived, date, source, url, author, blocks };
  if (dateline) article.dateline = dateline.prefix;
  return article;
}
