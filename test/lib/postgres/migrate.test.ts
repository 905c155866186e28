import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/lib/postgres/connect.js';
import { migrate } from '../../../src/lib/postgres/migrate.js';
import { freshDatabase } from '../../helpers/postgres.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function database(): Promise<pg.Pool[]> {
  const { url, drop } = await freshDatabase();
  const pools = [await openPostgres({ url, attempts: 1 }), await openPostgres({ url, attempts: 1 })];
  cleanups.push(drop, ...pools.map((pool) => () => pool.end()));
  return pools;
}

const notes = {
  component: 'notes',
  migrations: ['CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL)', "ALTER TABLE notes ADD COLUMN tag TEXT NOT NULL DEFAULT ''"],
};

describe('migrate', () => {
  it('applies each migration once, even when two processes start at the same moment', async () => {
    const [first, second] = await database();
    const results = await Promise.all([migrate(first!, [notes]), migrate(second!, [notes])]);
    expect(results).toEqual([{ notes: 2 }, { notes: 2 }]);
    const { rows } = await first!.query('SELECT version FROM schema_migrations WHERE component = $1 ORDER BY version', ['notes']);
    expect(rows.map((row) => row.version)).toEqual([1, 2]);
    await first!.query("INSERT INTO notes (body, tag) VALUES ('x', 'y')");
  });

  it('upgrades an older schema in place and keeps its rows', async () => {
    const [pool] = await database();
    await migrate(pool!, [{ component: 'notes', migrations: notes.migrations.slice(0, 1) }]);
    await pool!.query("INSERT INTO notes (body) VALUES ('kept')");
    await migrate(pool!, [notes]);
    const { rows } = await pool!.query('SELECT body, tag FROM notes');
    expect(rows).toEqual([{ body: 'kept', tag: '' }]);
  });

  it('leaves the schema as it was when a migration fails, and says which', async () => {
    const [pool] = await database();
    const broken = { component: 'notes', migrations: [...notes.migrations, 'ALTER TABLE nowhere ADD COLUMN x INT'] };
    await expect(migrate(pool!, [broken])).rejects.toThrow(/nowhere/);
    const { rows } = await pool!.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'notes'");
    expect(rows[0].n).toBe(0);
  });

  it('refuses a database written by a newer version', async () => {
    const [pool] = await database();
    await migrate(pool!, [notes]);
    await expect(migrate(pool!, [{ component: 'notes', migrations: notes.migrations.slice(0, 1) }])).rejects.toThrow(
      /notes schema version 2, newer than this Newsdesk understands \(1\)/,
    );
  });
});
