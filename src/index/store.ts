/**
 * The catalog's persisted state in DATA_DIR (SQLite, WAL): one row per corpus file with what was learnt from
 * it (size and mtime to spot changes, content hash, first-seen time, analysis), the first-seen time of every
 * content hash, and the saved search index as numbered JSON pieces with the file hashes it covers.
 *
 * Every method is synchronous and small (a page of rows, one batch in a transaction); the catalog calls them
 * between yields. One database per corpus folder, so two corpora never share or wipe each other's rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { statementCache } from './statements.js';

/** What is known about one corpus file. */
export interface FileState {
  size: number;
  mtimeMs: number;
  /** Content hash; null for a file that was skipped before its content could be read. */
  hash: string | null;
  /** ISO time the content was first indexed; null for a skipped file. */
  addedAt: string | null;
  analysisVersion: number | null;
  /** Why the file is not loaded, or null for a loaded article. */
  skipReason: string | null;
}

export interface FileRow extends FileState {
  id: string;
  /** The encoded article (codec.ts), or null for a skipped file. */
  data: string | null;
  /** The article's ArticleMeta as JSON without addedAt (what stays in memory), or null for a skipped file. */
  meta: string | null;
  /** What the people directory needs of the article (DirectoryArticle.analysis as JSON), or null. */
  people: string | null;
}

/** A file row as a restore reads it: everything but the article itself. */
export type FileSummaryRow = Omit<FileRow, 'data' | 'people'> & { rowid: number };

export interface FileChanges {
  upserts: FileRow[];
  /** Files whose content is unchanged but whose size or mtime moved (touched, or rewritten identically). */
  restamps: Array<{ id: string; size: number; mtimeMs: number }>;
  deletes: string[];
}

export interface SavedIndexInfo {
  generation: string;
  /** INDEX_FORMAT_VERSION of the code that saved it. */
  formatVersion: number;
  /** How many pieces of each kind were written: a save cut short is detected and not used. */
  pieces: Record<PieceKind, number>;
}

export type PieceKind = 'index' | 'covered';

export interface SavedDirectoryInfo {
  generation: string;
  /** The store's contentVersion() the directory was built from. */
  contentVersion: number;
  pieces: number;
  /** The directory format (peopleDirectory.ts) that wrote it. */
  format: number;
}

/** 2: metadata and people inputs in their own columns, so a start reads neither bodies nor analyses. */
const SCHEMA_VERSION = '2';

export class CatalogStore {
  private readonly statement: (sql: string) => Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {
    this.statement = statementCache(db);
  }

  /** Opens (creating if needed) the catalog database for `corpusDir` inside `dataDir`. */
  static open(dataDir: string, corpusDir: string): CatalogStore {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new Error(`DATA_DIR ${dataDir} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}). Set DATA_DIR to a writable folder.`);
    }
    const file = CatalogStore.fileFor(dataDir, corpusDir);
    try {
      return new CatalogStore(openDatabase(file), file);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_NOTADB' && (error as { code?: string }).code !== 'SQLITE_CORRUPT') {
        throw new Error(`Cannot open ${file} (${(error as Error).message}). Check that DATA_DIR is a writable folder.`);
      }
      // A damaged cache is not worth stopping for: keep it aside for inspection and rebuild from the corpus.
      renameSync(file, `${file}.damaged-${Date.now()}`);
      return new CatalogStore(openDatabase(file), file);
    }
  }

  /** The database file for a corpus folder: one per folder, named by a hash of its absolute path. */
  static fileFor(dataDir: string, corpusDir: string): string {
    const key = createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 12);
    return path.join(dataDir, `catalog-${key}.sqlite`);
  }

  /** The connection, for the SQLite search engine, whose tables live in the same file. */
  get database(): Database.Database {
    return this.db;
  }

  /** Runs `work` in one transaction (nested calls join it). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  getMeta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** One page of file rows in rowid order, after `afterRowid`, without the articles' data. */
  filePage(afterRowid: number, limit: number): FileSummaryRow[] {
    return this
      .statement(
        `SELECT rowid, id, size, mtime AS mtimeMs, hash, added_at AS addedAt, analysis_version AS analysisVersion,
                skip_reason AS skipReason, meta
           FROM files WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      )
      .all(afterRowid, limit) as FileSummaryRow[];
  }

  /** Every file id the store holds (for a reset). */
  allIds(): string[] {
    return (this.statement('SELECT id FROM files').all() as Array<{ id: string }>).map((row) => row.id);
  }

  /** The encoded article of one file, if loaded. */
  articleData(id: string): { data: string; addedAt: string } | undefined {
    const row = this.statement('SELECT data, added_at AS addedAt FROM files WHERE id = ? AND data IS NOT NULL').get(id) as
      | { data: string; addedAt: string }
      | undefined;
    return row;
  }

  /**
   * Title and body of one loaded file, as the catalog's searches read them ("title\n\nbody"), taken out of the
   * stored JSON by SQLite: about a fifth of the cost of decoding the whole article (analysis included).
   */
  articleText(id: string): string | undefined {
    const row = this.statement(
      "SELECT json_extract(data, '$.article.title') || char(10, 10) || json_extract(data, '$.body') AS text FROM files WHERE id = ? AND data IS NOT NULL",
    ).get(id) as { text: string | null } | undefined;
    return row?.text ?? undefined;
  }

  /** The people directory's input of one file (people and quotes, as JSON), if loaded. */
  articlePeople(id: string): string | undefined {
    return (this.statement('SELECT people FROM files WHERE id = ? AND people IS NOT NULL').get(id) as { people: string } | undefined)?.people;
  }

  /** One page of the people directory's inputs, in rowid order. */
  peoplePage(afterRowid: number, limit: number): Array<{ rowid: number; id: string; people: string }> {
    return this
      .statement('SELECT rowid, id, people FROM files WHERE rowid > ? AND people IS NOT NULL ORDER BY rowid LIMIT ?')
      .all(afterRowid, limit) as Array<{ rowid: number; id: string; people: string }>;
  }

  /** Applies one batch of file changes in a transaction; loaded contents are remembered by hash. */
  applyFileChanges(changes: FileChanges): void {
    const upsert = this.statement(
      `INSERT INTO files (id, size, mtime, hash, added_at, analysis_version, skip_reason, data, meta, people)
       VALUES (@id, @size, @mtimeMs, @hash, @addedAt, @analysisVersion, @skipReason, @data, @meta, @people)
       ON CONFLICT(id) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, hash = excluded.hash,
         added_at = excluded.added_at, analysis_version = excluded.analysis_version,
         skip_reason = excluded.skip_reason, data = excluded.data, meta = excluded.meta, people = excluded.people`,
    );
    const restamp = this.statement('UPDATE files SET size = @size, mtime = @mtimeMs WHERE id = @id');
    const remember = this.statement('INSERT OR IGNORE INTO content_seen (hash, added_at) VALUES (?, ?)');
    const remove = this.statement('DELETE FROM files WHERE id = ?');
    this.db.transaction(() => {
      for (const row of changes.upserts) {
        upsert.run(row);
        if (row.hash !== null && row.addedAt !== null && row.data !== null) remember.run(row.hash, row.addedAt);
      }
      for (const stamp of changes.restamps) restamp.run(stamp);
      for (const id of changes.deletes) remove.run(id);
      // What a saved people directory was built from: any upsert or delete makes it stale.
      if (changes.upserts.length + changes.deletes.length > 0) this.setMeta('content_version', String(this.contentVersion() + 1));
    })();
  }

  /** Grows with every change to the articles' content: a saved directory records the one it was built from. */
  contentVersion(): number {
    return Number(this.getMeta('content_version') ?? 0);
  }

  /** The saved people directory's description, if one is saved. */
  savedDirectory(): SavedDirectoryInfo | null {
    const value = this.getMeta('directory');
    return value ? (JSON.parse(value) as SavedDirectoryInfo) : null;
  }

  writeDirectoryPieces(generation: string, firstSeq: number, pieces: readonly string[]): void {
    const insert = this.statement('INSERT INTO directory_pieces (generation, seq, json) VALUES (?, ?, ?)');
    this.db.transaction(() => pieces.forEach((json, offset) => insert.run(generation, firstSeq + offset, json)))();
  }

  /** Makes a fully written directory the saved one. */
  commitDirectory(info: SavedDirectoryInfo): void {
    this.setMeta('directory', JSON.stringify(info));
  }

  directoryPiecePage(generation: string, afterSeq: number, limit: number): Array<{ seq: number; json: string }> {
    return this
      .statement('SELECT seq, json FROM directory_pieces WHERE generation = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(generation, afterSeq, limit) as Array<{ seq: number; json: string }>;
  }

  /** Deletes up to `limit` pieces of directories other than the saved one; returns how many. */
  dropStaleDirectoryPieces(limit: number): number {
    const current = this.savedDirectory()?.generation ?? '';
    return this.statement(
      'DELETE FROM directory_pieces WHERE rowid IN (SELECT rowid FROM directory_pieces WHERE generation <> ? LIMIT ?)',
    ).run(current, limit).changes;
  }

  /** When content with this hash was first indexed (in any file, at any time), if ever. */
  firstSeen(hash: string): string | undefined {
    const row = this.statement('SELECT added_at AS addedAt FROM content_seen WHERE hash = ?').get(hash) as { addedAt: string } | undefined;
    return row?.addedAt;
  }

  savedIndex(): SavedIndexInfo | null {
    const value = this.getMeta('index');
    return value ? (JSON.parse(value) as SavedIndexInfo) : null;
  }

  /** A name for a new index generation. */
  newGeneration(): string {
    return randomUUID();
  }

  /**
   * Deletes up to `limit` pieces that belong to no committed index (an older save, or one cut short) and
   * returns how many it deleted: called in a loop, so freeing 100 MB of pages never blocks for long.
   */
  dropStalePieces(limit: number): number {
    const current = this.savedIndex()?.generation ?? '';
    return this.statement(
      'DELETE FROM index_pieces WHERE rowid IN (SELECT rowid FROM index_pieces WHERE generation <> ? LIMIT ?)',
    ).run(current, limit).changes;
  }

  writePieces(generation: string, kind: PieceKind, firstSeq: number, pieces: readonly string[]): void {
    const insert = this.statement('INSERT INTO index_pieces (generation, kind, seq, json) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => pieces.forEach((json, offset) => insert.run(generation, kind, firstSeq + offset, json)))();
  }

  /** Makes a fully written generation the saved index (its predecessors become stale pieces). */
  commitIndex(info: SavedIndexInfo): void {
    this.setMeta('index', JSON.stringify(info));
  }

  /** Pieces of a saved generation, in order, a page at a time. */
  piecePage(generation: string, kind: PieceKind, afterSeq: number, limit: number): Array<{ seq: number; json: string }> {
    return this
      .statement('SELECT seq, json FROM index_pieces WHERE generation = ? AND kind = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(generation, kind, afterSeq, limit) as Array<{ seq: number; json: string }>;
  }
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // SQLite's default page cache is 2 MB: at 100,000 articles the FTS5 segment merges of a build re-read pages
    // from the OS thousands of times. 64 MB at most (pages are allocated as used).
    db.pragma('cache_size = -65536');
    // Fewer, larger checkpoints: a page rewritten by many transactions is copied back once per checkpoint.
    db.pragma('wal_autocheckpoint = 4000');
    // Another process (the CLI next to the bot) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS files (
        id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime REAL NOT NULL,
        hash TEXT,
        added_at TEXT,
        analysis_version INTEGER,
        skip_reason TEXT,
        data TEXT,
        meta TEXT,
        people TEXT
      );
      CREATE TABLE IF NOT EXISTS content_seen (hash TEXT PRIMARY KEY, added_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS directory_pieces (generation TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (generation, seq));
      CREATE TABLE IF NOT EXISTS index_pieces (
        generation TEXT NOT NULL,
        kind TEXT NOT NULL,
        seq INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (generation, kind, seq)
      );
    `);
    const schema = (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined)?.value;
    if (schema === undefined) db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
    else if (schema === '1') {
      // Version 1 kept everything in `data`: add the new columns and have every file analysed again once. The
      // first-seen times stay, so no article looks new to a digest after the upgrade.
      db.transaction(() => {
        db.exec(`ALTER TABLE files ADD COLUMN meta TEXT; ALTER TABLE files ADD COLUMN people TEXT;
                 UPDATE files SET analysis_version = NULL; DELETE FROM index_pieces; DELETE FROM meta WHERE key <> 'schema';`);
        db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(SCHEMA_VERSION);
      })();
    } else if (schema !== SCHEMA_VERSION) {
      // A cache written by an unknown (newer) version of Newsdesk: start it again rather than misread it.
      db.exec('DELETE FROM files; DELETE FROM index_pieces; DELETE FROM meta;');
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
