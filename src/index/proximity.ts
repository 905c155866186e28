/**
 * Term proximity (Büttcher, Clarke & Lushman 2006, "Term proximity scoring for ad-hoc retrieval on very large
 * text collections"; BM25TP): articles where the query's words stand close together rank higher. Walking the
 * article's words in order, each pair of neighbouring query-term occurrences of two different query words at a
 * distance d adds the other word's IDF / d² to each word's accumulator; each accumulator is then saturated like
 * a BM25 term frequency (k1 1.2, b 0.75 on the article's length) and weighted by min(1, IDF). The sum is added
 * to the engine's score. No parameter of its own: k1 and b are BM25's textbook values.
 *
 * It needs word positions, which neither engine keeps, so it is computed from the text of the best
 * PROXIMITY_CANDIDATES articles only (a re-ranking of the head of the list, where a page's answers are).
 */
import { DEFAULT_B, DEFAULT_K1, type WeightedTerm } from './bm25f.js';
import { normalizeTerm, tokenize } from './tokenize.js';

/** Articles at the head of a ranking that are re-scored with proximity. */
export const PROXIMITY_CANDIDATES = 20;

/** A query word for proximity: its IDF and its slot (a name and its aliases share one, and are not a pair). */
export interface ProximityTerm {
  idf: number;
  slot: number;
}

/** The query terms (by normalised term) that proximity pairs; null when fewer than two words could pair. */
export function proximityTerms(query: readonly WeightedTerm[], idfOf: (term: string) => number): Map<string, ProximityTerm> | null {
  const terms = new Map<string, ProximityTerm>();
  for (const { term, slot, weight } of query) {
    if (slot < 0 || weight <= 0 || terms.has(term)) continue;
    const idf = idfOf(term);
    if (idf > 0) terms.set(term, { idf, slot });
  }
  return new Set([...terms.values()].map((term) => term.slot)).size >= 2 ? terms : null;
}

/**
 * The proximity score of one article's text. Distances count every word (stop words included, as the paper
 * does), so "Bank of England" keeps its real distance; the length normalisation counts indexed terms, as
 * `averageLength` (the corpus's mean article length in indexed terms, the engines' BM25 field lengths) does.
 */
export function proximityScore(text: string, terms: ReadonlyMap<string, ProximityTerm>, averageLength: number): number {
  const accumulators = new Map<string, number>();
  let position = 0;
  let length = 0;
  let last: { term: string; entry: ProximityTerm; position: number } | null = null;
  for (const token of tokenize(text)) {
    position += 1;
    const term = normalizeTerm(token);
    if (term === null) continue;
    length += 1;
    const entry = terms.get(term);
    if (!entry) continue;
    if (last && last.entry.slot !== entry.slot) {
      const inverseSquare = 1 / (position - last.position) ** 2;
      accumulators.set(term, (accumulators.get(term) ?? 0) + last.entry.idf * inverseSquare);
      accumulators.set(last.term, (accumulators.get(last.term) ?? 0) + entry.idf * inverseSquare);
    }
    last = { term, entry, position };
  }
  if (accumulators.size === 0) return 0;
  const k1 = DEFAULT_K1;
  const b = DEFAULT_B;
  const norm = k1 * (1 - b + (b * length) / Math.max(averageLength, 1));
  let score = 0;
  for (const [term, accumulator] of accumulators) {
    score += (Math.min(1, terms.get(term)!.idf) * accumulator * (k1 + 1)) / (accumulator + norm);
  }
  return score;
}

/**
 * Gives the first PROXIMITY_CANDIDATES items (already best first) the score `rescore` computes from each one's text
 * and re-sorts them (ties keep their order); the rest follow in their order, scored by `rescoreRest`.
 * Proximity and the sequential dependence model both re-rank this head.
 */
export function rescoreHead<T extends { score: number }>(
  ranked: readonly T[],
  textOf: (item: T) => string | undefined,
  rescore: (item: T, text: string | undefined) => number,
  rescoreRest: (score: number) => number = (score) => score,
): T[] {
  const head = ranked.slice(0, PROXIMITY_CANDIDATES).map((item, order) => ({ item, order, score: rescore(item, textOf(item)) }));
  head.sort((a, b) => b.score - a.score || a.order - b.order);
  const rest = ranked.slice(PROXIMITY_CANDIDATES).map((item) => ({ ...item, score: rescoreRest(item.score) }));
  return [...head.map(({ item, score }) => ({ ...item, score })), ...rest];
}

/** Adds proximity to the scores of the head of a ranking (rescoreHead); the rest keep their order after it. */
export function withProximity<T extends { score: number }>(
  ranked: readonly T[],
  terms: ReadonlyMap<string, ProximityTerm> | null,
  textOf: (item: T) => string | undefined,
  averageLength: number,
): T[] {
  if (!terms || ranked.length === 0) return [...ranked];
  return rescoreHead(ranked, textOf, (item, text) => item.score + (text ? proximityScore(text, terms, averageLength) : 0));
}
