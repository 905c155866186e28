/**
 * The cheap per-sentence features the learned scorer reads (summarize/model.ts holds the weights). The same
 * function feeds training (scripts/train-summaries.ts) and summarizing, so the two cannot drift apart.
 */
import { pointsAtPicture } from '../../corpus/boilerplate.js';
import type { Sentence } from '../types.js';
import { forwardCentrality } from './centrality.js';
import { eligibility, isQuoteOrQuestion, leansOnPrevious, type Eligibility } from './eligibility.js';
import { hardNewsProbability, kindFeatures } from './kind.js';
import { contentTerms, dot, tfidfVectors, type TermVector } from './vectors.js';

export const SENTENCE_FEATURES = [
  'bias',
  'first',
  'second',
  'third',
  'leadPrior',
  'relativePosition',
  'length',
  'short',
  'long',
  'centrality',
  'titleSimilarity',
  'leadSimilarity',
  'quoteOpener',
  'containsQuote',
  'question',
  'entityDensity',
  'hasNumber',
  'attribution',
  'leansOnPrevious',
  'fragment',
  'picture',
  'paragraphStart',
  'hardNews',
  'hardNews×first',
  'hardNews×leadPrior',
  'hardNews×centrality',
] as const;

export type FeatureName = (typeof SENTENCE_FEATURES)[number];

/** A sentence that may go into a summary, with what the scorer and the selection need to know about it. */
export interface ContentSentence {
  /** Index into the caller's sentence list. */
  index: number;
  /** The block (paragraph) it is in. */
  block: number;
  text: string;
  words: number;
  /** Opens with a connective or pronoun that refers to the sentence before. */
  leans: boolean;
  eligibility: Exclude<Eligibility, 'never'>;
  vector: TermVector;
  features: number[];
}

export interface PreparedArticle {
  content: ContentSentence[];
  /** Probability that the article is hard news (summarize/kind.ts), and the signals it comes from. */
  hardNews: number;
  kindFeatures: number[];
}

const ATTRIBUTION = /\b(?:said|says|told|according to)\b/;

const isUpper = (code: number) => (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7);
const isAsciiLetterOrDigit = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isSpaceCode = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;
const OPENING_MARKS = '"“‘\'(';

/**
 * Words (tokens with a letter or digit) and names, places and organisations per word (capitalised words past
 * the first), in one scan of the characters: this runs on every sentence of every article.
 */
function wordStats(text: string): { words: number; entityDensity: number } {
  let words = 0;
  let tokens = 0;
  let capitalised = 0;
  let k = 0;
  const length = text.length;
  while (k < length) {
    while (k < length && isSpaceCode(text.charCodeAt(k))) k++;
    if (k >= length) break;
    const start = k;
    while (k < length && !isSpaceCode(text.charCodeAt(k))) k++;
    tokens++;
    let lead = start;
    while (lead < k && OPENING_MARKS.includes(text[lead]!)) lead++;
    const code = text.charCodeAt(lead);
    if (tokens > 1 && lead + 1 < k && isUpper(code) && /[\p{L}\p{N}]/u.test(text[lead + 1]!)) capitalised++;
    if (lead < k && isAsciiLetterOrDigit(code)) words++;
    else if (/[\p{L}\p{N}]/u.test(text.slice(start, k))) words++;
  }
  return { words, entityDensity: tokens < 2 ? 0 : capitalised / (tokens - 1) };
}

export function wordCount(text: string): number {
  return wordStats(text).words;
}

/** Features of every content sentence; `kindWeights` are the article-kind model's weights. */
export function prepareArticle(sentences: readonly Sentence[], title: string | undefined, kindWeights: readonly number[]): PreparedArticle {
  const entries = sentences
    .map((sentence, index) => ({ sentence, index, kind: eligibility(sentence) }))
    .filter((entry): entry is { sentence: Sentence; index: number; kind: Exclude<Eligibility, 'never'> } => entry.kind !== 'never');
  if (entries.length === 0) return { content: [], hardNews: 0, kindFeatures: kindFeatures([]) };
  const texts = entries.map((entry) => entry.sentence.text);
  const { vectors, vocabularySize, vectorize } = tfidfVectors(texts.map(contentTerms));
  const centrality = forwardCentrality(vectors, vocabularySize);
  const titleVector = vectorize(contentTerms(title ?? ''));
  const kindSignals = kindFeatures(texts);
  const hardNews = hardNewsProbability(kindSignals, kindWeights);
  const last = Math.max(1, entries.length - 1);

  const content = entries.map((entry, position): ContentSentence => {
    const text = entry.sentence.text;
    const { words, entityDensity } = wordStats(text);
    const previous = position > 0 ? entries[position - 1]!.sentence : null;
    const leadPrior = 1 / Math.sqrt(position + 1);
    const trimmed = text.trim();
    // The first sentence has nothing before it to lean on, whatever word it opens with.
    const leans = position > 0 && leansOnPrevious(trimmed);
    const quoteOpener = /^["“‘'«]/.test(trimmed);
    const values: Record<FeatureName, number> = {
      bias: 1,
      first: position === 0 ? 1 : 0,
      second: position === 1 ? 1 : 0,
      third: position === 2 ? 1 : 0,
      leadPrior,
      relativePosition: position / last,
      length: Math.min(2, words / 30),
      short: words < 12 ? 1 : 0,
      long: words > 40 ? 1 : 0,
      centrality: centrality[position]!,
      titleSimilarity: dot(vectors[position]!, titleVector),
      leadSimilarity: position === 0 ? 0 : dot(vectors[position]!, vectors[0]!),
      quoteOpener: quoteOpener ? 1 : 0,
      containsQuote: /["“”]/.test(trimmed.slice(1)) ? 1 : 0,
      question: !quoteOpener && isQuoteOrQuestion(trimmed) ? 1 : 0,
      entityDensity,
      hasNumber: /\d/.test(trimmed) ? 1 : 0,
      attribution: ATTRIBUTION.test(trimmed) ? 1 : 0,
      leansOnPrevious: leans ? 1 : 0,
      fragment: entry.kind === 'fragment' ? 1 : 0,
      picture: pointsAtPicture(trimmed) ? 1 : 0,
      paragraphStart: previous === null || previous.block !== entry.sentence.block ? 1 : 0,
      hardNews,
      'hardNews×first': position === 0 ? hardNews : 0,
      'hardNews×leadPrior': hardNews * leadPrior,
      'hardNews×centrality': hardNews * centrality[position]!,
    };
    return {
      index: entry.index,
      block: entry.sentence.block,
      text,
      words,
      leans,
      eligibility: entry.kind,
      vector: vectors[position]!,
      features: SENTENCE_FEATURES.map((name) => values[name]),
    };
  });
  return { content, hardNews, kindFeatures: kindSignals };
}
