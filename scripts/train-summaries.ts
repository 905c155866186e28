/**
 * Trains the summarizer's learned scorer (src/analysis/summarize/weights.json) on one part of a corpus with
 * reference summaries and reports on the other part only.
 *
 *   npm run train:summaries -- --corpus DIR --refs FILE [--out FILE] [--check]
 *
 * The articles are split by a hash of the file name (scripts/lib/cnn-corpus.ts splitPart). On the training
 * part: the article-kind model learns hard news (by section) from style signals; the sentence model is fitted
 * on one half of the part with each labelling and penalty, scored on the other half, and the best is refitted
 * on the whole part; the word budget and redundancy penalty are then chosen on the whole part. Only then is
 * the held-out part touched, to print the figures. Newton's method, fixed order, no randomness: the same
 * data gives the same file byte for byte (--check verifies that against the committed file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prepareArticle, SENTENCE_FEATURES, type FeatureName } from '../src/analysis/summarize/features.js';
import { hardNewsProbability, KIND_FEATURES } from '../src/analysis/summarize/kind.js';
import { trainLogistic, type TrainingRow } from '../src/analysis/summarize/logistic.js';
import { checkModel, type SelectionSettings, type SummaryModel } from '../src/analysis/summarize/model.js';
import { summarize } from '../src/analysis/summary.js';
import { isHardNews, isValidationHalf, readReferences, splitPart } from './lib/cnn-corpus.js';
import { loadCorpus, realTitle, type LoadedArticle } from './lib/load-corpus.js';
import { RougeAverage, rougeTokens, scoreSummary } from './lib/rouge.js';

const USAGE = 'usage: npm run train:summaries -- --corpus DIR --refs FILE [--out FILE] [--check]';
const MODEL_VERSION = 1;
const DEFAULT_OUT = 'src/analysis/summarize/weights.json';
const LABELLINGS = ['extractive', 'oracle', 'either'] as const;
type Labelling = (typeof LABELLINGS)[number];
const PENALTIES = [0.1, 1, 10];
const WORD_BUDGETS = [45, 50, 55, 60, 65, 70, 75, 80, 90];
const REDUNDANCIES = [0, 0.25, 0.5, 1];
const FITTING_SELECTION: SelectionSettings = { wordBudget: 70, redundancy: 0.25 };
/** Feature groups dropped (retrained without) for the ablation rows. */
const ABLATIONS: Array<[string, FeatureName[]]> = [
  ['− position', ['first', 'second', 'third', 'leadPrior', 'relativePosition', 'hardNews×first', 'hardNews×leadPrior']],
  ['− centrality', ['centrality', 'hardNews×centrality']],
  ['− title & lead similarity', ['titleSimilarity', 'leadSimilarity']],
  ['− article kind', ['hardNews', 'hardNews×first', 'hardNews×leadPrior', 'hardNews×centrality']],
  ['− quote/question/names', ['quoteOpener', 'containsQuote', 'question', 'entityDensity', 'attribution']],
];

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Our sentence is a gold extractive one when either text contains the other (splitters differ a little). */
function extractiveLabels(texts: readonly string[], gold: readonly string[]): number[] {
  const golds = gold.map(normalized).filter((text) => text.length >= 20);
  return texts.map((text) => {
    const ours = normalized(text);
    return ours.length >= 20 && golds.some((other) => other.includes(ours) || ours.includes(other)) ? 1 : 0;
  });
}

function counts(tokens: readonly string[], n: number): Map<string, number> {
  const grams = new Map<string, number>();
  for (let k = 0; k + n <= tokens.length; k++) {
    const gram = tokens.slice(k, k + n).join(' ');
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function overlapF(candidate: Map<string, number>, reference: Map<string, number>, candidateTotal: number, referenceTotal: number): number {
  let hits = 0;
  for (const [gram, count] of candidate) hits += Math.min(count, reference.get(gram) ?? 0);
  return hits === 0 ? 0 : (2 * hits) / (candidateTotal + referenceTotal);
}

/** Greedy oracle: the sentences that together best match the highlights by ROUGE-1 + ROUGE-2 F1 (at most 3). */
function oracleLabels(texts: readonly string[], highlights: readonly string[]): number[] {
  const referenceTokens = rougeTokens(highlights.join(' '));
  const reference1 = counts(referenceTokens, 1);
  const reference2 = counts(referenceTokens, 2);
  const sentenceTokens = texts.map(rougeTokens);
  const labels = texts.map(() => 0);
  let chosen: string[] = [];
  let bestSoFar = 0;
  for (let round = 0; round < 3; round++) {
    let pick = -1;
    for (let k = 0; k < texts.length; k++) {
      if (labels[k] === 1) continue;
      const tokens = [...chosen, ...sentenceTokens[k]!];
      const score =
        overlapF(counts(tokens, 1), reference1, tokens.length, referenceTokens.length) +
        overlapF(counts(tokens, 2), reference2, Math.max(0, tokens.length - 1), Math.max(0, referenceTokens.length - 1));
      if (score > bestSoFar) {
        bestSoFar = score;
        pick = k;
      }
    }
    if (pick < 0) break;
    labels[pick] = 1;
    chosen = [...chosen, ...sentenceTokens[pick]!];
  }
  return labels;
}

interface Example {
  entry: LoadedArticle;
  kindFeatures: number[];
  hardNews: boolean;
}

function sentenceRows(examples: readonly Example[], kindWeights: readonly number[], labelling: Labelling, dropped: readonly FeatureName[] = []): TrainingRow[] {
  const rows: TrainingRow[] = [];
  const droppedAt = new Set(dropped.map((name) => SENTENCE_FEATURES.indexOf(name)));
  for (const { entry } of examples) {
    const { content } = prepareArticle(entry.sentences, realTitle(entry.article), kindWeights);
    const texts = content.map((sentence) => sentence.text);
    const extractive = extractiveLabels(texts, entry.reference!.extractive);
    const oracle = oracleLabels(texts, entry.reference!.highlights);
    content.forEach((sentence, k) => {
      const label = labelling === 'extractive' ? extractive[k]! : labelling === 'oracle' ? oracle[k]! : Math.max(extractive[k]!, oracle[k]!);
      rows.push({ features: sentence.features.map((value, j) => (droppedAt.has(j) ? 0 : value)), label });
    });
  }
  return rows;
}

/** Rounded so the file stays small and its diffs readable; the model is used exactly as written. */
const round = (weights: readonly number[]) => weights.map((weight) => Number(weight.toFixed(6)));

function makeModel(kindWeights: readonly number[], sentenceWeights: readonly number[], selection: SelectionSettings, trainedOn: string): SummaryModel {
  return checkModel({
    version: MODEL_VERSION,
    trainedOn,
    kind: { features: [...KIND_FEATURES], weights: round(kindWeights) },
    sentence: { features: [...SENTENCE_FEATURES], weights: round(sentenceWeights) },
    selection,
  });
}

function rouge(examples: readonly Example[], run: (entry: LoadedArticle) => string[]) {
  const average = new RougeAverage();
  for (const { entry } of examples) average.add(scoreSummary(run(entry), entry.reference!.highlights));
  return average.mean();
}

const objective = (scores: { r1: number; r2: number }) => scores.r1 + scores.r2;
const fmt = (scores: { r1: number; r2: number; rl: number }) => `${scores.r1.toFixed(2)} / ${scores.r2.toFixed(2)} / ${scores.rl.toFixed(2)}`;
const lead3 = (entry: LoadedArticle) => entry.sentences.filter((sentence) => !sentence.heading).slice(0, 3).map((sentence) => sentence.text);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, refs: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } } });
  if (!values.corpus || !values.refs) fail('--corpus DIR and --refs FILE are required');
  const references = readReferences(values.refs);
  const { loaded } = await loadCorpus(values.corpus, references.map((reference) => reference.file), new Map(references.map((r) => [r.file, r])));
  if (loaded.length === 0) fail(`no article of ${values.refs} could be loaded from ${values.corpus}`);
  const zeroKind = KIND_FEATURES.map(() => 0);
  const examples: Example[] = loaded.map((entry) => ({
    entry,
    kindFeatures: prepareArticle(entry.sentences, realTitle(entry.article), zeroKind).kindFeatures,
    hardNews: isHardNews(entry.reference!, entry.article.url),
  }));
  const train = examples.filter((example) => splitPart(example.entry.id) === 'train');
  const heldOut = examples.filter((example) => splitPart(example.entry.id) === 'held-out');
  console.log(`${loaded.length} articles: ${train.length} to train on, ${heldOut.length} held out`);

  const kindWeights = trainLogistic(train.map((example) => ({ features: example.kindFeatures, label: example.hardNews ? 1 : 0 })), { l2: 1 });
  const roundedKind = round(kindWeights);

  // Labelling and penalty: fitted on one half of the training part, scored on the other.
  const fitHalf = train.filter((example) => !isValidationHalf(example.entry.id));
  const validationHalf = train.filter((example) => isValidationHalf(example.entry.id));
  let bestChoice: { labelling: Labelling; l2: number; score: number } | null = null;
  for (const labelling of LABELLINGS) {
    const rows = sentenceRows(fitHalf, roundedKind, labelling);
    for (const l2 of PENALTIES) {
      const model = makeModel(roundedKind, trainLogistic(rows, { l2 }), FITTING_SELECTION, 'validation');
      const scores = rouge(validationHalf, (entry) => summarize(entry.sentences, { title: realTitle(entry.article), model }));
      console.log(`  labels ${labelling.padEnd(10)} l2 ${String(l2).padEnd(4)} validation R1/R2/RL ${fmt(scores)}`);
      if (!bestChoice || objective(scores) > bestChoice.score) bestChoice = { labelling, l2, score: objective(scores) };
    }
  }
  const { labelling, l2 } = bestChoice!;
  const trainRows = sentenceRows(train, roundedKind, labelling);
  const sentenceWeights = trainLogistic(trainRows, { l2 });

  // Selection settings on the whole training part.
  let bestSelection: { selection: SelectionSettings; score: number } | null = null;
  console.log('word budget → best training-part R1 / R2 / RL (over the redundancy penalties):');
  for (const wordBudget of WORD_BUDGETS) {
    let bestHere: { redundancy: number; scores: ReturnType<typeof rouge> } | null = null;
    for (const redundancy of REDUNDANCIES) {
      const model = makeModel(roundedKind, sentenceWeights, { wordBudget, redundancy }, 'selection');
      const scores = rouge(train, (entry) => summarize(entry.sentences, { title: realTitle(entry.article), model }));
      if (!bestSelection || objective(scores) > bestSelection.score) bestSelection = { selection: { wordBudget, redundancy }, score: objective(scores) };
      if (!bestHere || objective(scores) > objective(bestHere.scores)) bestHere = { redundancy, scores };
    }
    console.log(`  ${String(wordBudget).padStart(3)} words: ${fmt(bestHere!.scores)} (redundancy ${bestHere!.redundancy})`);
  }
  const selection = bestSelection!.selection;
  const trainedOn =
    `${train.length} articles of ${values.refs.split('/').slice(-2).join('/')} (FNV-1a of the file name even), ` +
    `labels: ${labelling}, l2 ${l2}, word budget ${selection.wordBudget}, redundancy ${selection.redundancy}`;
  const model = makeModel(kindWeights, sentenceWeights, selection, trainedOn);
  console.log(`chosen on the training part: labels ${labelling}, l2 ${l2}, word budget ${selection.wordBudget}, redundancy ${selection.redundancy}`);

  // Held-out figures, only now.
  const run = (options: Parameters<typeof summarize>[1]) => (entry: LoadedArticle) => summarize(entry.sentences, { title: realTitle(entry.article), model, ...options });
  const hard = heldOut.filter((example) => example.hardNews);
  const kindAccuracy = heldOut.filter((example) => (hardNewsProbability(example.kindFeatures, model.kind.weights) >= 0.5) === example.hardNews).length / Math.max(1, heldOut.length);
  console.log(`\nheld out (${heldOut.length} articles; hard news by section: ${hard.length}); ROUGE F1 ×100 R1 / R2 / RLsum vs highlights`);
  console.log(`  article-kind model accuracy ${(100 * kindAccuracy).toFixed(1)}%`);
  const rows: Array<[string, (entry: LoadedArticle) => string[]]> = [
    ['learned scorer', run({})],
    ['Lead-3', lead3],
    ['− readability rule', run({ readability: false })],
  ];
  for (const [name, dropped] of ABLATIONS) {
    const retrained = makeModel(kindWeights, trainLogistic(sentenceRows(train, roundedKind, labelling, dropped), { l2 }), selection, 'ablation');
    rows.push([`${name} (retrained)`, (entry) => summarize(entry.sentences, { title: realTitle(entry.article), model: retrained })]);
  }
  for (const [name, system] of rows) console.log(`  ${name.padEnd(38)} all ${fmt(rouge(heldOut, system))}   hard news ${fmt(rouge(hard, system))}`);

  const text = `${JSON.stringify(model, null, 2)}\n`;
  const out = values.out ?? DEFAULT_OUT;
  if (values.check) {
    const same = readFileSync(out, 'utf8') === text;
    console.log(`\n${out} ${same ? 'is exactly what this training gives' : 'DIFFERS from what this training gives'}`);
    if (!same) process.exit(1);
  } else {
    writeFileSync(out, text);
    console.log(`\nwrote ${out}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
