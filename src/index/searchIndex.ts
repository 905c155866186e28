/**
 * Full-text search over articles: a MiniSearch index on title and body, with the shared tokenizer (stop words,
 * Porter stems). MiniSearch stores the postings; ranking is BM25F (src/index/bm25f.ts) over those postings,
 * with textbook parameters: k1 1.2, b 0.75 on the body and 0.5 on the (short) title, title weight 2. A title the parser derived from
 * the first sentence is not a title: it is left out of the title field (its words are in the body already),
 * so one incidental word of a lead sentence does not win a 2× boost on a three-word field.
 *
 * Coordination (a reward for matching more of the query's words) is "none": BM25F's saturated sum already
 * favours articles with more of the words, and both multiplying by the share matched (MiniSearch's OR) and
 * a softer (matched + 1) / (words + 1) measured lower on Cranfield and on the news set (README, "Search").
 * Field lengths are counts of indexed terms, stored per article (MiniSearch's own count distinct terms).
 *
 * Query syntax (src/index/query.ts): phrases rank first once verified in the article text, exclusions drop
 * articles, `match: 'all'` requires every word. Phrase checks read article text through `textOf`, and only for
 * the best PHRASE_CHECKS candidates, so a common phrase costs a bounded number of text scans.
 *
 * Typos: a query word of 4 letters or more that no article contains is matched to the indexed terms within
 * one edit (two from 8 letters), a swap of neighbouring letters counting as one; known words are never fuzzy.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { Article } from '../corpus/article.js';
import { PROXIMITY_CANDIDATES, proximityTerms, withProximity } from './proximity.js';
import { dependencePairs, withDependence } from './dependence.js';
import { BO1, bo1Expansion } from './expansion.js';
import { bm25fRank, inverseDocumentFrequency, type Bm25fResult, type Coordination, type Posting, type TermModel, type TermStatistics, type WeightedTerm } from './bm25f.js';
import { containsPhrase, parseQuery, scoredTerms, termSequence, type ParsedQuery } from './query.js';
import type { SearchAlias, SearchHit, SearchOptions } from './types.js';
import { normalizeTerm, tokenize } from './tokenize.js';
import { compareDatesNewestFirst } from './suggest.js';

/** What the index sees of an article. */
export interface IndexDocument {
  id: string;
  /** Empty when the parser derived the title from the first sentence. */
  title: string;
  body: string;
  date: string | null;
  source?: string | null;
  /** Indexed terms (stop words left out, repeats counted) in title and body: the BM25F field lengths. */
  lengths?: [number, number];
}

/** Bump when tokenisation, fields or stored fields change: persisted indexes of other versions are rebuilt. */
export const INDEX_FORMAT_VERSION = 2;

/** The index document of an article: a derived title is body text, not a title. */
export function indexDocumentOf(article: Pick<Article, 'id' | 'title' | 'titleDerived' | 'date' | 'source'>, body: string): IndexDocument {
  const title = article.titleDerived ? '' : article.title;
  return { id: article.id, title, body, date: article.date, source: article.source, lengths: [termCount(title), termCount(body)] };
}

function termCount(text: string): number {
  let count = 0;
  for (const token of tokenize(text)) if (normalizeTerm(token) !== null) count += 1;
  return count;
}

/** Ranking settings; exported so the evaluation script can compare alternatives on the same code path. */
export interface RankingSettings {
  titleWeight: number;
  k1: number;
  b: number;
  /** The title's length normalisation, when it differs from the body's `b`. */
  titleB?: number;
  /** BM25+'s lower bound per matched term (bm25f.ts); 0 is plain BM25F. */
  delta?: number;
  coordination: Coordination;
  /** Re-score the head of the ranking with term proximity (proximity.ts). */
  proximity: boolean;
  /** RM3's settings, when feedback is asked for. */
  feedback?: Partial<FeedbackSettings>;
  /** The base scorer (bm25f.ts's TermModel); default BM25F. */
  model?: TermModel;
  /** What re-scores the head with word positions when `proximity` is on: BM25TP (proximity.ts, default) or SDM (dependence.ts). */
  dependence?: 'bm25tp' | 'sdm';
  /**
   * A word repeated in the query counts more: 'linear' weighs it by its count, 'k3' by BM25's query-term
   * saturation (k3 + 1) qtf / (k3 + qtf) with k3 = 8 (Robertson et al., Okapi at TREC-3); default 'none'.
   */
  queryTermFrequency?: 'none' | 'linear' | 'k3';
  /** Leave QUESTION_WORDS out of the query (when other words remain). */
  questionWords?: boolean;
  /** Bo1 query expansion (expansion.ts; Terrier's default: 3 documents, 10 terms); default off. */
  expansion?: 'bo1';
}

/**
 * Question words of standard English stop lists (NLTK's, SMART's) that the project's list (stopword's) indexes:
 * "what", "which", "who", "where" and "how" are stop words already.
 */
export const QUESTION_WORDS = ['why', 'when', 'whom'] as const;
/** BM25's k3 (query-term saturation), Robertson et al.'s usual value. */
const K3 = 8;

// b 0.5 on the title: a short field's length says less about its focus (BM25F as Robertson & Zaragoza describe it,
// per-field b; measured on Cranfield and the news set, README "Search").
export const DEFAULT_RANKING: RankingSettings = { titleWeight: 2, k1: 1.2, b: 0.75, titleB: 0.5, coordination: 'none', proximity: true };

const processTerm = (token: string): string | undefined => normalizeTerm(token) ?? undefined;

export const MINISEARCH_OPTIONS: Options<IndexDocument> = {
  idField: 'id',
  fields: ['title', 'body'],
  storeFields: ['date', 'source', 'lengths'],
  tokenize,
  processTerm,
  // Vacuuming walks every term; batches keep each step short, and the catalog also vacuums before saving.
  autoVacuum: { batchSize: 500, batchWait: 1, minDirtCount: 20, minDirtFactor: 0.1 },
};

export interface IndexSearchOptions extends SearchOptions {
  ranking?: Partial<RankingSettings>;
  /** The text of an article (title and body), for phrase checks and feedback; without it phrases are not verified. */
  textOf?: (id: string) => string | undefined;
}

/** Shortest typed word that may be matched within an edit distance. */
const FUZZY_MIN_LENGTH = 4;
/** From this length two edits are allowed. */
const FUZZY_TWO_EDITS_LENGTH = 8;
/** A fuzzy match counts less than the word typed. */
const FUZZY_WEIGHT = 0.7;
/** A pasted paragraph is still a query, but only its first terms are looked up. */
const MAX_QUERY_TERMS = 64;
/** Candidates whose text is read to verify phrases (or exclusions of phrases), best first. */
export const PHRASE_CHECKS = 200;
/** RM3 pseudo-relevance feedback: documents, expansion terms, weight of the original query. */
export interface FeedbackSettings {
  docs: number;
  terms: number;
  originalWeight: number;
  /** Feedback only from top documents that match every query word (none such: no feedback). */
  completeOnly?: boolean;
}
const DEFAULT_FEEDBACK: FeedbackSettings = { docs: 10, terms: 10, originalWeight: 0.5 };

/** Recent results kept for repeated queries (pages of one answer, autocomplete, many users asking at once). */
const CACHED_QUERIES = 100;

/** MiniSearch's internals that ranking reads: the same structures its own search walks. */
interface MiniSearchInternals {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    has(term: string): boolean;
    fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
  };
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, { date?: string | null; source?: string | null; lengths?: [number, number] } | undefined>;
}

/** Shortest last word of a title suggestion that is expanded as a prefix (see TitleSuggester for shorter ones). */
export const TITLE_PREFIX_MIN_LENGTH = 3;

export class SearchIndex {
  /** Query key → hits; emptied whenever a document changes. */
  private readonly cache = new Map<string, SearchHit[]>();
  /** Average field lengths in terms, computed when first needed after a change. */
  private averageLengths: [number, number] | null = null;
  /** Collection frequencies of terms Bo1 looked up, emptied whenever a document changes. */
  private readonly collectionFrequencies = new Map<string, number>();

  constructor(readonly mini: MiniSearch<IndexDocument> = new MiniSearch(MINISEARCH_OPTIONS)) {}

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  /** Adds or replaces a document. */
  put(document: IndexDocument): void {
    this.cache.clear();
    this.averageLengths = null;
    this.collectionFrequencies.clear();
    if (this.mini.has(document.id)) this.mini.discard(document.id);
    this.mini.add(document);
  }

  remove(id: string): void {
    this.cache.clear();
    this.averageLengths = null;
    this.collectionFrequencies.clear();
    if (this.mini.has(id)) this.mini.discard(id);
  }

  /** Cleans up discarded documents, in batches. Resolves when the index holds no stale references. */
  async vacuum(): Promise<void> {
    if (this.mini.dirtCount > 0 || this.mini.isVacuuming) await this.mini.vacuum({ batchSize: 500, batchWait: 1 });
  }

  private get internals(): MiniSearchInternals {
    return this.mini as unknown as MiniSearchInternals;
  }

  /** Ranked hits for a query in the syntax of src/index/query.ts. */
  search(query: string, options: IndexSearchOptions = {}): SearchHit[] {
    const parsed = parseQuery(query);
    const { textOf: _textOf, ...keyed } = options;
    const counts = repeatedTerms(query);
    const key = JSON.stringify([parsed, keyed, [...counts]]);
    let hits = this.cache.get(key);
    if (hits) {
      this.cache.delete(key); // most recently used goes last
    } else {
      hits = this.rank(parsed, options, counts);
      if (this.cache.size >= CACHED_QUERIES) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, hits);
    return hits.map((hit) => ({ ...hit, terms: [...hit.terms] }));
  }

  /** Articles that contain the (normalised) term in any field. */
  documentFrequency(term: string): number {
    return this.liveDocuments(term).size;
  }

  /**
   * The indexed term closest to a normalised term that no article contains: within one edit (two from 8
   * letters), a swap counting as one; the most frequent wins. Null when the term is known or nothing is near.
   */
  nearestTerm(term: string): string | null {
    if (term.length < FUZZY_MIN_LENGTH || this.internals._index.has(term)) return null;
    let best: { term: string; distance: number; df: number } | null = null;
    for (const candidate of this.fuzzyTerms(term)) {
      const df = this.documentFrequency(candidate.term);
      if (df === 0) continue;
      if (!best || candidate.distance < best.distance || (candidate.distance === best.distance && df > best.df)) {
        best = { ...candidate, df };
      }
    }
    return best?.term ?? null;
  }

  /** Ids of articles whose title matches the words typed so far: the last word may be unfinished or misspelt. */
  suggestTitles(text: string, limit: number): string[] {
    const tokens = tokenize(text);
    if (tokens.length === 0) return [];
    const results = this.mini.search(text, {
      fields: ['title'],
      combineWith: 'AND',
      // An unfinished last word of one or two letters would expand to thousands of indexed words.
      prefix: (term, index, all) => index === all.length - 1 && term.length >= TITLE_PREFIX_MIN_LENGTH,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      weights: { fuzzy: 0.3, prefix: 0.6 },
    });
    return results.slice(0, limit).map((result) => String(result.id));
  }

  /** Indexed terms within the allowed edits of `term`, swaps of neighbours counting as one edit. */
  private fuzzyTerms(term: string): Array<{ term: string; distance: number }> {
    const allowed = term.length >= FUZZY_TWO_EDITS_LENGTH ? 2 : 1;
    // MiniSearch's fuzzy lookup counts a swap as two edits: ask one more, then measure properly.
    const found: Array<{ term: string; distance: number }> = [];
    for (const candidate of this.internals._index.fuzzyGet(term, allowed + 1).keys()) {
      const distance = editDistance(term, candidate);
      if (candidate !== term && distance <= allowed) found.push({ term: candidate, distance });
    }
    return found;
  }

  private liveDocuments(term: string): Set<number> {
    const docs = new Set<number>();
    const fields = this.internals._index.get(term);
    if (!fields) return docs;
    const live = this.internals._documentIds;
    for (const postings of fields.values()) for (const doc of postings.keys()) if (live.has(doc)) docs.add(doc);
    return docs;
  }

  /** Term counts of a document's fields; documents indexed without them fall back to distinct terms. */
  private lengthsOf(doc: number): [number, number] {
    const mini = this.internals;
    const stored = mini._storedFields.get(doc)?.lengths;
    if (stored) return stored;
    const distinct = mini._fieldLength.get(doc);
    return [distinct?.[mini._fieldIds.title!] ?? 0, distinct?.[mini._fieldIds.body!] ?? 0];
  }

  private averages(): [number, number] {
    if (this.averageLengths) return this.averageLengths;
    let title = 0;
    let body = 0;
    for (const doc of this.internals._documentIds.keys()) {
      const [titleLength, bodyLength] = this.lengthsOf(doc);
      title += titleLength;
      body += bodyLength;
    }
    const count = Math.max(1, this.internals._documentIds.size);
    this.averageLengths = [title / count, body / count];
    return this.averageLengths;
  }

  /** The postings of this index as the scorer reads them. */
  private statistics(ranking: RankingSettings): TermStatistics {
    const mini = this.internals;
    const averages = this.averages();
    const fieldIds = [mini._fieldIds.title!, mini._fieldIds.body!];
    const weights = [ranking.titleWeight, 1];
    return {
      documentCount: this.mini.documentCount,
      fields: fieldIds.map((fieldId, index) => ({
        name: index === 0 ? 'title' : 'body',
        weight: weights[index]!,
        averageLength: averages[index]!,
        b: index === 0 ? (ranking.titleB ?? ranking.b) : ranking.b,
      })),
      documentFrequency: (term) => this.documentFrequency(term),
      postings: function* (term): Iterable<Posting> {
        const byField = mini._index.get(term);
        if (!byField) return;
        for (let field = 0; field < fieldIds.length; field++) {
          const postings = byField.get(fieldIds[field]!);
          if (!postings) continue;
          for (const [doc, tf] of postings) if (mini._documentIds.has(doc)) yield { doc, field, tf };
        }
      },
      fieldLength: (doc, field) => this.lengthsOf(doc)[field]!,
    };
  }

  private rank(parsed: ParsedQuery, options: IndexSearchOptions, counts: ReadonlyMap<string, number>): SearchHit[] {
    const ranking = { ...DEFAULT_RANKING, ...options.ranking };
    const statistics = this.statistics(ranking);
    const query = queryWeights(this.weightedTerms(parsed, options.aliases ?? [], ranking.questionWords ?? false), counts, ranking.queryTermFrequency ?? 'none');
    if (query.length === 0) return [];
    const parameters = { k1: ranking.k1, coordination: ranking.coordination, delta: ranking.delta ?? 0, model: ranking.model ?? 'bm25f' };
    let result = bm25fRank(statistics, query, parameters);
    if (options.feedback && options.textOf) {
      const feedback = { ...DEFAULT_FEEDBACK, ...ranking.feedback };
      const first = result;
      const scores = feedback.completeOnly ? new Map([...first.scores].filter(([doc]) => first.slotsMatched(doc) === first.slotCount)) : first.scores;
      const expanded = this.feedbackTerms(query, scores, options.textOf, feedback);
      if (expanded.length > 0) result = bm25fRank(statistics, expanded, parameters);
    } else if (ranking.expansion === 'bo1' && options.textOf) {
      const expanded = this.bo1Terms(query, result.scores, options.textOf);
      if (expanded.length > 0) result = bm25fRank(statistics, expanded, parameters);
    }

    const excluded = new Set<number>();
    for (const term of parsed.excludedTerms) for (const doc of this.liveDocuments(term)) excluded.add(doc);
    const keep = this.metadataFilter(options);
    let candidates: Candidate[] = [];
    for (const [doc, score] of result.scores) {
      if (excluded.has(doc) || !keep(doc)) continue;
      if (options.match === 'all' && result.slotsMatched(doc) !== result.slotCount) continue;
      candidates.push({ doc, score, phrase: false, complete: false });
    }
    const limit = Math.max(0, Math.floor(options.limit ?? 10) || 0);
    const allFirst = ranking.coordination === 'all-first';
    for (const candidate of candidates) candidate.complete = allFirst && result.slotsMatched(candidate.doc) === result.slotCount;
    const byScore = (a: Candidate, b: Candidate) => Number(b.complete) - Number(a.complete) || b.score - a.score || a.doc - b.doc;
    const needsAll = parsed.phrases.length > 0 || parsed.excludedPhrases.length > 0 || options.sort === 'newest';
    const reorder = ranking.proximity && !allFirst && options.sort !== 'newest' && options.textOf ? this.reorderer(query, ranking.dependence ?? 'bm25tp', options.textOf) : null;
    const head = reorder ? Math.max(limit, PROXIMITY_CANDIDATES) : limit;
    candidates = needsAll ? candidates.sort(byScore) : bestFirst(candidates, head, byScore);
    if (reorder) candidates = reorder(candidates);

    if (parsed.phrases.length > 0 || parsed.excludedPhrases.length > 0) candidates = this.applyPhrases(candidates, parsed, options);
    if (options.sort === 'newest') candidates = this.newestFirst(candidates, result);

    const ids = this.internals._documentIds;
    return candidates.slice(0, limit).map((candidate) => ({
      id: ids.get(candidate.doc)!,
      score: candidate.score,
      terms: result.matched(candidate.doc),
    }));
  }

  /** The head's re-scoring by word positions (BM25TP or SDM); null when the query has no pair of words. */
  private reorderer(query: readonly WeightedTerm[], dependence: 'bm25tp' | 'sdm', textOf: (id: string) => string | undefined): ((candidates: Candidate[]) => Candidate[]) | null {
    const idfOf = (term: string) => inverseDocumentFrequency(this.mini.documentCount, this.documentFrequency(term));
    const [title, body] = this.averages();
    const ids = this.internals._documentIds;
    const text = (candidate: Candidate) => textOf(ids.get(candidate.doc)!);
    if (dependence === 'sdm') {
      const pairs = dependencePairs(query, idfOf);
      return pairs ? (candidates) => withDependence(candidates, pairs, text, title + body) : null;
    }
    const terms = proximityTerms(query, idfOf);
    return terms ? (candidates) => withProximity(candidates, terms, text, title + body) : null;
  }

  /** Occurrences of a term in the collection (all fields, unweighted), cached until the index changes. */
  private collectionFrequency(term: string): number {
    const known = this.collectionFrequencies.get(term);
    if (known !== undefined) return known;
    let total = 0;
    const live = this.internals._documentIds;
    for (const postings of this.internals._index.get(term)?.values() ?? []) for (const [doc, tf] of postings) if (live.has(doc)) total += tf;
    this.collectionFrequencies.set(term, total);
    return total;
  }

  /** Bo1 expansion (expansion.ts) from the first ranking's best documents. */
  private bo1Terms(query: readonly WeightedTerm[], scores: ReadonlyMap<number, number>, textOf: (id: string) => string | undefined): WeightedTerm[] {
    const top = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, BO1.docs);
    const texts = top.map(([doc]) => textOf(this.internals._documentIds.get(doc)!) ?? '');
    return bo1Expansion(query, texts, (term) => this.collectionFrequency(term), this.mini.documentCount);
  }

  /** Query words, phrase words, fuzzy replacements of unknown words and aliases, with their coordination slots. */
  private weightedTerms(parsed: ParsedQuery, aliases: readonly SearchAlias[], dropQuestionWords: boolean): WeightedTerm[] {
    const all = scoredTerms(parsed).slice(0, MAX_QUERY_TERMS);
    const questions = new Set<string>(QUESTION_WORDS.map((word) => normalizeTerm(word) ?? word));
    const asked = dropQuestionWords ? all.filter((term) => !questions.has(term)) : all;
    const terms = asked.length > 0 ? asked : all;
    const weighted: WeightedTerm[] = terms.map((term, slot) => ({ term, weight: 1, slot }));
    for (const [slot, term] of terms.entries()) {
      if (term.length < FUZZY_MIN_LENGTH || this.internals._index.has(term)) continue;
      for (const near of this.fuzzyTerms(term)) weighted.push({ term: near.term, weight: FUZZY_WEIGHT / near.distance, slot });
    }
    // A person's name and the aliases the people directory knows are one query word, whichever is written.
    for (const alias of aliases) {
      const nameTerms = termSequence(alias.name).filter((term) => terms.includes(term));
      if (nameTerms.length === 0) continue;
      const slot = terms.indexOf(nameTerms[0]!);
      for (const entry of weighted) if (nameTerms.includes(entry.term)) entry.slot = slot;
      for (const alternative of alias.alternatives) {
        for (const term of termSequence(alternative)) {
          if (!weighted.some((entry) => entry.term === term)) weighted.push({ term, weight: 1, slot });
        }
      }
    }
    return weighted;
  }

  /**
   * RM3 (Abdul-Jaleel et al. 2004): the best `docs` documents vote for their most frequent terms,
   * weighted by document score; the `terms` best are added to the query, which keeps `originalWeight` of
   * the total weight. Feedback terms do not count for coordination.
   */
  private feedbackTerms(
    query: readonly WeightedTerm[],
    scores: ReadonlyMap<number, number>,
    textOf: (id: string) => string | undefined,
    feedback: FeedbackSettings,
  ): WeightedTerm[] {
    const top = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, feedback.docs);
    const total = top.reduce((sum, [, score]) => sum + score, 0);
    if (top.length === 0 || total <= 0) return [];
    const votes = new Map<string, number>();
    for (const [doc, score] of top) {
      const text = textOf(this.internals._documentIds.get(doc)!);
      if (!text) continue;
      const sequence = termSequence(text);
      const counts = new Map<string, number>();
      for (const term of sequence) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) votes.set(term, (votes.get(term) ?? 0) + (count / sequence.length) * (score / total));
    }
    const expansion = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, feedback.terms);
    const voteSum = expansion.reduce((sum, [, vote]) => sum + vote, 0);
    const originalSum = query.reduce((sum, term) => sum + term.weight, 0);
    if (voteSum <= 0 || originalSum <= 0) return [];
    const merged = query.map((term) => ({ ...term, weight: (feedback.originalWeight * term.weight) / originalSum }));
    for (const [term, vote] of expansion) {
      const weight = ((1 - feedback.originalWeight) * vote) / voteSum;
      const existing = merged.find((entry) => entry.term === term);
      if (existing) existing.weight += weight;
      else merged.push({ term, weight, slot: -1 });
    }
    return merged;
  }

  /** Date range, source and `within`, read from the stored fields; undated articles fall outside any date range. */
  private metadataFilter(options: SearchOptions): (doc: number) => boolean {
    const { from, to, within } = options;
    const source = options.source?.trim().toLowerCase() || null;
    const ids = this.internals._documentIds;
    if (!from && !to && !source) return within ? (doc) => within.has(ids.get(doc) ?? '') : () => true;
    const stored = this.internals._storedFields;
    return (doc) => {
      if (within && !within.has(ids.get(doc) ?? '')) return false;
      const fields = stored.get(doc);
      const date = fields?.date ?? null;
      if ((from || to) && (date === null || (from && date < from) || (to && date > to))) return false;
      return source === null || (fields?.source ?? '').trim().toLowerCase() === source;
    };
  }

  /**
   * Verified phrase matches first (by score), then the rest; articles containing an excluded phrase are
   * dropped. Only the best PHRASE_CHECKS candidates are read (all of them with match 'all'); below them order
   * and membership stay as scored (an excluded phrase that far down may remain).
   */
  private applyPhrases(candidates: Candidate[], parsed: ParsedQuery, options: IndexSearchOptions): Candidate[] {
    const textOf = options.textOf;
    if (!textOf) return candidates;
    const ids = this.internals._documentIds;
    // A required phrase (match 'all', as digest filters ask) is checked in every candidate: membership matters.
    const bound = options.match === 'all' ? candidates.length : PHRASE_CHECKS;
    const checked = candidates.slice(0, bound);
    const kept: Candidate[] = [];
    for (const candidate of checked) {
      // Paragraph by paragraph: a phrase does not run from the title into the body, or across paragraphs.
      const paragraphs = (textOf(ids.get(candidate.doc)!) ?? '').split(/\n\s*\n/).map(termSequence);
      const found = (phrase: readonly string[]) => paragraphs.some((sequence) => containsPhrase(sequence, phrase));
      if (parsed.excludedPhrases.some(found)) continue;
      candidate.phrase = parsed.phrases.length > 0 && parsed.phrases.every(found);
      if (options.match === 'all' && parsed.phrases.length > 0 && !candidate.phrase) continue;
      kept.push(candidate);
    }
    const phraseFirst = [...kept.filter((candidate) => candidate.phrase), ...kept.filter((candidate) => !candidate.phrase)];
    const rest = candidates.slice(bound);
    return [...phraseFirst, ...rest];
  }

  /** By date, newest first (undated last), among the candidates that match every query word (if any do). */
  private newestFirst(candidates: Candidate[], result: Bm25fResult): Candidate[] {
    const full = candidates.filter((candidate) => result.slotsMatched(candidate.doc) === result.slotCount);
    const pool = full.length > 0 ? full : candidates;
    const stored = this.internals._storedFields;
    const dateOf = (doc: number) => stored.get(doc)?.date ?? null;
    return [...pool].sort((a, b) => compareDatesNewestFirst(dateOf(a.doc), dateOf(b.doc)) || b.score - a.score);
  }
}

/** Terms the raw query repeats, with their counts (words outside and inside quotes alike). */
function repeatedTerms(query: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of termSequence(query)) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const [term, count] of counts) if (count < 2) counts.delete(term);
  return counts;
}

/** The query's terms weighted by how often the query repeats them (RankingSettings.queryTermFrequency). */
export function queryWeights(terms: WeightedTerm[], counts: ReadonlyMap<string, number>, mode: 'none' | 'linear' | 'k3'): WeightedTerm[] {
  if (mode === 'none' || counts.size === 0) return terms;
  const factor = (count: number) => (mode === 'linear' ? count : ((K3 + 1) * count) / (K3 + count));
  return terms.map((term) => ({ ...term, weight: term.weight * factor(counts.get(term.term) ?? 1) }));
}

interface Candidate {
  doc: number;
  score: number;
  /** Verified to contain the query's phrases. */
  phrase: boolean;
  /** Matches every query word (ranked first with coordination 'all-first'). */
  complete: boolean;
}

/**
 * The best `count` items in order, without sorting them all: a large corpus gives tens of thousands of
 * candidates for a common word, and a page needs ten.
 */
function bestFirst<T extends { score: number; complete: boolean }>(items: T[], count: number, order: (a: T, b: T) => number): T[] {
  if (items.length <= count * 4 || items.some((item) => item.complete)) return items.sort(order);
  const scores = Float64Array.from(items, (item) => item.score).sort();
  const threshold = scores[scores.length - count]!;
  return items.filter((item) => item.score >= threshold).sort(order).slice(0, count);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, each one. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
