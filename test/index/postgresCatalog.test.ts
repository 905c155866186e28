/** The catalog's tables on PostgreSQL: migrations, change order, tombstones, and the tsvector of our terms. */
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG_MIGRATIONS, catalogHead, changesAfter, tsvectorLiteral, writeArticles } from '../../src/index/postgresCatalog.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { migrate } from '../../src/lib/postgres/migrate.js';
import { freshDatabase } from '../helpers/postgres.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function database(): Promise<pg.Pool> {
  const { url, drop } = await freshDatabase();
  const pool = await openPostgres({ url, attempts: 1 });
  cleanup = async () => {
    await pool.end();
    await drop();
  };
  return pool;
}

const row = (id: string, body: string) => ({ id, hash: `h-${id}-${body.length}`, titleTerms: 'harbour', bodyTerms: body, date: '2026-01-02', source: 'Reuters' });

describe('the catalog tables on PostgreSQL', () => {
  it('are created once by concurrent starts, and a second migration finds nothing to do', async () => {
    const pool = await database();
    const versions = await Promise.all([migrate(pool, [CATALOG_MIGRATIONS]), migrate(pool, [CATALOG_MIGRATIONS])]);
    expect(versions).toEqual([{ catalog: 1 }, { catalog: 1 }]);
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM schema_migrations WHERE component = 'catalog'");
    expect(rows[0].n).toBe(1);
  });

  it('gives every change a later change_seq, keeps removals as tombstones, and a reader pages through them in order', async () => {
    const pool = await database();
    await migrate(pool, [CATALOG_MIGRATIONS]);
    await writeArticles(pool, [row('a.md', 'storm reopen'), row('b.md', 'ship')], []);
    const first = await changesAfter(pool, '0', 10);
    expect(first.map((change) => change.id).sort()).toEqual(['a.md', 'b.md']);
    const cursor = first[first.length - 1]!.changeSeq;
    await writeArticles(pool, [row('a.md', 'storm reopen again')], ['b.md']);
    const next = await changesAfter(pool, cursor, 10);
    expect(next.map((change) => [change.id, change.deleted])).toEqual(expect.arrayContaining([['a.md', false], ['b.md', true]]));
    expect(next.every((change) => BigInt(change.changeSeq) > BigInt(cursor))).toBe(true);
    expect(next.find((change) => change.id === 'b.md')!.data).toBeNull();
    expect((await catalogHead(pool)).articles).toBe(1);
    expect(await changesAfter(pool, next[next.length - 1]!.changeSeq, 10)).toEqual([]);
  });

  it('indexes our terms at their positions, title as weight A, so phrases match adjacent terms only', async () => {
    expect(tsvectorLiteral('harbour', "storm o'neil harbour")).toBe("'harbour':1A,5 'storm':3 'o''neil':4");
    const pool = await database();
    await migrate(pool, [CATALOG_MIGRATIONS]);
    await writeArticles(pool, [row('a.md', 'harbour reopen storm'), row('b.md', 'reopen harbour storm')], []);
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM articles WHERE tsv @@ $1::tsquery ORDER BY id", ["'harbour' <-> 'reopen'"]);
    expect(rows.map((match) => match.id)).toEqual(['a.md']);
  });
});
