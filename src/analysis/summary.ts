/**
 * An extractive summary: a few sentences of the article, verbatim and in article order, within a word budget
 * (ROUGE against human highlights peaks near 70 words) and a character budget so that title, date and
 * summary fit one Discord embed.
 *
 * Each sentence gets a probability of belonging in the summary from a logistic model over cheap features
 * (summarize/features.ts: position, length, centrality, title and lead similarity, quotes, names, the
 * article's kind), trained on a news corpus's gold summaries by scripts/train-summaries.ts; the weights are
 * summarize/weights.json. Sentences are then chosen greedily, against redundancy (summarize/select.ts).
 */
import { prepareArticle, type FeatureName, SENTENCE_FEATURES } from './summarize/features.js';
import { linear, sigmoid } from './summarize/logistic.js';
import { SUMMARY_MODEL, type SummaryModel } from './summarize/model.js';
import { buildUnits, selectUnits, type SelectionLimits, type Unit } from './summarize/select.js';
import type { Sentence } from './types.js';

export interface SummaryOptions {
  /** The article's title: sentences that restate it score higher. */
  title?: string;
  /** Most sentences in a summary. Default 3. */
  maxSentences?: number;
  /** Most characters of the sentences joined by single spaces. Default 600. */
  maxChars?: number;
  /** Evaluation and training only: another model, features switched off, the readability rule off. */
  model?: SummaryModel;
  without?: readonly FeatureName[];
  readability?: boolean;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;
export const DEFAULT_SUMMARY_CHARS = 600;

export function summarize(sentences: readonly Sentence[], options: SummaryOptions = {}): string[] {
  const model = options.model ?? SUMMARY_MODEL;
  const maxSentences = Math.max(0, Math.floor(options.maxSentences ?? DEFAULT_SUMMARY_SENTENCES));
  const { content } = prepareArticle(sentences, options.title, model.kind.weights);
  if (content.length === 0 || maxSentences === 0) return [];

  const weights = options.without ? withoutFeatures(model.sentence.weights, options.without) : model.sentence.weights;
  const probabilities = content.map((sentence) => sigmoid(linear(weights, sentence.features)));
  const units = buildUnits(content, probabilities);
  const limits: SelectionLimits = {
    maxSentences,
    maxChars: Math.max(0, options.maxChars ?? DEFAULT_SUMMARY_CHARS),
    ...model.selection,
    readability: options.readability,
  };

  let chosen = selectUnits(units.filter((unit) => !unit.fragment), limits);
  // A short text made only of fragments still gets a summary: the best of them.
  if (chosen.length === 0) chosen = selectUnits(units, limits);
  // A single sentence longer than the whole budget is still the summary of its article.
  if (chosen.length === 0) chosen = bestSingle(units);
  return chosen.map((sentence) => sentences[sentence.index]!.text);
}

function withoutFeatures(weights: readonly number[], names: readonly FeatureName[]): number[] {
  return weights.map((weight, k) => (names.includes(SENTENCE_FEATURES[k]!) ? 0 : weight));
}

/** The sentence the model likes best among those that need nothing before them (the first wins ties). */
function bestSingle(units: readonly Unit[]): Unit['members'] {
  let best: Unit['members'][number] | null = null;
  let bestProbability = -Infinity;
  for (const unit of units) {
    if (unit.needs !== null) continue;
    if (unit.probabilities[0]! > bestProbability) {
      best = unit.members[0]!;
      bestProbability = unit.probabilities[0]!;
    }
  }
  return best ? [best] : [units[0]!.members[0]!];
}
