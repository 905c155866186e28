/** Makes corpus text inert in Discord: no formatting changes, no mentions, no masked links. */
import { escapeMarkdown } from 'discord.js';

const ZERO_WIDTH_SPACE = '\u200b';

/** Escapes Markdown and breaks mention syntax (`@everyone`, `<@123>`, `<#1>`, `<@&1>`) so it shows as typed. */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@#][!&]?|\/|:|a:|t:)/g, `<${ZERO_WIDTH_SPACE}$1`)
    .replace(/^>/gm, '\\>');
}
