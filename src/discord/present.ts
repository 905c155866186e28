/**
 * Turns a view into Discord embeds, one page per embed, every page inside Discord's limits.
 * Corpus text is escaped here, and only here.
 */
import type { APIEmbed } from 'discord.js';
import type { Line, Section, Span, View } from '../render/view.js';
import { escapeText } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';

/** Newsdesk's accent colour for embeds. */
const EMBED_COLOUR = 0x2b6cb0;
/** Room kept in the description for the page footer and safety. */
const PAGE_DESCRIPTION_BUDGET = 3800;
/** A longer source URL is left unlinked: it would cost a page more than the link is worth. */
const MAX_LINKED_URL = 400;
const ZERO_WIDTH_SPACE = '\u200b';

/** Cuts text to at most `max` characters, at a word boundary where possible, ending with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > max * 0.6) cut = cut.slice(0, lastSpace);
  // Never leave half a surrogate pair or a dangling escape backslash.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  while (cut.endsWith('\\') && !cut.endsWith('\\\\')) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A span as Markdown Discord renders as meant: the markers hug the text (Discord shows `*Reported: *`
 * with its asterisks), and the whitespace they would have held goes outside them.
 */
function spanToMarkdown(span: Span, text: string): string {
  const escaped = escapeText(text);
  const marker = span.bold ? '**' : span.italic ? '*' : '';
  if (marker === '' || escaped.trim() === '') return escaped;
  const [, before = '', inner = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped) ?? [];
  return `${before}${marker}${inner}${marker}${after}`;
}

/**
 * A line as Markdown in at most `max` characters. Each span is cut before it is escaped (so long text
 * costs little) and closed after, so a cut never leaves a marker open.
 */
export function lineToMarkdown(line: Line, max: number = DISCORD_LIMITS.embedDescription): string {
  let out = '';
  for (const span of line) {
    const room = max - out.length;
    if (room <= 0) break;
    let text = truncate(span.text, room);
    let markdown = spanToMarkdown(span, text);
    // Escaping lengthens text: cut by the overflow until it fits (each pass removes at least that much).
    while (markdown.length > room && text !== '') {
      text = truncate(text, Math.max(0, text.length - (markdown.length - room)));
      markdown = spanToMarkdown(span, text);
    }
    if (markdown.length > room) break;
    // Two styled spans that touch would read as one run of asterisks: an invisible space keeps them apart.
    const joiner = /\*$/.test(out) && markdown.startsWith('*') ? ZERO_WIDTH_SPACE : '';
    if (joiner.length + markdown.length > room) break;
    out += joiner + markdown;
    if (text !== span.text) break;
  }
  return out;
}

/**
 * A Discord timestamp for a YYYY-MM-DD date, shown in each reader's locale. Noon UTC, so the calendar
 * day stays the same for readers from UTC−12 to UTC+11 (midnight UTC would be the day before in America).
 */
export function discordDate(date: string | null): string {
  if (date === null) return 'undated';
  const time = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(time) ? escapeText(date) : `<t:${Math.floor(time / 1000)}:D>`;
}

/** A link target safe inside `[text](url)`: http(s) only, parentheses encoded; null when it is not one. */
export function linkTarget(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return href.length <= MAX_LINKED_URL ? href : null;
}

/** A section's title in bold (linked to its article's source) and its quiet line under it. */
function sectionHeading(section: Section, suffix = ''): string {
  const title = `${escapeText(truncate(section.heading, 240))}${suffix}`;
  const target = linkTarget(section.article?.url);
  const meta = section.article
    ? [discordDate(section.article.date), section.article.source ? escapeText(truncate(section.article.source, 120)) : ''].filter(Boolean).join(' · ')
    : section.meta
      ? escapeText(truncate(section.meta, 200))
      : '';
  return `**${target ? `[${title}](${target})` : title}**${meta ? `\n-# ${meta}` : ''}`;
}

/** One block of a page: it is never split across pages. `heading` names the section it opens, if any. */
interface Block {
  markdown: string;
  heading?: string;
}

/**
 * A section as blocks: one block with all its lines, so one article's excerpts stay on one page; only a
 * section longer than a whole page is split, its heading repeated "(continued)".
 */
function sectionBlocks(section: Section, lineMax: number, budget: number): Block[] {
  const lines = section.lines.map((line) => lineToMarkdown(line, lineMax));
  const blocks: Block[] = [];
  let current = sectionHeading(section);
  let linesInCurrent = 0;
  for (const line of lines) {
    if (linesInCurrent > 0 && current.length + 1 + line.length > budget) {
      blocks.push({ markdown: current, heading: section.heading });
      current = sectionHeading(section, ' (continued)');
      linesInCurrent = 0;
    }
    current += `\n${line}`;
    linesInCurrent++;
  }
  blocks.push({ markdown: current, heading: section.heading });
  return blocks;
}

/** One page of a view: its embed description, and the first article (or section) it shows. */
export interface Page {
  description: string;
  firstHeading?: string;
}

/** Packs a view into pages of at most `budget` characters of description each, never splitting a block. */
export function viewPages(view: View, budget = PAGE_DESCRIPTION_BUDGET): Page[] {
  const lineMax = Math.min(1000, budget);
  const blocks: Block[] = [
    ...view.intro.map((line) => ({ markdown: lineToMarkdown(line, lineMax) })),
    ...view.sections.flatMap((section) => sectionBlocks(section, lineMax, budget)),
  ];
  const pages: Page[] = [];
  let current: Page | null = null;
  for (const block of blocks) {
    if (current && current.description.length + 1 + block.markdown.length > budget) {
      pages.push(current);
      current = null;
    }
    if (!current) current = { description: block.markdown, ...(block.heading !== undefined ? { firstHeading: block.heading } : {}) };
    else {
      current.description += `\n${block.markdown}`;
      if (current.firstHeading === undefined && block.heading !== undefined) current.firstHeading = block.heading;
    }
  }
  if (current) pages.push(current);
  return pages.length > 0 ? pages : [{ description: '' }];
}

/** The descriptions of a view's pages (see viewPages). */
export function paginateView(view: View, budget = PAGE_DESCRIPTION_BUDGET): string[] {
  return viewPages(view, budget).map((page) => page.description);
}

/** The embed for one page of a view. */
export function pageEmbed(view: View, description: string, pageIndex: number, pageCount: number): APIEmbed {
  const footerParts = [view.footer, pageCount > 1 ? `Page ${pageIndex + 1} of ${pageCount}` : undefined].filter(Boolean);
  const embed: APIEmbed = {
    title: truncate(escapeText(truncate(view.title, DISCORD_LIMITS.embedTitle)), DISCORD_LIMITS.embedTitle),
    description: truncate(description || '\u200b', DISCORD_LIMITS.embedDescription),
    color: EMBED_COLOUR,
  };
  // The footer gets what is left of the 6,000-character total after title and description.
  const footerRoom = Math.min(DISCORD_LIMITS.embedFooter, DISCORD_LIMITS.embedTotal - embedLength(embed));
  if (footerParts.length > 0 && footerRoom > 0) embed.footer = { text: truncate(footerParts.join(' · '), footerRoom) };
  return embed;
}

/** Characters an embed counts towards Discord's 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}
