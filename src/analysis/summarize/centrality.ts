/**
 * Forward directed centrality (PacSum, Zheng & Lapata 2019): a sentence scores by how much the sentences
 * after it repeat its content, since news states its point first and elaborates later. With cosine
 * similarity and no edge threshold, the sum over later sentences is one dot product with the sum of their
 * vectors, so the whole article costs time linear in its words instead of quadratic in its sentences.
 */
import { addInto, dotDense, type TermVector } from './vectors.js';

/** Centrality of each sentence scaled to [0, 1] (the most central sentence gets 1). */
export function forwardCentrality(vectors: readonly TermVector[], vocabularySize: number): number[] {
  const later = new Float64Array(vocabularySize);
  const scores = new Array<number>(vectors.length).fill(0);
  for (let i = vectors.length - 1; i >= 0; i--) {
    const vector = vectors[i]!;
    scores[i] = dotDense(vector, later);
    addInto(later, vector);
  }
  const highest = scores.reduce((max, score) => Math.max(max, score), 0);
  return highest > 0 ? scores.map((score) => score / highest) : scores;
}
