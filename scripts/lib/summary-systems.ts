/** The summarizers compared by scripts/eval-summaries.ts: Newsdesk, its ablations, and the baselines. */
import { DEFAULT_SUMMARY_CHARS, summarize, type SummaryWeights } from '../../src/analysis/summary.js';
import type { Sentence } from '../../src/analysis/types.js';
import { textRank } from './textrank.js';

export interface SummaryInput {
  /** The article's own title; undefined when the loader cut it from the first sentence. */
  title: string | undefined;
  sentences: readonly Sentence[];
}

export interface SummarySystem {
  name: string;
  /** What the row shows, printed under the table. */
  note: string;
  run: (input: SummaryInput) => string[];
}

const prose = (input: SummaryInput) => input.sentences.filter((sentence) => !sentence.heading).map((sentence) => sentence.text);

const newsdesk = (weights: Partial<SummaryWeights>, withTitle = true) => (input: SummaryInput) =>
  summarize(input.sentences, { title: withTitle ? input.title : undefined, weights });

/** Lead sentences in order while they fit the same character budget as Newsdesk (at least one). */
function leadWithinBudget(input: SummaryInput): string[] {
  const chosen: string[] = [];
  let length = -1;
  for (const text of prose(input).slice(0, 3)) {
    if (chosen.length > 0 && length + 1 + text.length > DEFAULT_SUMMARY_CHARS) break;
    chosen.push(text);
    length += 1 + text.length;
  }
  return chosen;
}

export const BASELINES: SummarySystem[] = [
  { name: 'Lead-3', note: 'first three sentences', run: (input) => prose(input).slice(0, 3) },
  { name: 'TextRank', note: 'word-overlap graph, PageRank, top 3 in article order', run: (input) => textRank(prose(input), 3) },
];

export const NEWSDESK: SummarySystem = { name: 'Newsdesk', note: 'src/analysis/summary.ts as shipped', run: newsdesk({}) };

/** Rows that show what each part of the score and each rule contributes. */
export const ABLATIONS: SummarySystem[] = [
  { name: 'Lead-3 ≤600ch', note: 'Lead-3 cut to the same 600-character budget: gains are not from length', run: leadWithinBudget },
  { name: '− centrality', note: 'Newsdesk without forward centrality', run: newsdesk({ centrality: 0 }) },
  { name: '− lead prior', note: 'Newsdesk with a flat position prior', run: newsdesk({ leadDecay: 0 }) },
  { name: '− title', note: 'Newsdesk without the title (as for an untitled article)', run: newsdesk({}, false) },
  { name: '− quote/question', note: 'Newsdesk without demoting quotes and questions', run: newsdesk({ quoteOrQuestion: 1 }) },
  { name: 'lead decay 1', note: 'steeper lead prior 1/(position+1)', run: newsdesk({ leadDecay: 1 }) },
  { name: 'centrality ×2', note: 'centrality weight 2 instead of 1', run: newsdesk({ centrality: 2 }) },
  { name: 'title ×2', note: 'title weight 1 instead of 0.5', run: newsdesk({ title: 1 }) },
];
