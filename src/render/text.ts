/** Renders a view as plain text for the console and the CLI: the same answer Discord shows, unstyled. */
import { lineText, type View } from './view.js';

export function viewToText(view: View): string {
  const out: string[] = [view.title];
  for (const line of view.intro) out.push(lineText(line));
  for (const section of view.sections) {
    out.push('', section.meta ? `${section.heading} (${section.meta})` : section.heading);
    for (const line of section.lines) out.push(`  ${lineText(line)}`);
  }
  if (view.footer) out.push('', view.footer);
  return out.join('\n');
}
