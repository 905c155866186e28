/**
 * The learned scorer's weights, trained by scripts/train-summaries.ts and committed as weights.json (small,
 * versioned, reproducible bit for bit). The feature names are stored with the weights and checked here, so a
 * feature added or reordered without retraining fails at once instead of scoring silently wrong.
 */
import { SENTENCE_FEATURES } from './features.js';
import { KIND_FEATURES } from './kind.js';
import trained from './weights.json' with { type: 'json' };

export interface SelectionSettings {
  /** Sentences are added while the summary stays within this many words (the first always comes in). */
  wordBudget: number;
  /** How much a sentence's probability drops per unit of cosine similarity to what is already chosen. */
  redundancy: number;
}

export interface SummaryModel {
  version: number;
  /** What the model was trained on and how; for people reading the file. */
  trainedOn: string;
  kind: { features: string[]; weights: number[] };
  sentence: { features: string[]; weights: number[] };
  selection: SelectionSettings;
}

function checkFeatures(part: string, stored: readonly string[], expected: readonly string[]): void {
  if (stored.length !== expected.length || stored.some((name, k) => name !== expected[k])) {
    throw new Error(`summarize/weights.json ${part} features [${stored.join(', ')}] do not match the code's [${expected.join(', ')}]: run npm run train:summaries`);
  }
}

/** Validates a model (the committed one, or one the training script just made). */
export function checkModel(model: SummaryModel): SummaryModel {
  checkFeatures('kind', model.kind.features, KIND_FEATURES);
  checkFeatures('sentence', model.sentence.features, SENTENCE_FEATURES);
  return model;
}

export const SUMMARY_MODEL: Readonly<SummaryModel> = checkModel(trained as SummaryModel);
