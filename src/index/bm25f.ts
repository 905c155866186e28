/**
 * BM25F (Robertson, Zaragoza & Taylor 2004; Zaragoza et al. 2004, "simple BM25F"): per document and query
 * term, the term frequencies of all fields are length-normalised per field, weighted and summed into one
 * pseudo-frequency, which is then saturated once with k1 and multiplied by one IDF computed over documents
 * (not per field). So a term in title and body counts as one term seen more, not as two separate matches.
 *
 * The scorer is pure and reads an engine through TermStatistics, so every search engine (MiniSearch today,
 * SQLite FTS5 later) ranks with the same formula.
 */

import { dirichletLength, dirichletMatch, dph, pl2, type CollectionTerm } from './models.js';

export interface FieldStatistics {
  name: string;
  /** Multiplies this field's normalised frequency. */
  weight: number;
  averageLength: number;
  /** Length normalisation of this field; default 0.75. */
  b?: number;
}

/** One posting: a term occurs `tf` times in field `field` (an index into `fields`) of document `doc`. */
export interface Posting {
  doc: number;
  field: number;
  tf: number;
}

/** What the scorer needs of an engine. Documents are small integers the engine chooses. */
export interface TermStatistics {
  documentCount: number;
  fields: readonly FieldStatistics[];
  /** Documents that contain the term in any field. */
  documentFrequency(term: string): number;
  postings(term: string): Iterable<Posting>;
  fieldLength(doc: number, field: number): number;
}

/**
 * A weighted query term. Terms with the same `slot` are alternatives (a name and its aliases) and count as one
 * query word for coordination; a `slot` of -1 (feedback terms) does not count at all.
 */
export interface WeightedTerm {
  term: string;
  weight: number;
  slot: number;
}

/**
 * How matching more of the query's words is rewarded:
 * - none: plain BM25F sum;
 * - multiply: the sum times the share of query words matched (Lucene's classic coord, MiniSearch's OR);
 * - soft: the sum times (matched + 1) / (words + 1), half-way between the two;
 * - all-first: scores as none, but documents with every query word rank before the others (the engine sorts
 *   by Bm25fResult.slotsMatched first; the scores themselves are not changed).
 * Measured in scripts/eval-search.ts (README, "Search").
 */
export type Coordination = 'none' | 'multiply' | 'soft' | 'all-first';

export interface Bm25fParameters {
  k1?: number;
  coordination?: Coordination;
  /**
   * BM25+ (Lv & Zhai 2011, "Lower-bounding term frequency normalization"): each matched term adds IDF × delta,
   * so a long document that matches a word once is not scored as if it barely had it. 0 is plain BM25F.
   */
  delta?: number;
  /** The base model (models.ts); default BM25F. k1, delta and the fields' b apply to BM25F only. */
  model?: TermModel;
}

/**
 * The base scorer: BM25F, or one of models.ts's (DPH, PL2, Dirichlet query likelihood), which see the fields
 * folded into one document by repetition of each field `weight` times.
 */
export type TermModel = 'bm25f' | 'dph' | 'pl2' | 'dirichlet';

export const DEFAULT_K1 = 1.2;
export const DEFAULT_B = 0.75;

/** Robertson–Spärck Jones IDF, kept positive (Lucene's form): ln(1 + (N − df + 0.5) / (df + 0.5)). */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Scores of every document containing a query term, and what each matched (computed when asked). */
export interface Bm25fResult {
  /** Document → score, coordination applied. */
  scores: Map<number, number>;
  /** Query terms (alternatives included, feedback terms excluded) the document contains, in query order. */
  matched(doc: number): string[];
  /** Distinct query words (slots) the document matches. */
  slotsMatched(doc: number): number;
  /** Distinct query words in the query. */
  slotCount: number;
}

/** BM25F scores of every document that contains at least one query term. */
export function bm25fScores(
  statistics: TermStatistics,
  query: ReadonlyArray<string | WeightedTerm>,
  parameters: Bm25fParameters = {},
): Map<number, number> {
  return bm25fRank(statistics, query, parameters).scores;
}

export function bm25fRank(
  statistics: TermStatistics,
  query: ReadonlyArray<string | WeightedTerm>,
  parameters: Bm25fParameters = {},
): Bm25fResult {
  const k1 = parameters.k1 ?? DEFAULT_K1;
  const coordination = parameters.coordination ?? 'none';
  const delta = parameters.delta ?? 0;
  const model = parameters.model ?? 'bm25f';
  const seen = new Set<string>();
  const terms: WeightedTerm[] = [];
  query.forEach((entry, index) => {
    const term = typeof entry === 'string' ? { term: entry, weight: 1, slot: index } : entry;
    if (!seen.has(term.term) && term.weight > 0) terms.push(term);
    seen.add(term.term);
  });
  // Matched terms are kept as one bit per tracked term (a bit mask per document, not a list), so a common
  // word matching most of a large corpus costs one number per document.
  const tracked = terms.filter((term) => term.slot >= 0);
  const slotCount = new Set(tracked.map((term) => term.slot)).size;
  const scores = new Map<number, number>();
  const masks = new Map<number, bigint>();
  let likelihoodTerms = 0;
  for (const { term, weight, slot } of terms) {
    const df = statistics.documentFrequency(term);
    if (df === 0) continue;
    const frequencies = model === 'bm25f' ? pseudoFrequencies(statistics, term) : foldedFrequencies(statistics, term);
    const weightOf = model === 'bm25f' ? bm25Saturation(inverseDocumentFrequency(statistics.documentCount, df), k1, delta) : modelWeight(model, statistics, df, frequencies);
    const bit = slot >= 0 ? 1n << BigInt(tracked.findIndex((entry) => entry.term === term)) : 0n;
    for (const [doc, frequency] of frequencies) {
      scores.set(doc, (scores.get(doc) ?? 0) + weight * weightOf(doc, frequency));
      if (bit !== 0n) masks.set(doc, (masks.get(doc) ?? 0n) | bit);
    }
    if (model === 'dirichlet') likelihoodTerms += weight;
  }
  // Query likelihood's length part counts every query term (found in the collection), matched or not.
  if (model === 'dirichlet') {
    for (const [doc, score] of scores) scores.set(doc, score + likelihoodTerms * dirichletLength(foldedLength(statistics, doc)));
  }
  const matchedIndexes = (doc: number) => {
    const mask = masks.get(doc) ?? 0n;
    return tracked.flatMap((_, index) => ((mask >> BigInt(index)) & 1n ? [index] : []));
  };
  const slotsMatched = (doc: number) => new Set(matchedIndexes(doc).map((index) => tracked[index]!.slot)).size;
  if (coordination === 'multiply' || coordination === 'soft') {
    for (const [doc, score] of scores) scores.set(doc, coordinate(score, slotsMatched(doc), slotCount, coordination));
  }
  return { scores, matched: (doc) => matchedIndexes(doc).map((index) => tracked[index]!.term), slotsMatched, slotCount };
}

/** BM25F's per-document pseudo-frequency of a term: each field's frequency length-normalised with its b, weighted, summed. */
function pseudoFrequencies(statistics: TermStatistics, term: string): Map<number, number> {
  const pseudoFrequency = new Map<number, number>();
  for (const { doc, field, tf } of statistics.postings(term)) {
    const stats = statistics.fields[field];
    if (!stats || tf <= 0) continue;
    const b = stats.b ?? DEFAULT_B;
    const norm = 1 - b + (b * statistics.fieldLength(doc, field)) / Math.max(stats.averageLength, 1e-9);
    pseudoFrequency.set(doc, (pseudoFrequency.get(doc) ?? 0) + (stats.weight * tf) / norm);
  }
  return pseudoFrequency;
}

function bm25Saturation(idf: number, k1: number, delta: number): (doc: number, frequency: number) => number {
  return (_doc, frequency) => idf * ((frequency * (k1 + 1)) / (k1 + frequency) + delta);
}

/** A term's frequency per document with the fields folded into one: each field's count times its weight. */
function foldedFrequencies(statistics: TermStatistics, term: string): Map<number, number> {
  const frequencies = new Map<number, number>();
  for (const { doc, field, tf } of statistics.postings(term)) {
    const stats = statistics.fields[field];
    if (stats && tf > 0) frequencies.set(doc, (frequencies.get(doc) ?? 0) + stats.weight * tf);
  }
  return frequencies;
}

/** A document's length with the fields folded into one, as foldedFrequencies counts. */
function foldedLength(statistics: TermStatistics, doc: number): number {
  return statistics.fields.reduce((sum, stats, field) => sum + stats.weight * statistics.fieldLength(doc, field), 0);
}

/** The weight of one term in a document under a models.ts model; the term's collection frequency is summed here. */
function modelWeight(model: Exclude<TermModel, 'bm25f'>, statistics: TermStatistics, df: number, frequencies: ReadonlyMap<number, number>): (doc: number, frequency: number) => number {
  let collectionFrequency = 0;
  for (const frequency of frequencies.values()) collectionFrequency += frequency;
  const averageLength = statistics.fields.reduce((sum, stats) => sum + stats.weight * stats.averageLength, 0);
  const term: CollectionTerm = { documentCount: statistics.documentCount, documentFrequency: df, collectionFrequency, averageLength };
  if (model === 'dirichlet') return (_doc, frequency) => dirichletMatch(frequency, term);
  const weigh = model === 'dph' ? dph : pl2;
  return (doc, frequency) => weigh(frequency, foldedLength(statistics, doc), term);
}

function coordinate(score: number, matched: number, total: number, coordination: Coordination): number {
  if (coordination === 'multiply') return total > 0 ? (score * matched) / total : score;
  if (coordination === 'soft') return total > 0 ? (score * (matched + 1)) / (total + 1) : score;
  return score;
}
