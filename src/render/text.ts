/** Renders a view as plain text for the console and the CLI: the same answer Discord shows, unstyled. */
import type { Line, View } from './view.js';

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
    out.push('', section.meta ? `${section.heading} (${section.meta})` : section.heading);
    for (const spans of section.lines) out.push(`  ${line(spans)}`);
  }
  if (view.footer) out.push('', view.footer);
  return out.join('\n');
}
