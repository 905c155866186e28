/**
 * Is the article hard news (an event reported: who did what, when, "said") or a feature (opinion, travel, a
 * profile, advice)? On hard news the lead sentences are the summary; on a feature the point may come later.
 * A tiny logistic model over writing-style signals gives the probability; it needs nothing but the text.
 */
import { linear, sigmoid } from './logistic.js';

export const KIND_FEATURES = [
  'bias',
  'saidShare',
  'weekdayInLead',
  'firstPersonRate',
  'secondPersonRate',
  'questionShare',
  'quoteOpenerShare',
  'digitShare',
  'leadWords',
] as const;

const WEEKDAY = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last night)\b/;
const SAID = /\b(?:said|says|told|according to|announced|reported|confirmed)\b/;
const FIRST_PERSON = /\b(?:I|me|my|we|our|us)\b/g;
const SECOND_PERSON = /\b(?:you|your)\b/gi;

/** Style signals of the article's prose sentences (the first few hundred words are enough). */
export function kindFeatures(texts: readonly string[]): number[] {
  const sample = texts.slice(0, 20);
  const count = Math.max(1, sample.length);
  let said = 0;
  let questions = 0;
  let quoteOpeners = 0;
  let digits = 0;
  let words = 0;
  let firstPerson = 0;
  let secondPerson = 0;
  for (const text of sample) {
    if (SAID.test(text)) said++;
    if (/\?["”’'»)]*$/.test(text)) questions++;
    if (/^["“‘'«]/.test(text)) quoteOpeners++;
    if (/\d/.test(text)) digits++;
    words += text.split(/\s+/).length;
    // Pronouns inside a quotation are the speaker's, not the writer's voice.
    const narration = text.replace(/["“][^"”]*["”]/g, ' ');
    firstPerson += narration.match(FIRST_PERSON)?.length ?? 0;
    secondPerson += narration.match(SECOND_PERSON)?.length ?? 0;
  }
  const lead = sample.slice(0, 2).join(' ');
  return [
    1,
    said / count,
    WEEKDAY.test(lead) ? 1 : 0,
    Math.min(1, (20 * firstPerson) / Math.max(1, words)),
    Math.min(1, (20 * secondPerson) / Math.max(1, words)),
    questions / count,
    quoteOpeners / count,
    digits / count,
    Math.min(2, (sample[0]?.split(/\s+/).length ?? 0) / 30),
  ];
}

/** Probability that the article is hard news, from kindFeatures and the trained weights. */
export function hardNewsProbability(features: readonly number[], weights: readonly number[]): number {
  return sigmoid(linear(weights, features));
}
