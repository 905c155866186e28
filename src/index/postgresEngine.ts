/**
 * Full-text search on PostgreSQL, over the `articles` table's tsvector (GIN) that postgresCatalog.ts writes from
 * our own terms. Asynchronous (a query is a round trip), so the bot answers from the local working copy and this
 * engine serves evaluations, benchmarks and tools that can await (README, "Running on PostgreSQL").
 *
 * The query syntax is query.ts's, as a tsquery: words OR'd (or AND'ed for match 'all'), a phrase as `a <-> b`
 * (positions count terms, stop words left out on both sides), aliases OR'd in, exclusions as `& !(…)`; dates and
 * source are columns. Ranking, measured on nDCG (README):
 * - 'bm25f' (default): the best CANDIDATES by ts_rank_cd come back with their terms and are ranked with the same
 *   BM25F as the embedded engines (bm25f.ts), document frequencies counted on the GIN index;
 * - 'ts_rank_cd': PostgreSQL's cover density rank, title weighted as A.
 */
import type pg from 'pg';
import { bm25fRank, type Posting, type TermStatistics } from './bm25f.js';
import type { IndexDocument } from './engine.js';
import { parseQuery } from './query.js';
import { quoteLexeme, writeArticles, type SearchColumns } from './postgresCatalog.js';
import { editDistance } from './searchIndex.js';
import { indexTerms } from './tokenize.js';
import { aliasTerms } from './sqliteEngine.js';
import type { SearchHit, SearchOptions } from './types.js';

export type PostgresRanking = 'bm25f' | 'ts_rank_cd';

/** Title matches count twice a body match, as in the embedded engines. */
const TITLE_WEIGHT = 2;
/** ts_rank_cd weights {D, C, B, A}: title (A) twice the body (D). */
const RANK_WEIGHTS = `'{0.5, 0.5, 0.5, 1.0}'`;
/** Candidates BM25F re-ranks. */
const CANDIDATES = 300;
const MAX_QUERY_TERMS = 64;
/** Corpus statistics (document count, average field lengths, document frequencies) are kept this long. */
const STATISTICS_TTL_MS = 60_000;

type Pending = { kind: 'put'; document: IndexDocument } | { kind: 'remove'; id: string };

interface Candidate {
  id: string;
  title_terms: string;
  body_terms: string;
  date: string | null;
  phrase: boolean;
  rank: number;
}

export class PostgresEngine {
  readonly name = 'postgres';
  private pending: Pending[] = [];
  private statistics: { at: number; count: number; title: number; body: number; df: Map<string, number> } | undefined;
  private vocabulary: Map<string, number> | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly docs: Map<string, string>,
    readonly ranking: PostgresRanking,
  ) {}

  /** Opens the engine over the articles table (migrated by the caller) and loads the id → hash map. */
  static async open(pool: pg.Pool, { ranking = 'bm25f' }: { ranking?: PostgresRanking } = {}): Promise<PostgresEngine> {
    const { rows } = await pool.query<{ id: string; hash: string }>('SELECT id, hash FROM articles WHERE NOT deleted AND hash IS NOT NULL');
    return new PostgresEngine(pool, new Map(rows.map((row) => [row.id, row.hash])), ranking);
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  coveredHash(id: string): string | undefined {
    return this.docs.get(id);
  }

  covered(): IterableIterator<[string, string]> {
    return this.docs.entries();
  }

  put(document: IndexDocument): void {
    this.pending.push({ kind: 'put', document });
  }

  remove(id: string): void {
    this.pending.push({ kind: 'remove', id });
  }

  /** Writes the changes so far in one transaction (the indexer publishes the catalog's slices the same way). */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    const upserts: SearchColumns[] = [];
    const removals: string[] = [];
    for (const change of pending) {
      if (change.kind === 'remove') {
        removals.push(change.id);
        continue;
      }
      const { document } = change;
      const terms = document.terms ?? { title: indexTerms(document.title), body: indexTerms(document.body) };
      upserts.push({ id: document.id, hash: document.hash, titleTerms: terms.title, bodyTerms: terms.body, date: document.date, source: document.source });
    }
    await writeArticles(this.pool, upserts, removals);
    for (const id of removals) this.docs.delete(id);
    for (const row of upserts) this.docs.set(row.id, row.hash);
    this.statistics = undefined;
    this.vocabulary = undefined;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const parsed = parseQuery(query);
    const terms = parsed.terms.slice(0, MAX_QUERY_TERMS);
    if (terms.length + parsed.phrases.length === 0) return [];
    const limit = options.limit ?? 10;
    const aliases = aliasTerms(terms, options.aliases ?? []);
    const phrases = parsed.phrases.map(phraseQuery);
    const excluded = [...parsed.excludedTerms.map(quoteLexeme), ...parsed.excludedPhrases.map(phraseQuery)];
    const expression = (join: '|' | '&') => {
      const positive = [...terms.map(quoteLexeme), ...phrases];
      const loose = join === '|' ? parsed.phrases.flat().filter((term) => !terms.includes(term)).map(quoteLexeme) : [];
      const alternatives = join === '|' ? [...positive, ...loose, ...aliases.map(quoteLexeme)] : positive;
      const body = `(${alternatives.join(` ${join} `)})`;
      return excluded.length > 0 ? `${body} & !(${excluded.join(' | ')})` : body;
    };
    const phraseExpression = phrases.length > 0 ? phrases.join(' & ') : null;
    const matched = [...new Set([...terms, ...parsed.phrases.flat(), ...aliases])];
    let candidates: Candidate[];
    if (options.match === 'all') {
      candidates = await this.candidates(expression('&'), phraseExpression, options, limit);
    } else if (options.sort === 'newest') {
      candidates = await this.candidates(expression('&'), phraseExpression, options, limit);
      if (candidates.length < limit) {
        const seen = new Set(candidates.map((candidate) => candidate.id));
        const more = (await this.candidates(expression('|'), phraseExpression, options, limit)).filter((candidate) => !seen.has(candidate.id));
        candidates = [...candidates, ...more];
      }
    } else {
      candidates = await this.candidates(expression('|'), phraseExpression, options, limit);
    }
    if (this.ranking === 'ts_rank_cd' || options.sort === 'newest') {
      return candidates.slice(0, limit).map((candidate) => ({ id: candidate.id, score: Math.max(candidate.rank, 1e-9), terms: [...matched] }));
    }
    return this.rerank(candidates, terms, aliases, parsed.phrases.flat(), limit);
  }

  /** Matching rows: the best CANDIDATES by ts_rank_cd (BM25F) or `limit` of them (ts_rank_cd, newest). */
  private async candidates(tsquery: string, phrase: string | null, options: SearchOptions, limit: number): Promise<Candidate[]> {
    const where = ['NOT deleted', 'tsv @@ $1::tsquery'];
    const values: unknown[] = [tsquery];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (options.from || options.to) where.push('date IS NOT NULL');
    if (options.from) add('date >= ?', options.from);
    if (options.to) add('date <= ?', options.to);
    if (options.source) add('source = ?', options.source.trim().toLowerCase());
    if (options.within) add('id = ANY(?)', [...options.within]);
    const phraseColumn = phrase ? `(tsv @@ ${literal(phrase)}::tsquery)` : 'false';
    const rank = `ts_rank_cd(${RANK_WEIGHTS}, tsv, $1::tsquery, 1)`;
    const order = options.sort === 'newest' ? 'date IS NULL, date DESC, rank DESC' : 'phrase DESC, rank DESC, id';
    const wanted = this.ranking === 'bm25f' && options.sort !== 'newest' ? Math.max(CANDIDATES, limit) : limit;
    values.push(wanted);
    const { rows } = await this.pool.query<Candidate>(
      `SELECT id, title_terms, body_terms, date, ${phraseColumn} AS phrase, ${rank} AS rank
         FROM articles WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${values.length}`,
      values,
    );
    return rows;
  }

  /** BM25F over the candidates, with corpus-wide statistics; phrase matches first. */
  private async rerank(candidates: Candidate[], terms: string[], aliases: string[], phraseTerms: string[], limit: number): Promise<SearchHit[]> {
    if (candidates.length === 0) return [];
    const queryTerms = [...new Set([...terms, ...phraseTerms])];
    const weighted = [
      ...queryTerms.map((term, slot) => ({ term, weight: 1, slot })),
      ...aliases.map((term) => ({ term, weight: 1, slot: queryTerms.length })),
    ];
    const statistics = await this.corpusStatistics(weighted.map((entry) => entry.term));
    const fields = candidates.map((candidate) => [splitTerms(candidate.title_terms), splitTerms(candidate.body_terms)]);
    const termStatistics: TermStatistics = {
      documentCount: statistics.count,
      fields: [
        { name: 'title', weight: TITLE_WEIGHT, averageLength: statistics.title },
        { name: 'body', weight: 1, averageLength: statistics.body },
      ],
      documentFrequency: (term) => statistics.df.get(term) ?? 0,
      *postings(term): Iterable<Posting> {
        for (let doc = 0; doc < fields.length; doc++) {
          for (let field = 0; field < 2; field++) {
            const tf = countOf(fields[doc]![field]!, term);
            if (tf > 0) yield { doc, field, tf };
          }
        }
      },
      fieldLength: (doc, field) => fields[doc]![field]!.length,
    };
    const ranked = bm25fRank(termStatistics, weighted);
    return candidates
      .map((candidate, doc) => ({ id: candidate.id, phrase: candidate.phrase, score: ranked.scores.get(doc) ?? 1e-9, terms: ranked.matched(doc) }))
      .sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(({ id, score, terms: matchedTerms }) => ({ id, score, terms: matchedTerms.length > 0 ? matchedTerms : [...queryTerms] }));
  }

  private async corpusStatistics(terms: string[]): Promise<{ count: number; title: number; body: number; df: Map<string, number> }> {
    if (!this.statistics || Date.now() - this.statistics.at > STATISTICS_TTL_MS) {
      const { rows } = await this.pool.query<{ count: string; title: number | null; body: number | null }>(
        'SELECT count(*)::text AS count, avg(title_length)::float8 AS title, avg(body_length)::float8 AS body FROM articles WHERE NOT deleted',
      );
      this.statistics = { at: Date.now(), count: Number(rows[0]!.count), title: rows[0]!.title ?? 0, body: rows[0]!.body ?? 0, df: new Map() };
    }
    const statistics = this.statistics;
    await Promise.all(
      terms.filter((term) => !statistics.df.has(term)).map(async (term) => statistics.df.set(term, await this.documentFrequency(term))),
    );
    return statistics;
  }

  /** Articles holding the term, counted on the GIN index. */
  async documentFrequency(term: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT count(*)::text AS count FROM articles WHERE NOT deleted AND tsv @@ $1::tsquery', [
      quoteLexeme(term),
    ]);
    return Number(rows[0]!.count);
  }

  async knows(term: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM articles WHERE NOT deleted AND tsv @@ $1::tsquery LIMIT 1', [quoteLexeme(term)]);
    return rows.length > 0;
  }

  /**
   * The indexed term nearest an unknown one (one edit, two from 8 letters, the most frequent winning). The
   * vocabulary comes from ts_stat, read once per change: seconds at 100,000 articles, so a tool's call only.
   */
  async nearestTerm(term: string): Promise<string | null> {
    if (term.length < 4 || (await this.knows(term))) return null;
    if (!this.vocabulary) {
      const { rows } = await this.pool.query<{ word: string; ndoc: number }>("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM articles WHERE NOT deleted')");
      this.vocabulary = new Map(rows.map((row) => [row.word, row.ndoc]));
    }
    const allowed = term.length >= 8 ? 2 : 1;
    let best: { term: string; distance: number; doc: number } | null = null;
    for (const [word, doc] of this.vocabulary) {
      if (word[0] !== term[0] || Math.abs(word.length - term.length) > allowed) continue;
      const distance = editDistance(term, word);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && doc > best.doc)) best = { term: word, distance, doc };
    }
    return best?.term ?? null;
  }
}

/** A phrase of normalised terms as a tsquery: those terms at consecutive positions. */
function phraseQuery(terms: readonly string[]): string {
  return terms.length === 1 ? quoteLexeme(terms[0]!) : `(${terms.map(quoteLexeme).join(' <-> ')})`;
}

/** A tsquery text as an SQL string literal (it is built from quoted lexemes only). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function splitTerms(terms: string | null): string[] {
  return terms ? terms.split(' ') : [];
}

function countOf(terms: readonly string[], term: string): number {
  let count = 0;
  for (const each of terms) if (each === term) count += 1;
  return count;
}
