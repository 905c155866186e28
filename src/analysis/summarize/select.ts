/**
 * Greedy selection under a sentence count and a character budget: take the best-scoring candidate that
 * fits, is not a near-copy of one already taken, and does not lean on an untaken previous sentence. A
 * sentence that leans on its predecessor may come in together with it, scored as the pair's mean.
 */
import { dot, type TermVector } from './vectors.js';

export interface Candidate {
  /** Position in the article (index into the caller's sentence list). */
  index: number;
  text: string;
  vector: TermVector;
  score: number;
  /** The candidate it cannot be read without (its predecessor), or null. */
  needs: Candidate | null;
}

export interface SelectionLimits {
  maxSentences: number;
  maxChars: number;
}

/** Cosine above which a sentence repeats one already chosen (quotes restated, duplicated paragraphs). */
const NEAR_COPY = 0.5;

/** Picks candidates; returns their indices in article order. */
export function selectSentences(candidates: readonly Candidate[], limits: SelectionLimits): number[] {
  const chosen: Candidate[] = [];
  let chars = 0;
  const joinedLength = (extra: readonly Candidate[]) =>
    chars + extra.reduce((sum, candidate) => sum + candidate.text.length, 0) + chosen.length + extra.length - 1;

  for (;;) {
    let best: Candidate[] | null = null;
    let bestScore = -Infinity;
    for (const candidate of candidates) {
      if (chosen.includes(candidate)) continue;
      const unit = candidate.needs && !chosen.includes(candidate.needs) ? [candidate.needs, candidate] : [candidate];
      if (unit[0]!.needs && !chosen.includes(unit[0]!.needs) && unit.length === 2) continue;
      if (chosen.length + unit.length > limits.maxSentences || joinedLength(unit) > limits.maxChars) continue;
      const score = unit.reduce((sum, member) => sum + member.score, 0) / unit.length;
      // Strictly greater: ties go to the earlier sentence, which keeps the result deterministic.
      if (score <= bestScore) continue;
      if (unit.some((member) => chosen.some((taken) => dot(member.vector, taken.vector) > NEAR_COPY))) continue;
      best = unit;
      bestScore = score;
    }
    if (best === null) break;
    for (const member of best) {
      chosen.push(member);
      chars += member.text.length;
    }
  }
  return chosen.map((candidate) => candidate.index).sort((a, b) => a - b);
}
