/** Renders a view as plain text for the console and the CLI: the same answer Discord shows, unstyled. */
import { articleMeta } from './dates.js';
import type { Line, Section, View } from './view.js';

export interface TextStyle {
  /** How bold spans (matched words, names) look; plain by default, ANSI bold on a terminal. */
  bold?: (text: string) => string;
}

export const ANSI_STYLE: TextStyle = { bold: (text) => `\u001b[1m${text}\u001b[22m` };

export function viewToText(view: View, style: TextStyle = {}): string {
  const line = (spans: Line) => spans.map((span) => (span.bold && style.bold ? style.bold(span.text) : span.text)).join('');
  const out: string[] = [view.title];
  for (const spans of view.intro) out.push(line(spans));
  for (const section of view.sections) {
    const meta = sectionMeta(section);
    out.push('', meta ? `${section.heading} (${meta})` : section.heading);
    // A terminal shows a bare URL as a link; it goes first, under the title it belongs to.
    if (section.article?.url) out.push(`  ${section.article.url}`);
    for (const spans of section.lines) out.push(`  ${line(spans)}`);
  }
  if (view.footer) out.push('', view.footer);
  return out.join('\n');
}

/** The quiet line of a section as text: an article's date and source, or the section's own meta. */
export function sectionMeta(section: Section): string | undefined {
  return section.article ? articleMeta(section.article) : section.meta;
}
