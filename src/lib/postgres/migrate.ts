/**
 * Numbered schema migrations for PostgreSQL, applied at start by whichever process gets there first.
 * Every component (catalog, digest, …) has its own list; all of them are applied under one advisory lock in
 * one transaction, so a second process starting at the same moment waits for the first and then finds
 * nothing to do. Append new migrations; never edit one that has shipped.
 */
import type pg from 'pg';
import { inTransaction } from './transaction.js';

/** A fixed key for pg_advisory_xact_lock: "newsdesk" in ASCII. */
const MIGRATION_LOCK = 0x6e657773_6465736bn;

export interface MigrationSet {
  /** Names the list in schema_migrations, e.g. 'catalog'. */
  component: string;
  /** Migration n (1-based) brings the component to version n. */
  migrations: readonly string[];
}

/** Applies what is missing of each set; refuses a database written by a newer Newsdesk. Returns versions now. */
export function migrate(pool: pg.Pool, sets: readonly MigrationSet[]): Promise<Record<string, number>> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
    const versions: Record<string, number> = {};
    for (const { component, migrations } of sets) {
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations WHERE component = $1',
        [component],
      );
      const current = rows[0]?.version ?? 0;
      if (current > migrations.length) {
        throw new Error(
          `PostgreSQL has ${component} schema version ${current}, newer than this Newsdesk understands (${migrations.length}): run the newer version.`,
        );
      }
      for (let version = current + 1; version <= migrations.length; version++) {
        await client.query(migrations[version - 1] as string);
        await client.query('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [component, version]);
      }
      versions[component] = migrations.length;
    }
    return versions;
  });
}
