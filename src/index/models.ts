/**
 * Term weighting models other than BM25F, as alternatives of the base scorer (bm25f.ts's `model`), each with the
 * parameters its authors or the standard toolkit give, so comparing them tunes nothing to a test set:
 * - DPH (Amati 2006, "Frequentist and Bayesian approach to information retrieval"; Terrier's default model): a
 *   parameter-free divergence-from-randomness model, hypergeometric with Popper's normalisation;
 * - PL2 (Amati & van Rijsbergen 2002): Poisson randomness, Laplace after-effect, normalisation 2 with c = 1
 *   (Terrier's default c);
 * - query likelihood with Dirichlet smoothing (Zhai & Lafferty 2001), mu = 2000 (their recommended value).
 *
 * These models know one field per document: the engine's fields are folded into one by repetition (a field of
 * weight w counts its terms w times in the frequency and in the length; Robertson, Zaragoza & Taylor 2004), so
 * a title weight of 1 is the plain one-field document Terrier and Indri index.
 *
 * Logarithms are base 2 as in Terrier (a constant factor for DPH and PL2; Dirichlet uses ln, as Indri).
 */

/** What a model knows of a term in the collection. */
export interface CollectionTerm {
  documentCount: number;
  /** Documents containing the term. */
  documentFrequency: number;
  /** Occurrences of the term in the collection (Terrier's "term frequency", F). */
  collectionFrequency: number;
  /** Mean document length in terms. */
  averageLength: number;
}

/** Mu of Dirichlet smoothing: Zhai & Lafferty 2001's recommended value, also Indri's and Terrier's default. */
export const DIRICHLET_MU = 2000;
/** c of PL2's normalisation 2: Terrier's default. */
export const PL2_C = 1;

const log2 = (value: number) => Math.log(value) / Math.LN2;

/**
 * DPH's weight of a term occurring `tf` times in a document of `length` terms (Terrier's DPH.score). No
 * parameter. A document made only of the term (f = 1) gets 0, where the formula's logarithm would be −∞ × 0.
 */
export function dph(tf: number, length: number, term: CollectionTerm): number {
  if (tf <= 0 || length <= 0) return 0;
  const f = tf / length;
  if (f >= 1) return 0;
  const norm = ((1 - f) * (1 - f)) / (tf + 1);
  const informative = tf * log2(((tf * term.averageLength) / length) * (term.documentCount / term.collectionFrequency));
  return norm * (informative + 0.5 * log2(2 * Math.PI * tf * (1 - f)));
}

/** PL2's weight of a term occurring `tf` times in a document of `length` terms (Terrier's PL2.score), c = PL2_C. */
export function pl2(tf: number, length: number, term: CollectionTerm, c = PL2_C): number {
  if (tf <= 0 || length <= 0) return 0;
  const normalised = tf * log2(1 + (c * term.averageLength) / length);
  const mean = term.collectionFrequency / term.documentCount;
  const randomness =
    normalised * log2(1 / mean) + mean / Math.LN2 + 0.5 * log2(2 * Math.PI * normalised) + normalised * (log2(normalised) - 1 / Math.LN2);
  return randomness / (normalised + 1);
}

/**
 * The part of a Dirichlet-smoothed query likelihood that depends on the term's matches: ln(1 + tf / (mu × P(t|C))).
 * The rest, ln(mu / (length + mu)) per query term, is dirichletLength; together they rank as the full
 * log-likelihood Σ ln((tf + mu P(t|C)) / (length + mu)) does, over documents that match any query term.
 */
export function dirichletMatch(tf: number, term: CollectionTerm, mu = DIRICHLET_MU): number {
  if (tf <= 0) return 0;
  const collectionLength = Math.max(term.averageLength * term.documentCount, 1);
  return Math.log(1 + tf / ((mu * term.collectionFrequency) / collectionLength));
}

/** The length part of a Dirichlet query likelihood, counted once per query term (see dirichletMatch). */
export function dirichletLength(length: number, mu = DIRICHLET_MU): number {
  return Math.log(mu / (length + mu));
}
