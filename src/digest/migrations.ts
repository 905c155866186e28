/**
 * The digest database's schema as numbered migrations. At open, those not yet applied run in order, each in
 * one transaction with the new `user_version`, so a crash mid-upgrade leaves the previous version intact and
 * an existing database upgrades in place. Append new migrations; never edit one that has shipped.
 */
import type Database from 'better-sqlite3';

/** Migration n (1-based) brings the database to user_version n. */
export const MIGRATIONS: readonly string[] = [
  // 1: the schema before versioning (databases made then have user_version 0 and already hold these tables).
  `
CREATE TABLE IF NOT EXISTS schedules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  guild_id TEXT,
  channel_id TEXT NOT NULL,
  webhook_url TEXT,
  cadence TEXT NOT NULL,
  time TEXT NOT NULL,
  timezone TEXT NOT NULL,
  pattern TEXT NOT NULL,
  filter TEXT,
  max INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failing')),
  failure TEXT,
  failing_since TEXT,
  last_slot TEXT,
  last_post_at TEXT
);
CREATE TABLE IF NOT EXISTS ledger (
  schedule_id INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  slot TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('intended', 'sent', 'failed', 'skipped')),
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'now')),
  since TEXT NOT NULL,
  cutoff TEXT NOT NULL,
  article_count INTEGER NOT NULL DEFAULT 0,
  messages TEXT NOT NULL DEFAULT '[]',
  nonces TEXT NOT NULL DEFAULT '[]',
  message_ids TEXT NOT NULL DEFAULT '[]',
  attempts INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  PRIMARY KEY (schedule_id, slot)
);
CREATE INDEX IF NOT EXISTS ledger_state ON ledger(state);
CREATE TABLE IF NOT EXISTS ledger_articles (
  schedule_id INTEGER NOT NULL,
  slot TEXT NOT NULL,
  article_id TEXT NOT NULL,
  added_at TEXT NOT NULL,
  title TEXT NOT NULL,
  FOREIGN KEY (schedule_id, slot) REFERENCES ledger(schedule_id, slot) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ledger_articles_entry ON ledger_articles(schedule_id, slot);
`,
  // 2: paused schedules, and the instant slots count from after an edit or a resume.
  `
ALTER TABLE schedules ADD COLUMN paused_at TEXT;
ALTER TABLE schedules ADD COLUMN slots_from TEXT;
`,
  // 3: follows (/follow) share the schedules table, ledger and delivery: a follow posts when a new article matches.
  `
ALTER TABLE schedules ADD COLUMN kind TEXT NOT NULL DEFAULT 'digest' CHECK (kind IN ('digest', 'follow'));
ALTER TABLE schedules ADD COLUMN person TEXT;
CREATE INDEX IF NOT EXISTS schedules_guild_kind ON schedules(guild_id, kind);
`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies the missing migrations; refuses a database written by a newer version of Newsdesk. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `${db.name} has digest schema version ${current}, newer than this Newsdesk understands (${SCHEMA_VERSION}): run the newer version, or restore a backup.`,
    );
  }
  for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1] as string);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
