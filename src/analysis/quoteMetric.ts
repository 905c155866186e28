/**
 * The quote evaluation metric of issue 4, over (quote, resolved person) pairs of named-person quotes.
 *  - A produced quote is right when its speaker is the gold speaker and more than half of its words lie in
 *    that speaker's gold quotes of the article (optional ones included).
 *  - A required gold quote is found when one produced quote with the right speaker covers more than half
 *    of its words. Optional gold quotes are neither required nor wrong.
 * Words are compared as multisets, lowercase, without accents or punctuation.
 */
import { normalizeName } from './normalizeName.js';
import type { QuoteKind } from './types.js';

export interface GoldQuote {
  speaker: string;
  kind: QuoteKind;
  text: string;
  optional?: boolean;
}

export interface ScoredQuote {
  speaker: string;
  kind: QuoteKind;
  text: string;
}

export interface ArticleScore {
  correct: ScoredQuote[];
  wrong: ScoredQuote[];
  found: GoldQuote[];
  missed: GoldQuote[];
}

const MOST = 0.5;

export function quoteWords(text: string): string[] {
  return normalizeName(text).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}

/** Share of `words` that can be matched, one for one, against `pool`. */
function coveredShare(words: readonly string[], pool: readonly string[]): number {
  if (words.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of pool) counts.set(word, (counts.get(word) ?? 0) + 1);
  let hit = 0;
  for (const word of words) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      hit++;
      counts.set(word, left - 1);
    }
  }
  return hit / words.length;
}

/**
 * Scores one article. `produced` holds named-person quotes with their speaker already resolved to a
 * canonical name; `sameSpeaker` says whether a produced speaker names a gold speaker.
 */
export function scoreArticle(
  produced: readonly ScoredQuote[],
  gold: readonly GoldQuote[],
  sameSpeaker: (producedSpeaker: string, goldSpeaker: string) => boolean = (a, b) => normalizeName(a) === normalizeName(b),
): ArticleScore {
  const score: ArticleScore = { correct: [], wrong: [], found: [], missed: [] };
  for (const quote of produced) {
    const pool = gold.filter((item) => sameSpeaker(quote.speaker, item.speaker)).flatMap((item) => quoteWords(item.text));
    (coveredShare(quoteWords(quote.text), pool) > MOST ? score.correct : score.wrong).push(quote);
  }
  for (const item of gold) {
    if (item.optional) continue;
    const words = quoteWords(item.text);
    const hit = produced.some((quote) => sameSpeaker(quote.speaker, item.speaker) && coveredShare(words, quoteWords(quote.text)) > MOST);
    (hit ? score.found : score.missed).push(item);
  }
  return score;
}

export interface Totals {
  produced: number;
  correct: number;
  required: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
}

export function totals(scores: readonly ArticleScore[]): Totals {
  const correct = scores.reduce((sum, score) => sum + score.correct.length, 0);
  const produced = correct + scores.reduce((sum, score) => sum + score.wrong.length, 0);
  const found = scores.reduce((sum, score) => sum + score.found.length, 0);
  const required = found + scores.reduce((sum, score) => sum + score.missed.length, 0);
  const precision = produced === 0 ? (required === 0 ? 1 : 0) : correct / produced;
  const recall = required === 0 ? 1 : found / required;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { produced, correct, required, found, precision, recall, f1 };
}
