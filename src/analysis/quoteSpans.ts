/**
 * Finds the spans between quote marks in an article body: curly “ ” and ‘ ’, straight " and ',
 * « », „ “ and ‚ ‘. An apostrophe inside or at the end of a word (there’s, Jones’) is not a quote.
 * Quotes nested inside a quote belong to the outer one. A paragraph that ends inside a quote and a
 * next paragraph that opens with a quote mark make one quote running over both (linked spans).
 */

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (or the paragraph end when unclosed). */
  close: number;
  /** Offsets of the quoted words, without marks or surrounding spaces. */
  start: number;
  end: number;
  /** The paragraph (block) index. */
  block: number;
  /** True when the paragraph ended before a closing mark. */
  unclosed: boolean;
  /** Index of the span this one continues (previous paragraph's unclosed quote), or -1. */
  continues: number;
}

type Kind = 'double' | 'single' | 'guillemet' | 'low-double' | 'low-single' | 'straight-double' | 'straight-single';

interface Open {
  kind: Kind;
  at: number;
}

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);
const QUOTE_CHARS = /["'“”‘’«»„‚]/;
/** Characters after which a straight quote opens rather than closes. */
const OPENING_CONTEXT = /[\s([{—–\-/:;“‘«„]/;

/** Splits the body into paragraphs as bodyText() joins them: blocks separated by a blank line. */
export function paragraphRanges(body: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (;;) {
    const next = body.indexOf('\n\n', start);
    if (next < 0) {
      ranges.push([start, body.length]);
      return ranges;
    }
    ranges.push([start, next]);
    start = next + 2;
  }
}

/** Every top-level quote in the body, in order. */
export function findQuoteSpans(body: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  paragraphRanges(body).forEach(([from, to], block) => {
    const previous = spans[spans.length - 1];
    const firstInParagraph = spans.length;
    scanParagraph(body, from, to, block, spans);
    const first = spans[firstInParagraph];
    if (previous?.unclosed && previous.block === block - 1 && first && first.open === skipSpaces(body, from)) {
      first.continues = firstInParagraph - 1;
    }
  });
  return spans;
}

function skipSpaces(body: string, at: number): number {
  let index = at;
  while (index < body.length && /\s/.test(body[index]!)) index++;
  return index;
}

function scanParagraph(body: string, from: number, to: number, block: number, spans: QuoteSpan[]): void {
  const stack: Open[] = [];
  const marks = new RegExp(QUOTE_CHARS.source, 'g');
  marks.lastIndex = from;
  for (let found = marks.exec(body); found && found.index < to; found = marks.exec(body)) {
    const i = found.index;
    const ch = body[i]!;
    const before = i > from ? body[i - 1] : ' ';
    const after = i + 1 < to ? body[i + 1] : undefined;
    const top = stack[stack.length - 1];
    if (top && closes(top.kind, ch, before, after)) {
      stack.pop();
      if (stack.length === 0) spans.push(makeSpan(body, top.at, i + 1, i, block, false));
      continue;
    }
    // A double closing mark while a single quote is open: the single one was an apostrophe.
    if (top && (top.kind === 'single' || top.kind === 'straight-single') && stack.length > 1) {
      const outer = stack[stack.length - 2]!;
      if (closes(outer.kind, ch, before, after)) {
        stack.length -= 2;
        if (stack.length === 0) spans.push(makeSpan(body, outer.at, i + 1, i, block, false));
        continue;
      }
    }
    const kind = opens(ch, before, after, stack);
    if (!kind || stack.length >= 3) continue;
    // A single mark opens a quote only if a matching close follows: otherwise it is an apostrophe ('90s).
    if ((kind === 'single' || kind === 'straight-single' || kind === 'low-single') && !closerAhead(body, i + 1, to, kind)) continue;
    stack.push({ kind, at: i });
  }
  // Only a double quote left open runs to the paragraph end (it may continue in the next paragraph).
  const bottom = stack[0];
  if (bottom && bottom.kind !== 'single' && bottom.kind !== 'straight-single') {
    spans.push(makeSpan(body, bottom.at, to, to, block, true));
  }
}

/** Whether a closing mark for a single quote follows within the paragraph (looking a bounded distance ahead). */
function closerAhead(body: string, from: number, to: number, kind: Kind): boolean {
  const limit = Math.min(to, from + 1500);
  for (let i = from; i < limit; i++) {
    if (closes(kind, body[i]!, body[i - 1], i + 1 < to ? body[i + 1] : undefined)) return true;
  }
  return false;
}

function opens(ch: string, before: string | undefined, after: string | undefined, stack: readonly Open[]): Kind | null {
  switch (ch) {
    case '“':
      return isSpace(after) ? null : 'double';
    case '„':
      return 'low-double';
    case '«':
      return 'guillemet';
    case '‘':
      return isLetter(before) || isSpace(after) ? null : 'single';
    case '‚':
      return isLetter(before) ? null : 'low-single';
    case '"':
      if (stack.some((open) => open.kind === 'straight-double')) return null;
      return OPENING_CONTEXT.test(before ?? ' ') && !isSpace(after) ? 'straight-double' : null;
    case "'":
      if (isLetter(before) || isSpace(after) || !isLetter(after)) return null;
      return OPENING_CONTEXT.test(before ?? ' ') || before === '"' ? 'straight-single' : null;
    default:
      return null;
  }
}

function closes(kind: Kind, ch: string, before: string | undefined, after: string | undefined): boolean {
  switch (kind) {
    case 'double':
      return ch === '”';
    case 'low-double':
      return ch === '“' || ch === '”';
    case 'guillemet':
      return ch === '»';
    case 'single':
      return ch === '’' && !isLetter(after);
    case 'low-single':
      return (ch === '‘' || ch === '’') && !isLetter(after);
    case 'straight-double':
      return ch === '"' && !isSpace(before);
    case 'straight-single':
      return ch === "'" && !isSpace(before) && !isLetter(after);
  }
}

function makeSpan(body: string, open: number, close: number, innerEnd: number, block: number, unclosed: boolean): QuoteSpan {
  let start = open + 1;
  let end = innerEnd;
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /[\s,]/.test(body[end - 1]!)) end--;
  return { open, close, start, end, block, unclosed, continues: -1 };
}
