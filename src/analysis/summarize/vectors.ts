/**
 * Sparse TF-IDF sentence vectors over stemmed content words. IDF is computed over the article's own
 * sentences, so a summary depends on nothing outside the article and no corpus statistics are needed.
 */
import { stemmer } from 'stemmer';
import { eng as englishStopwords } from 'stopword';
import { codeUnits, isLetterOrNumber } from '../wordChars.js';

const STOPWORDS = new Set<string>(englishStopwords);

/**
 * Stemming dominates the summarizer's cost and news reuses its words, so each word's term is remembered
 * ('' for a stop word or a single character). The memory is bounded without forgetting the common words: when
 * the recent generation is full it becomes the old one, and words still in use move back as they are met.
 */
const TERM_CACHE_GENERATION = 50_000;
let recentTerms = new Map<string, string>();
let olderTerms = new Map<string, string>();

function termOf(word: string): string {
  let term = recentTerms.get(word);
  if (term !== undefined) return term;
  term = olderTerms.get(word) ?? (word.length > 1 && !STOPWORDS.has(word) ? stemmer(word) : '');
  if (recentTerms.size >= TERM_CACHE_GENERATION) {
    olderTerms = recentTerms;
    recentTerms = new Map();
  }
  recentTerms.set(word, term);
  return term;
}

/** Lowercased, stop words and single characters dropped, Porter-stemmed; words are runs of letters and digits. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  while (at < lower.length) {
    const codePoint = lower.codePointAt(at)!;
    if (!isLetterOrNumber(codePoint)) {
      at += codeUnits(codePoint);
      continue;
    }
    const start = at;
    do at += codeUnits(lower.codePointAt(at)!);
    while (at < lower.length && isLetterOrNumber(lower.codePointAt(at)!));
    const term = termOf(lower.slice(start, at));
    if (term !== '') terms.push(term);
  }
  return terms;
}

/** A unit-length sparse vector: term ids in increasing order and their weights. */
export interface TermVector {
  ids: Uint32Array;
  weights: Float64Array;
}

export interface ArticleVectors {
  vectors: TermVector[];
  /** How many distinct terms the article has: ids are below this. */
  vocabularySize: number;
  /** Vectorises other text (a title) with the article's term ids and weights. */
  vectorize: (terms: readonly string[]) => TermVector;
}

/** Unit-length TF-IDF vectors for the sentences, with terms numbered per article so vectors are small arrays. */
export function tfidfVectors(termLists: readonly string[][]): ArticleVectors {
  const termIds = new Map<string, number>();
  const idLists = termLists.map((terms) =>
    terms.map((term) => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      return id;
    }),
  );
  const documentFrequency = new Uint32Array(termIds.size);
  const counted = idLists.map(countIds);
  for (const { ids } of counted) for (const id of ids) documentFrequency[id]!++;
  const count = termLists.length;
  // Smoothed so that a term found in every sentence keeps a small positive weight.
  const idf = (frequency: number) => Math.log((count + 1) / (frequency + 0.5));
  const weigh = ({ ids, tf }: CountedIds, unknownTerms: number) => {
    const weights = Float64Array.from(ids, (id, k) => tf[k]! * idf(documentFrequency[id]!));
    // Terms the article lacks cannot match anything, but they still count in the vector's length.
    const unknownWeight = unknownTerms * idf(0);
    return normalize({ ids, weights }, unknownWeight * unknownWeight);
  };
  const vectorize = (terms: readonly string[]): TermVector => {
    const known = terms.map((term) => termIds.get(term)).filter((id) => id !== undefined);
    const unknown = new Set(terms.filter((term) => !termIds.has(term))).size;
    return weigh(countIds(known), unknown);
  };
  return { vectors: counted.map((ids) => weigh(ids, 0)), vocabularySize: termIds.size, vectorize };
}

interface CountedIds {
  ids: Uint32Array;
  tf: Uint32Array;
}

/** Distinct ids in increasing order with how often each occurs. */
function countIds(list: readonly number[]): CountedIds {
  const sorted = Uint32Array.from(list).sort();
  const ids: number[] = [];
  const tf: number[] = [];
  for (const id of sorted) {
    if (ids.length > 0 && ids[ids.length - 1] === id) tf[tf.length - 1]!++;
    else {
      ids.push(id);
      tf.push(1);
    }
  }
  return { ids: Uint32Array.from(ids), tf: Uint32Array.from(tf) };
}

export function dot(a: TermVector, b: TermVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const left = a.ids[i]!;
    const right = b.ids[j]!;
    if (left === right) sum += a.weights[i++]! * b.weights[j++]!;
    else if (left < right) i++;
    else j++;
  }
  return sum;
}

/** Dot product with a dense vector indexed by term id. */
export function dotDense(vector: TermVector, dense: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < vector.ids.length; k++) sum += vector.weights[k]! * dense[vector.ids[k]!]!;
  return sum;
}

/** Adds `vector` into the dense vector `into`, in place. */
export function addInto(into: Float64Array, vector: TermVector): void {
  for (let k = 0; k < vector.ids.length; k++) into[vector.ids[k]!]! += vector.weights[k]!;
}

function normalize(vector: TermVector, extraSquares: number): TermVector {
  let squares = extraSquares;
  for (const weight of vector.weights) squares += weight * weight;
  if (squares === 0) return vector;
  const length = Math.sqrt(squares);
  for (let k = 0; k < vector.weights.length; k++) vector.weights[k]! /= length;
  return vector;
}
