import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openPostgres } from '../../../src/lib/postgres/connect.js';
import { LEASE_MIGRATIONS, acquireLease, leaseHolder, releaseLease, renewLease } from '../../../src/lib/postgres/lease.js';
import { migrate } from '../../../src/lib/postgres/migrate.js';
import { freshDatabase } from '../../helpers/postgres.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function leases(): Promise<pg.Pool> {
  const { url, drop } = await freshDatabase();
  const pool = await openPostgres({ url, attempts: 1 });
  await migrate(pool, [LEASE_MIGRATIONS]);
  cleanup = async () => {
    await pool.end();
    await drop();
  };
  return pool;
}

describe('leases', () => {
  it('gives a job to one process at a time; the holder renews, the other waits', async () => {
    const db = await leases();
    expect(await acquireLease(db, 'index', 'a', 10_000)).toBe(true);
    expect(await acquireLease(db, 'index', 'b', 10_000)).toBe(false);
    expect(await acquireLease(db, 'index', 'a', 10_000)).toBe(true);
    expect(await renewLease(db, 'index', 'b', 10_000)).toBe(false);
    expect(await leaseHolder(db, 'index')).toBe('a');
  });

  it('lets another process take over when the holder stops renewing (it died)', async () => {
    const db = await leases();
    expect(await acquireLease(db, 'index', 'a', 50)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await leaseHolder(db, 'index')).toBeNull();
    expect(await acquireLease(db, 'index', 'b', 10_000)).toBe(true);
    expect(await renewLease(db, 'index', 'a', 10_000)).toBe(false);
  });

  it('is free at once after a clean release', async () => {
    const db = await leases();
    await acquireLease(db, 'index', 'a', 60_000);
    await releaseLease(db, 'index', 'a');
    expect(await acquireLease(db, 'index', 'b', 60_000)).toBe(true);
  });

  it('races fairly: of many processes asking at once exactly one wins', async () => {
    const db = await leases();
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => acquireLease(db, 'slot', `p${i}`, 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
