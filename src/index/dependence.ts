/**
 * The sequential dependence model (Metzler & Croft 2005, "A Markov random field model for term dependencies"):
 * a document's score mixes its unigram score (0.85) with two features of each pair of neighbouring query words,
 * the pair as an ordered window of 1 (the words adjacent, in query order; 0.1) and as an unordered window of
 * 8 (both within 8 terms, either order; 0.05): the paper's weights, which Indri and Anserini ship as defaults.
 *
 * The paper scores each feature by Dirichlet-smoothed likelihood, which needs every window's collection
 * frequency; neither engine keeps positions, so the features are scored as Anserini's SDM over BM25 does
 * (Lucene span queries): the window count saturated like a BM25 term frequency (k1 1.2, b 0.75 on the document's
 * length in indexed terms), weighted by the sum of the two words' IDF. Like the term proximity it replaces
 * (proximity.ts), it is computed from the text of the best PROXIMITY_CANDIDATES articles only.
 *
 * Windows count indexed terms (stop words skipped, as phrase matching does): "Bank of England" is adjacent.
 */
import { DEFAULT_B, DEFAULT_K1, type WeightedTerm } from './bm25f.js';
import { rescoreHead } from './proximity.js';
import { termSequence } from './query.js';

export const SDM_WEIGHTS = { unigram: 0.85, ordered: 0.1, unordered: 0.05 } as const;
/** Span, in indexed terms, of SDM's unordered window. */
export const UNORDERED_WINDOW = 8;

/** Two neighbouring query words and the weight of their windows (the sum of their IDFs). */
export interface DependencePair {
  first: string;
  second: string;
  idf: number;
}

/**
 * Neighbouring pairs of the query's words, in query order: one term per word (a name's aliases are left
 * out; the name itself pairs). Null when the query has fewer than two such words.
 */
export function dependencePairs(query: readonly WeightedTerm[], idfOf: (term: string) => number): DependencePair[] | null {
  const words: Array<{ term: string; idf: number }> = [];
  const slots = new Set<number>();
  for (const { term, slot, weight } of query) {
    if (slot < 0 || weight <= 0 || slots.has(slot) || words.some((word) => word.term === term)) continue;
    slots.add(slot);
    const idf = idfOf(term);
    if (idf > 0) words.push({ term, idf });
  }
  const pairs = words.slice(1).map((second, index) => ({ first: words[index]!.term, second: second.term, idf: words[index]!.idf + second.idf }));
  return pairs.length > 0 ? pairs : null;
}

/**
 * Occurrences of a pair in a term sequence: ordered, `first` directly followed by `second`; unordered, windows
 * of at most UNORDERED_WINDOW terms holding both, counted without overlap (a word occurrence serves one window).
 */
export function windowCounts(sequence: readonly string[], first: string, second: string): { ordered: number; unordered: number } {
  let ordered = 0;
  let unordered = 0;
  let lastFirst = -Infinity;
  let lastSecond = -Infinity;
  sequence.forEach((term, position) => {
    if (term === first && sequence[position + 1] === second) ordered += 1;
    if (term !== first && term !== second) return;
    const other = term === first ? lastSecond : lastFirst;
    if (position - other < UNORDERED_WINDOW) {
      unordered += 1;
      lastFirst = -Infinity;
      lastSecond = -Infinity;
      return;
    }
    if (term === first) lastFirst = position;
    else lastSecond = position;
  });
  return { ordered, unordered };
}

/** SDM's ordered and unordered feature scores of one article's text (BM25-saturated window counts, see above). */
export function dependenceScore(text: string, pairs: readonly DependencePair[], averageLength: number): { ordered: number; unordered: number } {
  const sequence = termSequence(text);
  const norm = DEFAULT_K1 * (1 - DEFAULT_B + (DEFAULT_B * sequence.length) / Math.max(averageLength, 1));
  const saturate = (count: number) => (count * (DEFAULT_K1 + 1)) / (count + norm);
  let ordered = 0;
  let unordered = 0;
  for (const pair of pairs) {
    const counts = windowCounts(sequence, pair.first, pair.second);
    ordered += pair.idf * saturate(counts.ordered);
    unordered += pair.idf * saturate(counts.unordered);
  }
  return { ordered, unordered };
}

/**
 * SDM over the first PROXIMITY_CANDIDATES items (already best first): each score becomes 0.85 × score + 0.1 ×
 * ordered + 0.05 × unordered, and the head is re-sorted; the rest keep their order after it (scaled by 0.85).
 */
export function withDependence<T extends { score: number }>(
  ranked: readonly T[],
  pairs: readonly DependencePair[] | null,
  textOf: (item: T) => string | undefined,
  averageLength: number,
): T[] {
  if (!pairs || ranked.length === 0) return [...ranked];
  return rescoreHead(
    ranked,
    textOf,
    (item, text) => {
      const features = text ? dependenceScore(text, pairs, averageLength) : { ordered: 0, unordered: 0 };
      return SDM_WEIGHTS.unigram * item.score + SDM_WEIGHTS.ordered * features.ordered + SDM_WEIGHTS.unordered * features.unordered;
    },
    (score) => SDM_WEIGHTS.unigram * score,
  );
}
