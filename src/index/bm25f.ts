/**
 * BM25F (Robertson, Zaragoza & Taylor 2004; Zaragoza et al. 2004, "simple BM25F"): per document and query
 * term, the term frequencies of all fields are length-normalised per field, weighted and summed into one
 * pseudo-frequency, which is then saturated once with k1 and multiplied by one IDF computed over documents
 * (not per field). So a term in title and body counts as one term seen more, not as two separate matches.
 *
 * The scorer is pure and reads an engine through TermStatistics, so every search engine (MiniSearch today,
 * SQLite FTS5 later) ranks with the same formula.
 */

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
 * - soft: the sum times (matched + 1) / (words + 1), half-way between the two.
 * Measured in scripts/eval-search.ts (README, "Search").
 */
export type Coordination = 'none' | 'multiply' | 'soft';

export interface Bm25fParameters {
  k1?: number;
  coordination?: Coordination;
}

export const DEFAULT_K1 = 1.2;
export const DEFAULT_B = 0.75;

/** Robertson–Spärck Jones IDF, kept positive (Lucene's form): ln(1 + (N − df + 0.5) / (df + 0.5)). */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export interface ScoredDocument {
  score: number;
  /** Query terms (alternatives included, feedback terms excluded) the document contains. */
  matched: string[];
}

/** BM25F scores of every document that contains at least one query term. */
export function bm25fScores(
  statistics: TermStatistics,
  query: ReadonlyArray<string | WeightedTerm>,
  parameters: Bm25fParameters = {},
): Map<number, number> {
  const scored = bm25fScoreDocuments(statistics, query, parameters);
  return new Map([...scored].map(([doc, result]) => [doc, result.score]));
}

export function bm25fScoreDocuments(
  statistics: TermStatistics,
  query: ReadonlyArray<string | WeightedTerm>,
  parameters: Bm25fParameters = {},
): Map<number, ScoredDocument> {
  const k1 = parameters.k1 ?? DEFAULT_K1;
  const coordination = parameters.coordination ?? 'none';
  const terms = query.map((entry, index) => (typeof entry === 'string' ? { term: entry, weight: 1, slot: index } : entry));
  const slots = new Set(terms.filter((term) => term.slot >= 0).map((term) => term.slot));
  const sums = new Map<number, { score: number; matched: string[]; slots: Set<number> }>();
  const seen = new Set<string>();
  for (const { term, weight, slot } of terms) {
    if (seen.has(term) || weight <= 0) continue;
    seen.add(term);
    const df = statistics.documentFrequency(term);
    if (df === 0) continue;
    const idf = inverseDocumentFrequency(statistics.documentCount, df);
    const pseudoFrequency = new Map<number, number>();
    for (const { doc, field, tf } of statistics.postings(term)) {
      const stats = statistics.fields[field];
      if (!stats || tf <= 0) continue;
      const b = stats.b ?? DEFAULT_B;
      const norm = 1 - b + (b * statistics.fieldLength(doc, field)) / Math.max(stats.averageLength, 1e-9);
      pseudoFrequency.set(doc, (pseudoFrequency.get(doc) ?? 0) + (stats.weight * tf) / norm);
    }
    for (const [doc, frequency] of pseudoFrequency) {
      let entry = sums.get(doc);
      if (!entry) sums.set(doc, (entry = { score: 0, matched: [], slots: new Set() }));
      entry.score += (weight * idf * frequency * (k1 + 1)) / (k1 + frequency);
      if (slot >= 0) {
        entry.matched.push(term);
        entry.slots.add(slot);
      }
    }
  }
  const results = new Map<number, ScoredDocument>();
  for (const [doc, entry] of sums) {
    results.set(doc, { score: coordinate(entry.score, entry.slots.size, slots.size, coordination), matched: entry.matched });
  }
  return results;
}

function coordinate(score: number, matched: number, total: number, coordination: Coordination): number {
  if (coordination === 'multiply') return total > 0 ? (score * matched) / total : score;
  if (coordination === 'soft') return total > 0 ? (score * (matched + 1)) / (total + 1) : score;
  return score;
}
