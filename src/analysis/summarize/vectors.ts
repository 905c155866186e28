/**
 * Sparse TF-IDF sentence vectors over stemmed content words. IDF is computed over the article's own
 * sentences, so a summary depends on nothing outside the article and no corpus statistics are needed.
 */
import { stemmer } from 'stemmer';
import { eng as englishStopwords } from 'stopword';

export type SparseVector = Map<string, number>;

const STOPWORDS = new Set<string>(englishStopwords);
const WORD = /[\p{L}\p{N}]+/gu;

/** Stemming dominates the summarizer's cost and news reuses its words, so stems are remembered (bounded). */
const STEM_CACHE_LIMIT = 100_000;
const stems = new Map<string, string>();

function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    result = stemmer(word);
    stems.set(word, result);
  }
  return result;
}

/** Lowercased, stop words and single characters dropped, Porter-stemmed. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length > 1 && !STOPWORDS.has(word)) terms.push(stem(word));
  }
  return terms;
}

/** Unit-length TF-IDF vectors for the sentences, and a function to vectorise other text (a title) alike. */
export function tfidfVectors(termLists: readonly string[][]): { vectors: SparseVector[]; vectorize: (terms: readonly string[]) => SparseVector } {
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const count = termLists.length;
  // Smoothed so that a term found in every sentence keeps a small positive weight.
  const idf = (term: string) => Math.log((count + 1) / ((documentFrequency.get(term) ?? 0) + 0.5));
  const vectorize = (terms: readonly string[]): SparseVector => {
    const vector: SparseVector = new Map();
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    for (const [term, tf] of vector) vector.set(term, tf * idf(term));
    return normalize(vector);
  };
  return { vectors: termLists.map(vectorize), vectorize };
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

/** Adds `vector` into `into` in place. */
export function addInto(into: SparseVector, vector: SparseVector): void {
  for (const [term, weight] of vector) into.set(term, (into.get(term) ?? 0) + weight);
}

function normalize(vector: SparseVector): SparseVector {
  let squares = 0;
  for (const weight of vector.values()) squares += weight * weight;
  if (squares === 0) return vector;
  const length = Math.sqrt(squares);
  for (const [term, weight] of vector) vector.set(term, weight / length);
  return vector;
}
