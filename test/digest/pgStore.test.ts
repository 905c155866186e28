/** What only the PostgreSQL digest store does (the shared behaviour is in store.contract.test.ts): hearing other processes' edits. */
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIGEST_CHANNEL, PgDigestStore } from '../../src/digest/pgStore.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { freshDatabase } from '../helpers/postgres.js';
import { cutListeners, listeningBackends } from '../lib/postgres/backends.js';
import { scheduleDraft } from './fakes.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two processes' stores on one database (a pool each). */
async function twoStores(): Promise<{ pools: pg.Pool[]; stores: PgDigestStore[] }> {
  const { url, drop } = await freshDatabase();
  cleanups.push(drop);
  const pools: pg.Pool[] = [];
  const stores: PgDigestStore[] = [];
  for (let i = 0; i < 2; i++) {
    const pool = await openPostgres({ url, attempts: 1 });
    const store = await PgDigestStore.open(pool);
    cleanups.push(async () => {
      await store.close();
      await pool.end();
    });
    pools.push(pool);
    stores.push(store);
  }
  return { pools, stores };
}

describe('PostgreSQL digest store across processes', () => {
  it("hears another process's schedule edits, also after its listening connection was cut", async () => {
    const { pools, stores } = await twoStores();
    const [pool, listening, editing] = [pools[0]!, stores[0]!, stores[1]!];
    const schedule = await editing.addSchedule(scheduleDraft(), '2026-04-01T00:00:00.000Z');
    let wakes = 0;
    listening.onScheduleChange(() => (wakes += 1));
    await vi.waitFor(async () => expect(await listeningBackends(pool, DIGEST_CHANNEL)).toHaveLength(1));
    await editing.updateSchedule(schedule.id, { max: 5 });
    await vi.waitFor(() => expect(wakes).toBe(1));

    // The connection is cut (a server restart would do the same); an edit made meanwhile still wakes the scheduler.
    const [cut] = await cutListeners(pool, DIGEST_CHANNEL);
    await editing.updateSchedule(schedule.id, { max: 6 });
    await vi.waitFor(() => expect(wakes).toBeGreaterThan(1), { timeout: 5_000 });
    await vi.waitFor(
      async () => {
        const backends = await listeningBackends(pool, DIGEST_CHANNEL);
        expect(backends).toHaveLength(1);
        expect(backends).not.toContain(cut);
      },
      { timeout: 5_000 },
    );
    // And the new connection hears the next edit.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = wakes;
    await editing.setPaused(schedule.id, '2026-04-02T00:00:00.000Z');
    await vi.waitFor(() => expect(wakes).toBe(before + 1), { timeout: 5_000 });
  });
});
