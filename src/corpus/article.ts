/** The parsed form of one corpus file: what every later layer reads. */

/** A body block: a paragraph of prose, or a subheading kept apart so it is never glued to a sentence. */
export interface Block {
  kind: 'paragraph' | 'heading';
  text: string;
}

export interface Article {
  /** Path relative to the corpus folder, with forward slashes: stable across runs and machines. */
  id: string;
  title: string;
  /** True when the file had no title and the title was cut from the first sentence. */
  titleDerived: boolean;
  /** ISO YYYY-MM-DD, or null when the article states no date (never the file's mtime). */
  date: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
  /** The body in order, boilerplate (photo credits, "Read more", source tags, title) removed. */
  blocks: Block[];
  /**
   * The dateline that opened the first paragraphs (`BRUSSELS, June 12, 2026`, `WASHINGTON (Reuters)`), as written.
   * It is taken out of the paragraph text, so summaries and quotes never start with it. Absent when none.
   */
  dateline?: string;
}

/** A file that was not loaded, with the reason shown to the user. */
export interface SkippedFile {
  id: string;
  reason: string;
}

/** The text of the body as one string: blocks separated by a blank line. Offsets in analysis refer to it. */
export function bodyText(article: Pick<Article, 'blocks'>): string {
  return article.blocks.map((block) => block.text).join('\n\n');
}
