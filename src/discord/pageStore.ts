/**
 * Where paging state goes when it does not fit in a custom_id (a long query, a private answer's owner):
 * a row keyed by a short hash of the state, so the id on the button is a few characters. In SQLite in
 * DATA_DIR, so buttons keep working after a restart; rows nobody has used for half a year are dropped.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface PageStateStore {
  /** Keeps `state` and returns its key (the same key for the same state). */
  save(state: string): string;
  /** The state saved under `key`, or null when it is not (or no longer) known. */
  load(key: string): string | null;
  close(): void;
}

export const PAGE_STATE_DB_FILE = 'paging.sqlite';
/** Rows unused for this long are dropped when the store opens: an answer that old is not paged any more. */
const KEEP_UNUSED_DAYS = 180;
const DAY_MS = 86_400_000;

/** 12 base64url characters: 72 bits, so two answers never share a key in practice. */
export function stateKey(state: string): string {
  return createHash('sha256').update(state).digest('base64url').slice(0, 12);
}

export class SqlitePageStateStore implements PageStateStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, number]>;
  private readonly select: Database.Statement<[string], { state: string }>;
  private readonly touch: Database.Statement<[number, string]>;
  private readonly now: () => number;

  static open(dataDir: string): SqlitePageStateStore {
    fs.mkdirSync(dataDir, { recursive: true });
    return new SqlitePageStateStore(path.join(dataDir, PAGE_STATE_DB_FILE));
  }

  constructor(file: string, now: () => number = Date.now) {
    this.now = now;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS page_states (key TEXT PRIMARY KEY, state TEXT NOT NULL, used_at INTEGER NOT NULL)');
    this.db.prepare('DELETE FROM page_states WHERE used_at < ?').run(now() - KEEP_UNUSED_DAYS * DAY_MS);
    this.insert = this.db.prepare('INSERT INTO page_states (key, state, used_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET used_at = excluded.used_at');
    this.select = this.db.prepare('SELECT state FROM page_states WHERE key = ?');
    this.touch = this.db.prepare('UPDATE page_states SET used_at = ? WHERE key = ?');
  }

  save(state: string): string {
    const key = stateKey(state);
    this.insert.run(key, state, this.now());
    return key;
  }

  load(key: string): string | null {
    const row = this.select.get(key);
    if (row) this.touch.run(this.now(), key);
    return row?.state ?? null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** For front ends without a DATA_DIR (and tests): the same, forgotten on exit. */
export class MemoryPageStateStore implements PageStateStore {
  private readonly states = new Map<string, string>();

  save(state: string): string {
    const key = stateKey(state);
    this.states.set(key, state);
    return key;
  }

  load(key: string): string | null {
    return this.states.get(key) ?? null;
  }

  close(): void {
    this.states.clear();
  }
}
