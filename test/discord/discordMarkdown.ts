/**
 * What Discord renders from inline Markdown: a small parser of its emphasis rules, for tests. Discord's
 * client parses messages with simple-markdown; these are that library's inline rules (escape, link,
 * em/strong/underline chosen by longest match, strikethrough, text), so `*Reported: *` stays literal
 * asterisks here exactly as it does in Discord.
 */

export interface RenderedRun {
  text: string;
  bold: boolean;
  italic: boolean;
  /** The target when the run is the text of a masked link. */
  link?: string;
}

interface Style {
  bold: boolean;
  italic: boolean;
  link?: string;
}

const ESCAPE = /^\\([^0-9A-Za-z\s])/;
const LINK = /^\[((?:\[[^\]]*\]|[^[\]]|\](?=[^[]*\]))*)\]\(\s*<?((?:\([^)]*\)|[^\s\\]|\\.)*?)>?(?:\s+['"]([\s\S]*?)['"])?\s*\)/;
const STRONG = /^\*\*((?:\\[\s\S]|[^\\])+?)\*\*(?!\*)/;
const EM = /^\b_((?:__|\\[\s\S]|[^\\_])+?)_\b|^\*(?=\S)((?:\*\*|\\[\s\S]|\s+(?:\\[\s\S]|[^\s*\\]|\*\*)|[^\s*\\])+?)\*(?!\*)/;
const UNDERLINE = /^__((?:\\[\s\S]|[^\\])+?)__(?!_)/;
const STRIKE = /^~~(?=\S)((?:\\[\s\S]|~(?!~)|[^\s~\\]|\s(?!~~))+?)~~/;
const TIMESTAMP = /^<t:-?\d+(?::[tTdDfFR])?>/;
const TEXT = /^[\s\S]+?(?=[^0-9A-Za-z\s\u00c0-\uffff]|\n\n| {2,}\n|\w+:\S|$)/;

/** The runs of text a reader sees for one line of inline Markdown, with their styles. */
export function renderInline(markdown: string): RenderedRun[] {
  const pieces: RenderedRun[] = [];
  parse(markdown, { bold: false, italic: false }, pieces);
  // Adjacent pieces in one style read as one run.
  const runs: RenderedRun[] = [];
  for (const piece of pieces) {
    const last = runs.at(-1);
    if (last && last.bold === piece.bold && last.italic === piece.italic && last.link === piece.link) last.text += piece.text;
    else runs.push({ ...piece });
  }
  return runs;
}

function parse(source: string, style: Style, out: RenderedRun[]): void {
  let rest = source;
  const emit = (text: string) => out.push({ text, bold: style.bold, italic: style.italic, ...(style.link ? { link: style.link } : {}) });
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = ESCAPE.exec(rest))) {
      emit(match[1] ?? '');
    } else if ((match = TIMESTAMP.exec(rest))) {
      emit(match[0]);
    } else if ((match = LINK.exec(rest))) {
      parse(match[1] ?? '', { ...style, link: match[2] ?? '' }, out);
    } else if ((match = bestEmphasis(rest))) {
      const [whole, inner, emInner] = match;
      if (whole.startsWith('**')) parse(inner ?? '', { ...style, bold: true }, out);
      else if (whole.startsWith('__')) parse(inner ?? '', style, out);
      else parse(inner ?? emInner ?? '', { ...style, italic: true }, out);
    } else if ((match = STRIKE.exec(rest))) {
      parse(match[1] ?? '', style, out);
    } else {
      match = TEXT.exec(rest) ?? ([rest.slice(0, 1)] as unknown as RegExpExecArray);
      emit(match[0]);
    }
    rest = rest.slice(match[0].length);
  }
}

/** em, strong and underline share one precedence in simple-markdown: the longest match wins (ties: em, then strong). */
function bestEmphasis(source: string): RegExpExecArray | null {
  const candidates: Array<[RegExpExecArray | null, number]> = [
    [EM.exec(source), 0.2],
    [STRONG.exec(source), 0.1],
    [UNDERLINE.exec(source), 0],
  ];
  let best: RegExpExecArray | null = null;
  let bestQuality = -1;
  for (const [match, bonus] of candidates) {
    if (match && match[0].length + bonus > bestQuality) {
      best = match;
      bestQuality = match[0].length + bonus;
    }
  }
  return best;
}

/** The plain text a reader sees. */
export const renderedText = (runs: RenderedRun[]) => runs.map((run) => run.text).join('');
