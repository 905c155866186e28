/**
 * Bo1 query expansion (Amati 2003, "Probabilistic models for information retrieval based on divergence from
 * randomness"), with Terrier's defaults: the best 3 documents' terms found in at least 2 of them are weighted
 * w = tfx log2((1 + Pn) / Pn) + log2(1 + Pn), tfx being their frequency in the 3 and Pn = F / N (F the
 * term's occurrences in the collection, N its documents); the 10 best are added to the query (or to an original
 * term's weight) with weight w / max w, the original weights normalised by their maximum: Terrier's
 * parameter-free combination. Expansion terms get slot -1: they do not count as query words.
 *
 * Pure: both engines supply the feedback texts and the collection frequencies they can read.
 */
import type { WeightedTerm } from './bm25f.js';
import { termSequence } from './query.js';

/** Terrier's expansion.documents, expansion.terms and expansion.mindocuments. */
export const BO1 = { docs: 3, terms: 10, minDocuments: 2 } as const;

/** Bo1's informativeness of a term seen tfx times in the feedback documents, Pn = F / N (Terrier's Bo1.score). */
export function bo1Weight(tfx: number, pn: number): number {
  return tfx * Math.log2((1 + pn) / pn) + Math.log2(1 + pn);
}

/**
 * The expanded query from the texts of the first ranking's best BO1.docs documents (best first); empty when
 * nothing qualifies. `collectionFrequency` is called once per candidate term.
 */
export function bo1Expansion(
  query: readonly WeightedTerm[],
  texts: readonly string[],
  collectionFrequency: (term: string) => number,
  documentCount: number,
): WeightedTerm[] {
  const feedback = texts.slice(0, BO1.docs);
  const frequency = new Map<string, number>();
  const documents = new Map<string, number>();
  for (const text of feedback) {
    const sequence = termSequence(text);
    for (const term of sequence) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    for (const term of new Set(sequence)) documents.set(term, (documents.get(term) ?? 0) + 1);
  }
  const weights: Array<[string, number]> = [];
  for (const [term, tfx] of frequency) {
    if ((documents.get(term) ?? 0) < Math.min(BO1.minDocuments, feedback.length)) continue;
    const pn = collectionFrequency(term) / Math.max(documentCount, 1);
    if (pn > 0) weights.push([term, bo1Weight(tfx, pn)]);
  }
  const expansion = weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, BO1.terms);
  const best = expansion[0]?.[1] ?? 0;
  const original = Math.max(0, ...query.map((term) => term.weight));
  if (best <= 0 || original <= 0) return [];
  const merged = query.map((term) => ({ ...term, weight: term.weight / original }));
  for (const [term, weight] of expansion) {
    const existing = merged.find((entry) => entry.term === term);
    if (existing) existing.weight += weight / best;
    else merged.push({ term, weight: weight / best, slot: -1 });
  }
  return merged;
}
