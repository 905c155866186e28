/**
 * A neutral description of an answer as a person reads it. Answers become views; Discord, the console
 * and the CLI each turn views into their own format. Text in a view is raw: escaping is the front end's job.
 */

/** A run of text with one style. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** One line of text made of spans. */
export type Line = Span[];

/** A titled group of lines, e.g. one article with its excerpts. */
export interface Section {
  heading: string;
  /** Shown under the heading in a quieter style, e.g. "2025-09-12 · MENAFN". */
  meta?: string;
  lines: Line[];
}

export interface View {
  title: string;
  /** Lines before the sections: what was asked, counts, notices. */
  intro: Line[];
  sections: Section[];
  /** Short closing remark, e.g. "12 articles loaded". */
  footer?: string;
}

export const plain = (text: string): Span => ({ text });
export const bold = (text: string): Span => ({ text, bold: true });
export const italic = (text: string): Span => ({ text, italic: true });

/** Plain text of a line, without styles. */
export function lineText(line: Line): string {
  return line.map((span) => span.text).join('');
}
