/**
 * Inline clean-up of one block of text: Markdown emphasis and links reduced to their words (for .md files),
 * HTML entities decoded, invisible characters dropped and whitespace collapsed. Every pattern is bounded by
 * a delimiter class (`[^*]`, `[^\]]`), so a failed match stops at the next delimiter: linear on long lines.
 */

const IMAGE = /!\[[^[\]\n]{0,500}\]\([^()\s]{0,2000}(?:\s+"[^"\n]{0,200}")?\)/g;
const LINK = /\[([^[\]\n]{0,500})\]\([^()\s]{0,2000}(?:\s+"[^"\n]{0,200}")?\)/g;
const REFERENCE_LINK = /\[([^[\]\n]{1,500})\]\[[^[\]\n]{0,100}\]/g;
const AUTOLINK = /<((?:https?|mailto):[^<>\s]{1,2000})>/g;
/** Delimiters must stand at word edges, so censored words ("s***s", "f***") keep their asterisks. */
const STRONG_STAR = /(?<![\p{L}\p{N}*])\*\*(?=\S)([^*\n]{1,2000}?)(?<=\S)\*\*(?![\p{L}\p{N}*])/gu;
const STRONG_UNDERSCORE = /(?<![\p{L}\p{N}_])__(?=\S)([^_\n]{1,2000}?)(?<=\S)__(?![\p{L}\p{N}_])/gu;
const EMPHASIS_STAR = /(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]{1,2000}?)(?<=\S)\*(?![\p{L}\p{N}*])/gu;
const EMPHASIS_UNDERSCORE = /(?<![\p{L}\p{N}_])_(?=\S)([^_\n]{1,2000}?)(?<=\S)_(?![\p{L}\p{N}_])/gu;
const STRIKE = /~~(?=\S)([^~\n]{1,2000}?)(?<=\S)~~/g;
const CODE = /`([^`\n]{1,2000})`/g;
/** Common HTML tags, lowercase as feeds write them: wire tickers such as <ACME>, <I> or <plen> are text. */
const HTML_TAG =
  /<\/?(?:a|abbr|b|br|cite|code|del|div|em|figcaption|figure|font|h[1-6]|hr|i|img|ins|li|mark|ol|p|picture|s|small|source|span|strong|sub|sup|u|ul|video|iframe)(?:\s[^<>\n]{0,300})?\s*\/?>/g;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!>~|])/g;

/** Markdown inline syntax → plain words. */
export function stripInlineMarkdown(text: string): string {
  if (!/[[*_~`<\\!]/.test(text)) return text;
  return text
    .replace(IMAGE, '')
    .replace(LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(HTML_TAG, '')
    .replace(STRONG_STAR, '$1')
    .replace(STRONG_UNDERSCORE, '$1')
    .replace(EMPHASIS_STAR, '$1')
    .replace(EMPHASIS_UNDERSCORE, '$1')
    .replace(STRIKE, '$1')
    .replace(CODE, '$1')
    .replace(ESCAPE, '$1');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', eacute: 'é', euro: '€', pound: '£',
};
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;

function decodeEntity(whole: string, name: string): string {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const printable = code >= 32 && code <= 0x10ffff && !(code >= 0x7f && code <= 0x9f) && !(code >= 0xd800 && code <= 0xdfff);
    return printable ? String.fromCodePoint(code) : ' ';
  }
  return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
}

/** Zero-width and bidi marks, soft hyphens, stray C0/C1 controls: invisible, and they split words. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
/** Runs of white space, or one white-space character that is not a plain space (tab, NBSP, line break). */
const SPACES = /\s{2,}|[^\S ]/g;
/** "Anything to clean": a control, invisible or unusual space character (a double space is checked apart). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;

/** One block's text, tidy: entities decoded, invisible characters removed, whitespace collapsed, trimmed. */
export function tidyText(text: string): string {
  const decoded = text.includes('&') ? text.replace(ENTITY, decodeEntity) : text;
  // Most text needs no replacement; one test avoids copying every paragraph twice.
  if (!decoded.includes('  ') && !NEEDS_CLEANING.test(decoded)) return decoded.trim();
  return decoded.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** CRLF and lone CR → LF, and a leading byte-order mark dropped: every later step sees plain LF text. */
export function normalizeLineEnds(text: string): string {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
}

/** Words in tidy text (single spaces between words), counted no further than `limit + 1`: cheap on long text. */
export function wordsUpTo(text: string, limit: number): number {
  if (text === '') return 0;
  let words = 1;
  for (let at = text.indexOf(' '); at >= 0 && words <= limit; at = text.indexOf(' ', at + 1)) words++;
  return words;
}
