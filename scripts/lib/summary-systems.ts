/** The summarizers compared by scripts/eval-summaries.ts: Newsdesk, its ablations, and the baselines. */
import { DEFAULT_SUMMARY_CHARS, summarize, type SummaryOptions } from '../../src/analysis/summary.js';
import type { FeatureName } from '../../src/analysis/summarize/features.js';
import { SUMMARY_MODEL } from '../../src/analysis/summarize/model.js';
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

const newsdesk = (options: SummaryOptions = {}, withTitle = true) => (input: SummaryInput) =>
  summarize(input.sentences, { title: withTitle ? input.title : undefined, ...options });

const without = (...names: FeatureName[]) => newsdesk({ without: names });
const withSelection = (selection: Partial<typeof SUMMARY_MODEL.selection>) =>
  newsdesk({ model: { ...SUMMARY_MODEL, selection: { ...SUMMARY_MODEL.selection, ...selection } } });

/** Lead sentences in order while they fit the same word budget as Newsdesk (at least one). */
function leadWithinBudget(input: SummaryInput): string[] {
  const chosen: string[] = [];
  let words = 0;
  let length = -1;
  for (const text of prose(input).slice(0, 3)) {
    const count = text.split(/\s+/).length;
    if (chosen.length > 0 && (words + count > SUMMARY_MODEL.selection.wordBudget || length + 1 + text.length > DEFAULT_SUMMARY_CHARS)) break;
    chosen.push(text);
    words += count;
    length += 1 + text.length;
  }
  return chosen;
}

export const BASELINES: SummarySystem[] = [
  { name: 'Lead-3', note: 'first three sentences', run: (input) => prose(input).slice(0, 3) },
  { name: 'TextRank', note: 'word-overlap graph, PageRank, top 3 in article order', run: (input) => textRank(prose(input), 3) },
];

export const NEWSDESK: SummarySystem = { name: 'Newsdesk', note: 'src/analysis/summary.ts as shipped (learned scorer)', run: newsdesk() };

/**
 * Rows that show what each part contributes. Features are switched off at inference here (weights zeroed);
 * npm run train:summaries prints the same groups retrained without them.
 */
export const ABLATIONS: SummarySystem[] = [
  { name: 'Lead-3 ≤budget', note: `lead sentences within Newsdesk's ${SUMMARY_MODEL.selection.wordBudget}-word budget: gains are not from length`, run: leadWithinBudget },
  { name: '− position', note: 'position features zeroed', run: without('first', 'second', 'third', 'leadPrior', 'relativePosition', 'hardNews×first', 'hardNews×leadPrior') },
  { name: '− centrality', note: 'forward centrality zeroed', run: without('centrality', 'hardNews×centrality') },
  { name: '− title', note: 'without the title (as for an untitled article)', run: newsdesk({}, false) },
  { name: '− article kind', note: 'hard-news probability and its interactions zeroed', run: without('hardNews', 'hardNews×first', 'hardNews×leadPrior', 'hardNews×centrality') },
  { name: '− quote/question', note: 'quote and question flags zeroed', run: without('quoteOpener', 'containsQuote', 'question') },
  { name: '− readability', note: 'a "But…/He…" sentence may stand without its antecedent', run: newsdesk({ readability: false }) },
  { name: 'budget 3 sentences', note: 'no word budget: up to 3 sentences within 600 characters', run: withSelection({ wordBudget: Infinity }) },
  { name: 'budget 60 words', note: 'word budget 60', run: withSelection({ wordBudget: 60 }) },
  { name: 'redundancy 0.5', note: 'redundancy penalty 0.5 per unit of cosine', run: withSelection({ redundancy: 0.5 }) },
];
