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
import { Slicer } from './cooperate.js';
import { statementCache } from './statements.js';
import type { EngineName, IndexDocument, SearchEngine } from './engine.js';
import { indexTerms, queryTerms } from './tokenize.js';
import type { SearchHit, SearchOptions } from './types.js';

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
/** Rows read per step while loading the coverage map. */
const PAGE = 2_000;

type Pending = { kind: 'put'; document: IndexDocument } | { kind: 'remove'; id: string };

export class SqliteEngine implements SearchEngine {
  readonly name: EngineName = 'sqlite';
  private pending: Pending[] = [];
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

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const terms = queryTerms(query).slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    const limit = options.limit ?? 10;
    const rarer = this.matchedTerms(terms);
    let rows = this.rank(rarer, options, limit);
    // Too few documents with the rarer terms: those with only the common ones come next, as without pruning.
    if (rows.length < limit && rarer.length < terms.length) rows = this.rank(terms, options, limit);
    // FTS5 does not say which terms matched a row; the excerpt step finds them in the text.
    return rows.map((row) => ({ id: row.id, score: row.score, terms: [...terms] }));
  }

  private rank(terms: string[], options: SearchOptions, limit: number): Array<{ id: string; score: number }> {
    const where = ['fts MATCH @match'];
    if (options.from || options.to) where.push('d.date IS NOT NULL');
    if (options.from) where.push('d.date >= @from');
    if (options.to) where.push('d.date <= @to');
    return this.statement(
      `SELECT d.id AS id, -bm25(fts, ${TITLE_WEIGHT}, 1.0) AS score
         FROM fts JOIN fts_docs d ON d.rowid = fts.rowid
        WHERE ${where.join(' AND ')}
        ORDER BY bm25(fts, ${TITLE_WEIGHT}, 1.0), d.rowid
        LIMIT @limit`,
    ).all({ match: terms.map(quoteTerm).join(' OR '), from: options.from ?? null, to: options.to ?? null, limit }) as Array<{ id: string; score: number }>;
  }

  /** The terms worth matching: all of them, or in a large corpus the ones that are not in most documents. */
  private matchedTerms(terms: string[]): string[] {
    if (terms.length < 2 || this.docs.size < this.pruneFromDocuments) return terms;
    const common = COMMON_TERM_SHARE * this.docs.size;
    const rarer = terms.filter((term) => this.documentFrequency(term) <= common);
    return rarer.length > 0 ? rarer : terms;
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
