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

/**
 * The article a section is about. Front ends show it their own way: the heading links to `url`, and the
 * quiet line under it reads the date (YYYY-MM-DD in text, a Discord timestamp in Discord) and the source.
 */
export interface SectionArticle {
  /** ISO YYYY-MM-DD, or null: undated. */
  date: string | null;
  source: string | null;
  url: string | null;
}

/** A titled group of lines, e.g. one article with its excerpts. */
export interface Section {
  heading: string;
  /** Shown under the heading in a quieter style, e.g. "2 quotes". For an article, `article` gives that line. */
  meta?: string;
  article?: SectionArticle;
  lines: Line[];
}

/** A choice of values that each answer a command again, e.g. which of several people called "Johnson". */
export interface ViewChoices {
  /** The command to run with the chosen value, and its option that takes it. */
  command: string;
  option: string;
  /** Shown before anything is chosen, e.g. "Which Johnson?". */
  placeholder: string;
  options: Array<{ label: string; value: string; description?: string }>;
}

export interface View {
  title: string;
  /** Lines before the sections: what was asked, counts, notices. */
  intro: Line[];
  sections: Section[];
  /** Short closing remark, e.g. "12 articles loaded". */
  footer?: string;
  /** Offered where the front end can (a select menu in Discord); the intro already says the same in words. */
  choices?: ViewChoices;
}

export const plain = (text: string): Span => ({ text });
export const bold = (text: string): Span => ({ text, bold: true });
export const italic = (text: string): Span => ({ text, italic: true });

/** Plain text of a line, without styles. */
export function lineText(line: Line): string {
  return line.map((span) => span.text).join('');
}
