/**
 * Redundancy-aware greedy selection under a word budget. Sentences are grouped into units first: a quotation
 * that runs over several sentences is one unit, so a summary never starts or ends inside a quotation. A unit
 * that leans on the one before ("But…", "He…") stands only when that one is chosen, or comes in together
 * with it, or, for a pronoun, when the person named just before is already in the summary.
 */
import type { ContentSentence } from './features.js';
import { dot } from './vectors.js';

export interface Unit {
  /** Consecutive sentences read together. */
  members: ContentSentence[];
  /** The scorer's probability for each member. */
  probabilities: number[];
  /** The unit it cannot be read without, or null. */
  needs: Unit | null;
  /** Names in the sentence before: a pronoun opener may refer to one of them. */
  antecedentNames: string[] | null;
  fragment: boolean;
}

export interface SelectionLimits {
  maxSentences: number;
  maxChars: number;
  wordBudget: number;
  redundancy: number;
  /** Evaluation only: false treats every unit as standing on its own (the readability rule off). */
  readability?: boolean;
}

/** Cosine above which a sentence repeats one already chosen (quotes restated, duplicated paragraphs). */
const NEAR_COPY = 0.5;
/** A quotation still open after this many sentences is a stray quote mark, not a quotation. */
const MAX_UNIT_SENTENCES = 4;
const PRONOUN_OPENER = /^["“‘'«(]?\s*(?:he|she|his|her|him|they|their|them)(?![\p{L}\p{N}])/iu;
const NOT_A_NAME = new Set(
  'The A An In On At But And He She It They His Her Their This That These Those When While After Before If As Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(' '),
);

/** Whether a quotation is still open at the end of `text`, given whether it was open at the start. */
export function quoteOpenAfter(text: string, openBefore: boolean): boolean {
  let open = openBefore;
  for (const ch of text) {
    if (ch === '"') open = !open;
    else if (ch === '“') open = true;
    else if (ch === '”') open = false;
  }
  return open;
}

function capitalisedNames(text: string): string[] {
  const names: string[] = [];
  const tokens = text.split(/\s+/);
  for (let k = 1; k < tokens.length; k++) {
    const word = tokens[k]!.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/['’]s$/, '');
    if (word.length >= 3 && /^\p{Lu}\p{Ll}/u.test(word) && !NOT_A_NAME.has(word)) names.push(word);
  }
  return names;
}

/** Groups scored content sentences (in article order) into units. */
export function buildUnits(content: readonly ContentSentence[], probabilities: readonly number[]): Unit[] {
  const units: Unit[] = [];
  let open = false;
  content.forEach((sentence, k) => {
    const previous = k > 0 ? content[k - 1]! : null;
    // A quotation that runs on into the next paragraph reopens there with its own quote mark.
    const adjacent = previous !== null && previous.index === sentence.index - 1 && previous.block === sentence.block;
    const last = units[units.length - 1];
    if (open && adjacent && last && last.members.length < MAX_UNIT_SENTENCES) {
      last.members.push(sentence);
      last.probabilities.push(probabilities[k]!);
      last.fragment &&= sentence.eligibility === 'fragment';
    } else {
      const leans = last !== undefined && sentence.leans;
      units.push({
        members: [sentence],
        probabilities: [probabilities[k]!],
        needs: leans ? last : null,
        antecedentNames: leans && PRONOUN_OPENER.test(sentence.text.trim()) ? capitalisedNames(last.members[last.members.length - 1]!.text) : null,
        fragment: sentence.eligibility === 'fragment',
      });
    }
    open = quoteOpenAfter(sentence.text, adjacent && open);
  });
  return units;
}

/** Picks units; returns the chosen sentences in article order. */
export function selectUnits(units: readonly Unit[], limits: SelectionLimits): ContentSentence[] {
  const chosen: Unit[] = [];
  const chosenWords = new Set<string>();
  let sentences = 0;
  let chars = -1;
  let words = 0;
  const stands = (unit: Unit) =>
    limits.readability === false ||
    unit.needs === null ||
    chosen.includes(unit.needs) ||
    (unit.antecedentNames !== null && unit.antecedentNames.some((name) => chosenWords.has(name)));

  for (;;) {
    let best: Unit[] | null = null;
    let bestScore = -Infinity;
    for (const unit of units) {
      if (chosen.includes(unit)) continue;
      const group = stands(unit) ? [unit] : unit.needs && !chosen.includes(unit.needs) && stands(unit.needs) ? [unit.needs, unit] : null;
      if (group === null) continue;
      // Cheap tests first: this loop runs for every article the corpus holds.
      let groupSentences = 0;
      let groupWords = 0;
      let groupChars = 0;
      let probabilitySum = 0;
      for (const member of group) {
        groupSentences += member.members.length;
        for (const sentence of member.members) {
          groupWords += sentence.words;
          groupChars += sentence.text.length + 1;
        }
        for (const p of member.probabilities) probabilitySum += p;
      }
      if (sentences + groupSentences > limits.maxSentences || chars + groupChars > limits.maxChars) continue;
      if (chosen.length > 0 && words + groupWords > limits.wordBudget) continue;
      const probability = probabilitySum / groupSentences;
      // Similarity only lowers a score, so a unit that cannot beat the best one needs no similarity.
      if (probability <= bestScore) continue;
      let similarity = 0;
      for (const member of group) {
        for (const sentence of member.members) {
          for (const taken of chosen) for (const other of taken.members) similarity = Math.max(similarity, dot(sentence.vector, other.vector));
        }
      }
      if (similarity > NEAR_COPY) continue;
      const score = probability - limits.redundancy * similarity;
      // Strictly greater: ties go to the earlier unit, which keeps the result deterministic.
      if (score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best === null) break;
    for (const unit of best) {
      chosen.push(unit);
      for (const member of unit.members) {
        sentences++;
        chars += member.text.length + 1;
        words += member.words;
        for (const name of capitalisedNames(` ${member.text}`)) chosenWords.add(name);
      }
    }
  }
  return chosen.flatMap((unit) => unit.members).sort((a, b) => a.index - b.index);
}
