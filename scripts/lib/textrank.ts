/**
 * The TextRank baseline (Mihalcea & Tarau 2004) as usually run: sentences are nodes, edge weight is the
 * number of shared words normalised by log lengths, PageRank with damping 0.85, the top three sentences
 * returned in article order. Words are lowercased, stop words dropped and stemmed, as in common toolkits.
 */
import { contentTerms } from '../../src/analysis/summarize/vectors.js';

const DAMPING = 0.85;
const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-6;

export function textRank(sentences: readonly string[], count = 3): string[] {
  const words = sentences.map((sentence) => new Set(contentTerms(sentence)));
  const n = sentences.length;
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = words[i]!;
      const b = words[j]!;
      const denominator = Math.log(a.size) + Math.log(b.size);
      if (denominator <= 0) continue;
      let shared = 0;
      for (const word of a) if (b.has(word)) shared++;
      weights[i]![j] = weights[j]![i] = shared / denominator;
    }
  }
  const outWeight = weights.map((row) => row.reduce((sum, weight) => sum + weight, 0));
  let rank = new Array<number>(n).fill(1 / Math.max(n, 1));
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const next = rank.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < n; j++) if (weights[j]![i]! > 0) incoming += (weights[j]![i]! / outWeight[j]!) * rank[j]!;
      return (1 - DAMPING) / n + DAMPING * incoming;
    });
    const change = next.reduce((sum, value, i) => sum + Math.abs(value - rank[i]!), 0);
    rank = next;
    if (change < TOLERANCE) break;
  }
  return rank
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.index)
    .sort((a, b) => a - b)
    .map((index) => sentences[index]!);
}
