/**
 * Turns a view into Discord embeds, one page per embed, every page inside Discord's limits.
 * Corpus text is escaped here, and only here.
 */
import type { APIEmbed } from 'discord.js';
import type { Line, View } from '../render/view.js';
import { escapeText } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';

/** Newsdesk's accent colour for embeds. */
const EMBED_COLOUR = 0x2b6cb0;
/** Room kept in the description for the page footer and safety. */
const PAGE_DESCRIPTION_BUDGET = 3800;

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

/** A line as Markdown; each span is cut to `max` characters before escaping, so long text costs little. */
export function lineToMarkdown(line: Line, max: number = DISCORD_LIMITS.embedDescription): string {
  return line
    .map((span) => {
      const text = escapeText(truncate(span.text, max));
      if (text.trim() === '') return text;
      if (span.bold) return `**${text}**`;
      if (span.italic) return `*${text}*`;
      return text;
    })
    .join('');
}

/** Blocks of Markdown in reading order: intro lines, then each section's heading and lines. */
function viewBlocks(view: View, lineMax: number): string[] {
  const blocks: string[] = [];
  for (const line of view.intro) blocks.push(truncate(lineToMarkdown(line, lineMax), lineMax));
  for (const section of view.sections) {
    const heading = `**${escapeText(truncate(section.heading, 240))}**${section.meta ? `\n-# ${escapeText(truncate(section.meta, 200))}` : ''}`;
    const lines = section.lines.map((line) => truncate(lineToMarkdown(line, lineMax), lineMax));
    // Keep a heading with its first line so a page never ends on a bare heading.
    blocks.push(lines.length > 0 ? `${heading}\n${lines[0]}` : heading);
    for (const line of lines.slice(1)) blocks.push(line);
  }
  return blocks;
}

/** Packs a view into pages of at most `budget` characters of description each. */
export function paginateView(view: View, budget = PAGE_DESCRIPTION_BUDGET): string[] {
  const blocks = viewBlocks(view, Math.min(1000, budget));
  const pages: string[] = [];
  let current = '';
  for (const block of blocks) {
    const candidate = current === '' ? block : `${current}\n${block}`;
    if (candidate.length > budget && current !== '') {
      pages.push(current);
      current = block;
    } else {
      current = candidate;
    }
  }
  if (current !== '' || pages.length === 0) pages.push(current);
  return pages;
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
