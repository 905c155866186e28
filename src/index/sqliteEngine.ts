/**
 * The on-disk engine: SQLite FTS5 in the catalog's own database file, for corpora too large for an in-memory
 * index. The index holds normalised terms (tokenize.ts's indexTerms, computed on the analysis workers), so it
 * matches exactly what the MiniSearch engine matches; FTS5 only splits them on spaces.
 *
 * - Contentless (`content=''`, `contentless_delete=1`): the text is not stored twice; the catalog has it.
 * - Ranking is FTS5's BM25 (k1 1.2, b 0.75) with the title column weighted TITLE_WEIGHT.
 * - Changes are buffered and written by flush(), which the catalog calls inside the transaction that writes
 *   the same files' rows: after a crash the two always agree.
 * - Memory: only a map of id → content hash (what a restore reconciles); everything else stays on disk.
 */
import type Database from 'better-sqlite3';
import { Slicer } from '../lib/cooperate.js';
import { statementCache } from './statements.js';
import type { EngineName, EngineSearchOptions, IndexDocument, SearchEngine } from './engine.js';
import { editDistance } from './searchIndex.js';
import { inverseDocumentFrequency, type WeightedTerm } from './bm25f.js';
import { PROXIMITY_CANDIDATES, proximityTerms, withProximity } from './proximity.js';
import { BO1, bo1Expansion } from './expansion.js';
import { parseQuery, scoredTerms, termSequence, type ParsedQuery } from './query.js';
import { indexTerms } from './tokenize.js';
import type { SearchAlias, SearchHit, SearchOptions } from './types.js';

/** Title matches count this many times a body match (as the MiniSearch engine's title boost). */
const TITLE_WEIGHT = 2;
/** A pasted paragraph is still a query, but only its first terms are looked up. */
const MAX_QUERY_TERMS = 64;
/**
 * In a large corpus, a term in more than this share of the documents adds little to a ranking (its IDF is low)
 * but costs a score for every document it is in: when a query also has rarer terms, only those are matched.
 */
const COMMON_TERM_SHARE = 0.05;
/** Below this many documents every term is matched: the whole query costs little. */
const PRUNE_FROM_DOCUMENTS = 20_000;
/** The cached mean document length is recomputed once the corpus has grown or shrunk by this share. */
const AVERAGE_REFRESH = 0.01;
/**
 * FTS5's bm25() has no per-term weight, but a phrase repeated in a MATCH counts once per repetition: a weighted
 * query (Bo1's) is written with each term repeated round(weight × WEIGHT_REPEATS) times, weights to a quarter.
 */
const WEIGHT_REPEATS = 4;
/** Rows read per step while loading the coverage map. */
const PAGE = 2_000;

type Pending = { kind: 'put'; document: IndexDocument } | { kind: 'remove'; id: string };

export class SqliteEngine implements SearchEngine {
  readonly name: EngineName = 'sqlite';
  private pending: Pending[] = [];
  private average: { documents: number; length: number } | null = null;
  private readonly statement: (sql: string) => Database.Statement;

  private constructor(
    db: Database.Database,
    /** id → [rowid, content hash] of every indexed document. */
    private readonly docs: Map<string, [rowid: number, hash: string]>,
    private readonly pruneFromDocuments: number,
  ) {
    this.statement = statementCache(db);
  }

  /**
   * Opens (creating if needed) the FTS tables in `db` and loads the coverage map a page at a time.
   * `pruneFromDocuments` (default PRUNE_FROM_DOCUMENTS): the corpus size from which common terms are pruned.
   */
  static async open(db: Database.Database, { pruneFromDocuments = PRUNE_FROM_DOCUMENTS } = {}): Promise<SqliteEngine> {
    createTables(db);
    const docs = new Map<string, [number, string]>();
    const page = db.prepare('SELECT rowid, id, hash FROM fts_docs WHERE rowid > ? ORDER BY rowid LIMIT ?');
    const slicer = new Slicer();
    let after = 0;
    for (;;) {
      const rows = page.all(after, PAGE) as Array<{ rowid: number; id: string; hash: string }>;
      if (rows.length === 0) break;
      for (const row of rows) docs.set(row.id, [row.rowid, row.hash]);
      after = rows[rows.length - 1]!.rowid;
      await slicer.maybePause();
    }
    return new SqliteEngine(db, docs, pruneFromDocuments);
  }

  /** Drops the engine's tables (the store switched to another engine). */
  static drop(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS fts_vocab; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS fts_docs;');
  }

  get size(): number {
    return this.docs.size;
  }

  /** Changes are durable as soon as they are flushed inside the catalog's transaction. */
  get unsaved(): number {
    return 0;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  coveredHash(id: string): string | undefined {
    return this.docs.get(id)?.[1];
  }

  *covered(): IterableIterator<[string, string]> {
    for (const [id, [, hash]] of this.docs) yield [id, hash];
  }

  put(document: IndexDocument): void {
    this.pending.push({ kind: 'put', document });
  }

  remove(id: string): void {
    this.pending.push({ kind: 'remove', id });
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    const deleteText = this.statement('DELETE FROM fts WHERE rowid = ?');
    const deleteDoc = this.statement('DELETE FROM fts_docs WHERE rowid = ?');
    const insertDoc = this.statement('INSERT INTO fts_docs (id, hash, date, source) VALUES (?, ?, ?, ?)');
    const insertText = this.statement('INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)');
    const forget = (id: string) => {
      const known = this.docs.get(id);
      if (!known) return;
      deleteText.run(known[0]);
      deleteDoc.run(known[0]);
      this.docs.delete(id);
    };
    for (const change of pending) {
      if (change.kind === 'remove') {
        forget(change.id);
        continue;
      }
      const { document } = change;
      forget(document.id);
      const terms = document.terms ?? { title: indexTerms(document.title), body: indexTerms(document.body) };
      const rowid = Number(insertDoc.run(document.id, document.hash, document.date, document.source?.toLowerCase() ?? null).lastInsertRowid);
      insertText.run(rowid, terms.title, terms.body);
      this.docs.set(document.id, [rowid, document.hash]);
    }
  }

  /**
   * The search syntax (query.ts) as an FTS5 expression: words and phrases OR'd ('any', the default) or AND'ed
   * ('all'), aliases of a named person OR'd in, exclusions as NOT. Phrases are FTS5 phrases over the index terms,
   * so they match those words in order. With sort 'newest', articles with every word come first.
   */
  search(query: string, options: EngineSearchOptions = {}): SearchHit[] {
    const parsed = parseQuery(query);
    const terms = parsed.terms.slice(0, MAX_QUERY_TERMS);
    if (terms.length + parsed.phrases.length === 0) return [];
    const wanted = options.limit ?? 10;
    const pairs = options.sort !== 'newest' && options.textOf ? this.proximityTerms(parsed, options.aliases ?? []) : null;
    // Proximity re-scores the head of the ranking: fetch that much, then cut to what was asked.
    const limit = pairs ? Math.max(wanted, PROXIMITY_CANDIDATES) : wanted;
    const aliases = aliasTerms(terms, options.aliases ?? []);
    const phrases = parsed.phrases.map(quotePhrase);
    const excluded = [...parsed.excludedTerms.map(quoteTerm), ...parsed.excludedPhrases.map(quotePhrase)];
    const expression = (words: string[], join: 'OR' | 'AND') => {
      const positive = [...words.map(quoteTerm), ...phrases];
      // Any word accepted: a phrase's words also match alone (phrase matches still score higher).
      const loose = join === 'OR' ? parsed.phrases.flat().filter((term) => !words.includes(term)).map(quoteTerm) : [];
      const alternatives = join === 'OR' ? [...positive, ...loose, ...aliases.map(quoteTerm)] : positive;
      const body = alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(` ${join} `)})`;
      return excluded.length > 0 ? `${body} NOT (${excluded.join(' OR ')})` : body;
    };
    let rows: Array<{ id: string; score: number }>;
    if (options.match === 'all') {
      rows = this.rank(expression(terms, 'AND'), options, limit);
    } else if (options.sort === 'newest') {
      rows = this.rank(expression(terms, 'AND'), options, limit);
      if (rows.length < limit) rows = dedupe([...rows, ...this.rank(expression(terms, 'OR'), options, limit)]).slice(0, limit);
    } else {
      const rarer = this.matchedTerms(terms);
      rows = this.rank(expression(rarer, 'OR'), options, limit);
      // Too few documents with the rarer terms: those with only the common ones come next, as without pruning.
      if (rows.length < limit && rarer.length < terms.length) rows = this.rank(expression(terms, 'OR'), options, limit);
      if (options.ranking?.expansion === 'bo1' && options.textOf && rows.length > 0) {
        const expanded = this.bo1Expression(rarer, rows, options.textOf, [...phrases, ...aliases.map(quoteTerm)], excluded);
        if (expanded) rows = this.rank(expanded, options, limit);
      }
    }
    if (pairs) rows = withProximity(rows, pairs, (row) => options.textOf!(row.id), this.averageLength()).slice(0, wanted);
    const matched = [...new Set([...terms, ...parsed.phrases.flat(), ...aliases])];
    // FTS5 does not say which terms matched a row; the excerpt step finds them in the text.
    return rows.map((row) => ({ id: row.id, score: row.score, terms: [...matched] }));
  }

  /**
   * Bo1 expansion (expansion.ts) of the words from the best BO1.docs rows, as an FTS5 expression with weights
   * written as repetitions (WEIGHT_REPEATS); phrases and aliases keep an original word's weight. Null when
   * nothing expands the query.
   */
  private bo1Expression(
    words: readonly string[],
    rows: ReadonlyArray<{ id: string }>,
    textOf: (id: string) => string | undefined,
    others: readonly string[],
    excluded: readonly string[],
  ): string | null {
    const query: WeightedTerm[] = words.map((term, slot) => ({ term, weight: 1, slot }));
    const texts = rows.slice(0, BO1.docs).map((row) => textOf(row.id) ?? '');
    const expanded = bo1Expansion(query, texts, (term) => this.collectionFrequency(term), this.docs.size);
    if (expanded.length === 0) return null;
    const repeat = (phrase: string, weight: number) => Array.from({ length: Math.round(weight * WEIGHT_REPEATS) }, () => phrase);
    const alternatives = [...expanded.flatMap((entry) => repeat(quoteTerm(entry.term), entry.weight)), ...others.flatMap((phrase) => repeat(phrase, 1))];
    const body = `(${alternatives.join(' OR ')})`;
    return excluded.length > 0 ? `${body} NOT (${excluded.join(' OR ')})` : body;
  }

  /** Occurrences of a term in the index (title and body). */
  private collectionFrequency(term: string): number {
    const row = this.statement('SELECT cnt FROM fts_vocab WHERE term = ?').get(term) as { cnt: number } | undefined;
    return row?.cnt ?? 0;
  }

  /** The query's words for proximity, a named person's other names sharing the name's slot. */
  private proximityTerms(parsed: ParsedQuery, aliases: readonly SearchAlias[]) {
    const words = scoredTerms(parsed).slice(0, MAX_QUERY_TERMS);
    const query: WeightedTerm[] = words.map((term, slot) => ({ term, weight: 1, slot }));
    for (const alias of aliases) {
      const slot = words.indexOf(termSequence(alias.name).find((term) => words.includes(term)) ?? '');
      if (slot < 0) continue;
      for (const alternative of alias.alternatives) for (const term of termSequence(alternative)) query.push({ term, weight: 1, slot });
    }
    return proximityTerms(query, (term) => inverseDocumentFrequency(this.docs.size, this.documentFrequency(term)));
  }

  /**
   * Mean indexed terms per document (title and body), for proximity's length normalisation. Summing the
   * vocabulary walks every term, so the figure is kept until the corpus has changed by AVERAGE_REFRESH of its size.
   */
  private averageLength(): number {
    const cached = this.average;
    if (cached && Math.abs(this.docs.size - cached.documents) <= AVERAGE_REFRESH * cached.documents) return cached.length;
    const row = this.statement('SELECT SUM(cnt) AS total FROM fts_vocab').get() as { total: number | null };
    this.average = { documents: this.docs.size, length: (row.total ?? 0) / Math.max(1, this.docs.size) };
    return this.average.length;
  }

  private rank(match: string, options: SearchOptions, limit: number): Array<{ id: string; score: number }> {
    const where = ['fts MATCH @match'];
    if (options.from || options.to) where.push('d.date IS NOT NULL');
    if (options.from) where.push('d.date >= @from');
    if (options.to) where.push('d.date <= @to');
    if (options.source) where.push('d.source = @source');
    if (options.within) where.push('d.id IN (SELECT value FROM json_each(@within))');
    const order = options.sort === 'newest' ? 'd.date IS NULL, d.date DESC, bm25(fts, ' + TITLE_WEIGHT + ', 1.0)' : `bm25(fts, ${TITLE_WEIGHT}, 1.0), d.rowid`;
    return this.statement(
      `SELECT d.id AS id, -bm25(fts, ${TITLE_WEIGHT}, 1.0) AS score
         FROM fts JOIN fts_docs d ON d.rowid = fts.rowid
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT @limit`,
    ).all({
      match,
      from: options.from ?? null,
      to: options.to ?? null,
      source: options.source?.trim().toLowerCase() ?? null,
      within: options.within ? JSON.stringify([...options.within]) : null,
      limit,
    }) as Array<{ id: string; score: number }>;
  }

  /** The terms worth matching: all of them, or in a large corpus the ones that are not in most documents. */
  private matchedTerms(terms: string[]): string[] {
    if (terms.length < 2 || this.docs.size < this.pruneFromDocuments) return terms;
    const common = COMMON_TERM_SHARE * this.docs.size;
    const rarer = terms.filter((term) => this.documentFrequency(term) <= common);
    return rarer.length > 0 ? rarer : terms;
  }

  /**
   * The indexed term nearest to an unknown one, as the MiniSearch engine finds it (one edit, two from 8 letters,
   * the most frequent winning), among the terms that share its first letter: a typo rarely changes that one.
   */
  nearestTerm(term: string): string | null {
    if (term.length < 4 || this.knows(term)) return null;
    const allowed = term.length >= 8 ? 2 : 1;
    const rows = this.statement('SELECT term, doc FROM fts_vocab WHERE term >= ? AND term < ?').all(term[0], `${term[0]}\uffff`) as Array<{ term: string; doc: number }>;
    let best: { term: string; distance: number; doc: number } | null = null;
    for (const row of rows) {
      if (Math.abs(row.term.length - term.length) > allowed) continue;
      const distance = editDistance(term, row.term);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && row.doc > best.doc)) best = { term: row.term, distance, doc: row.doc };
    }
    return best?.term ?? null;
  }

  knows(term: string): boolean {
    return this.documentFrequency(term) > 0;
  }

  documentFrequency(term: string): number {
    const row = this.statement('SELECT doc FROM fts_vocab WHERE term = ?').get(term) as { doc: number } | undefined;
    return row?.doc ?? 0;
  }

  async save(): Promise<void> {}
}

/** A phrase of normalised terms as one FTS5 phrase: those terms, in order. */
function quotePhrase(terms: readonly string[]): string {
  return `"${terms.join(' ').replace(/"/g, '""')}"`;
}

/** The terms of a named person's other names, when the query holds the name. */
export function aliasTerms(terms: readonly string[], aliases: readonly SearchAlias[]): string[] {
  const found: string[] = [];
  for (const alias of aliases) {
    if (!termSequence(alias.name).some((term) => terms.includes(term))) continue;
    for (const alternative of alias.alternatives) for (const term of termSequence(alternative)) if (!terms.includes(term) && !found.includes(term)) found.push(term);
  }
  return found;
}

function dedupe(rows: Array<{ id: string; score: number }>): Array<{ id: string; score: number }> {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/** A term as an FTS5 string literal: normalised terms have no spaces, but may hold characters FTS5 treats as syntax. */
function quoteTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function createTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS fts_docs (
      rowid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      hash TEXT NOT NULL,
      date TEXT,
      source TEXT
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
      title, body, content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 tokenchars '.'"
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
  `);
}
