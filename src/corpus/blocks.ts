/**
 * The body split into blocks. Paragraphs are separated by blank lines. Inside a run of lines without a blank
 * line, the lines are either one hard-wrapped paragraph (joined) or one paragraph each (feeds that write a
 * paragraph per line, as seed 004 does): long lines, or short lines that end sentences, mean one per line.
 * Markdown structure (headings, lists, quotes, rules) is read in every file, since plain-text feeds use it too.
 */
import { splitGluedCaption } from './boilerplate.js';
import { wordsUpTo } from './inline.js';

export interface RawBlock {
  text: string;
  /** A Markdown heading (`## X`, or a line underlined with `===`/`---`). */
  heading: boolean;
  /** The block was one line of the file (only such a block can be a title line). */
  singleLine: boolean;
}

/** A line longer than this is a paragraph of its own, not a wrapped line. */
const WRAP_WIDTH = 120;
const TERMINAL_CHARS = '.!?:;"”’)]';

/** The line ends a sentence or clause (checked on the last character: an end-anchored regex scans the line). */
function endsTerminal(line: string): boolean {
  return line.length > 0 && TERMINAL_CHARS.includes(line[line.length - 1]!);
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+•▪●]|\d{1,3}[.)])[ \t]+(?=\S)/;
const QUOTE_MARKER = /^ {0,3}(?:>[ \t]?){1,3}/;
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]{1,100}\]:[ \t]*\S/;

function headingText(line: string, marker: string): string {
  let text = line.trim().slice(marker.length).trim();
  // "## Title ##": closing hashes are decoration, "C#" is not.
  const closing = /(?:^|\s)#+$/.exec(text);
  if (closing) text = text.slice(0, closing.index).trim();
  return text;
}

function isWrapped(lines: string[], markdown: boolean): boolean {
  const inner = lines.slice(0, -1);
  let total = 0;
  let ended = 0;
  for (const line of inner) {
    if (line.length > WRAP_WIDTH) return false;
    total += line.length;
    if (endsTerminal(line)) ended++;
  }
  // Markdown joins soft-wrapped lines by definition; plain text only when the lines look wrapped at a width.
  if (markdown) return true;
  return total / inner.length >= 40 && ended * 2 <= inner.length;
}

function joinWrapped(lines: string[]): string {
  let text = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    // "long-\nterm": a line ending in a hyphen after a letter continues the word.
    const previous = lines[i - 1]!;
    text += previous.endsWith('-') && /\p{L}/u.test(previous.charAt(previous.length - 2)) ? lines[i] : ` ${lines[i]}`;
  }
  return text;
}

export interface SplitOptions {
  /** A .md file: soft-wrapped lines are always joined, `>` quote markers are dropped. */
  markdown: boolean;
  /** The file has no title yet, so its first line may be one even with the body right under it. */
  titleExpected: boolean;
}

/** Splits a body (LF line ends) into raw blocks, in order. */
export function splitBlocks(body: string, { markdown, titleExpected }: SplitOptions): RawBlock[] {
  const blocks: RawBlock[] = [];
  let chunk: string[] = [];
  let indented: boolean[] = [];

  const flush = () => {
    if (chunk.length === 0) return;
    if (chunk.length === 1) {
      blocks.push({ text: chunk[0]!, heading: false, singleLine: true });
    } else if (isWrapped(chunk, markdown)) {
      let lines = chunk;
      // A title line directly above a wrapped first paragraph: "Title\nThe opening sentence…".
      if (titleExpected && blocks.length === 0 && !endsTerminal(lines[0]!) && !/[-,]$/.test(lines[0]!) && /^[\p{Lu}\p{N}"“‘'(]/u.test(lines[1]!)) {
        blocks.push({ text: lines[0]!, heading: false, singleLine: true });
        lines = lines.slice(1);
        indented = indented.slice(1);
      }
      // Plain text marks paragraphs by indenting their first line (wire copy): start a paragraph there.
      let start = 0;
      for (let i = 1; i <= lines.length; i++) {
        if (i === lines.length || (!markdown && indented[i] && !indented[i - 1])) {
          const part = lines.slice(start, i);
          blocks.push({ text: joinWrapped(part), heading: false, singleLine: part.length === 1 });
          start = i;
        }
      }
    } else {
      for (const line of chunk) blocks.push({ text: line, heading: false, singleLine: true });
    }
    chunk = [];
    indented = [];
  };

  for (const raw of body.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      flush();
      const text = headingText(line, atx[1]!);
      if (text !== '') blocks.push({ text, heading: true, singleLine: true });
      continue;
    }
    if (SETEXT.test(line) && chunk.length > 0) {
      // "Title\n=====": the line above is a heading.
      const title = chunk.pop()!;
      indented.pop();
      flush();
      blocks.push({ text: title.trim(), heading: true, singleLine: true });
      continue;
    }
    if (RULE.test(line) || (markdown && LINK_DEFINITION.test(line))) {
      flush();
      continue;
    }
    let text = markdown ? line.replace(QUOTE_MARKER, '') : line;
    const item = LIST_ITEM.exec(text);
    if (item) {
      flush();
      text = text.slice(item[0].length);
    }
    indented.push(/^(?: {2,}|\t)/.test(text));
    chunk.push(text.trim());
  }
  flush();
  return blocks.map(dropGluedCaption);
}

/** A photo caption glued to the paragraph after it, with no full stop between them, is cut off (not text). */
function dropGluedCaption(block: RawBlock): RawBlock {
  if (block.heading) return block;
  const split = splitGluedCaption(block.text);
  return split ? { ...block, text: split[1] } : block;
}

const FINAL_PUNCTUATION = /[.!?:;,…"”’'»\-–—]$/;
/** A heading does not stop on a word that needs a continuation ("… selling its", "… growth of the"). */
const DANGLING_END = /\s(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|that|its|his|her|their|our|is|are|was|were|as)$/i;
const OPENS_WITH_QUOTE = /^["“‘'«„]/;
/** Two sentences on one line ("Yes. No") are prose, whatever their length. */
const INNER_SENTENCE_BREAK = /[.!?]["”’]?\s+\p{Lu}/u;

/** A line that reads like a subheading: short, capitalised, no final punctuation, one phrase, not a quote. */
export function looksLikeHeading(text: string): boolean {
  if (text.length === 0 || text.length > 100) return false;
  if (wordsUpTo(text, 12) > 12) return false;
  if (FINAL_PUNCTUATION.test(text) || OPENS_WITH_QUOTE.test(text)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(text)) return false;
  if (INNER_SENTENCE_BREAK.test(text) || text.includes('http') || DANGLING_END.test(text)) return false;
  // Mostly figures ("7.8020", "Net 3.1 mln vs 2.9 mln") is a table row.
  const letters = text.replace(/[^\p{L}]/gu, '').length;
  if (letters < 3 || text.replace(/[^\p{N}]/gu, '').length * 2 > letters) return false;
  return true;
}

export interface ClassifiedBlock {
  text: string;
  heading: boolean;
}

/** Not prose: a short line that does not end a sentence (a heading, a table row, a list item, a label). */
function isShortLine(text: string): boolean {
  return text.length <= 100 && wordsUpTo(text, 12) <= 12 && !/[.!?]["”’)]?$/.test(text);
}

/**
 * Marks subheadings. A Markdown heading always is one. A heading-like line is one when prose follows it and it
 * does not sit among other short lines (such a run is a table or a list, not a heading). The only block of an
 * article is always a paragraph.
 */
export function markHeadings(blocks: ReadonlyArray<{ text: string; heading: boolean }>): ClassifiedBlock[] {
  const short = blocks.map((block) => block.heading || isShortLine(block.text));
  const classified: ClassifiedBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    let heading = block.heading && blocks.length > 1;
    if (!block.heading && blocks.length > 1) {
      const proseFollows = i + 1 < blocks.length && !short[i + 1];
      const afterBreak = i === 0 || !short[i - 1] || blocks[i - 1]!.heading;
      heading = proseFollows && afterBreak && looksLikeHeading(block.text);
    }
    classified.push({ text: block.text, heading });
  }
  return classified;
}
