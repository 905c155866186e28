import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPostgres } from '../../../src/lib/postgres/connect.js';
import { keepListening, type Listener } from '../../../src/lib/postgres/listen.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { cutListeners, listeningBackends } from './backends.js';

const CHANNEL = 'newsdesk_test';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<pg.Pool> {
  const { url, drop } = await freshDatabase();
  const pool = await openPostgres({ url, attempts: 1 });
  cleanups.push(async () => {
    await pool.end();
    await drop();
  });
  return pool;
}

function listen(pool: pg.Pool, heard: string[], reconnections: boolean[], errors: string[] = []): Listener {
  const listener = keepListening({
    pool,
    channel: CHANNEL,
    onNotification: (payload) => heard.push(payload ?? ''),
    onListening: (again) => reconnections.push(again),
    onError: (reason) => errors.push(reason),
    minDelayMs: 50,
  });
  cleanups.push(() => listener.stop());
  return listener;
}

const notify = (pool: pg.Pool, payload: string) => pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);

describe('keepListening', () => {
  it('hears notifications, and listens again on a new connection after its connection is cut', async () => {
    const pool = await database();
    const heard: string[] = [];
    const listenings: boolean[] = [];
    const errors: string[] = [];
    const listener = listen(pool, heard, listenings, errors);
    expect(await listener.started).toBe(true);
    await notify(pool, 'one');
    await vi.waitFor(() => expect(heard).toEqual(['one']));

    const [cut] = await cutListeners(pool, CHANNEL);
    expect(cut).toBeDefined();
    // The caller is told it listens again (to catch up on what it missed), on another backend.
    await vi.waitFor(() => expect(listenings).toEqual([false, true]), { timeout: 5_000 });
    expect(errors.length).toBeGreaterThan(0);
    expect(listener.listening()).toBe(true);
    const now = await listeningBackends(pool, CHANNEL);
    expect(now).toHaveLength(1);
    expect(now).not.toContain(cut);
    await notify(pool, 'two');
    await vi.waitFor(() => expect(heard).toEqual(['one', 'two']));
  });

  it('keeps trying while it cannot connect, and listens once it can', async () => {
    const pool = await database();
    // A pool that cannot hand out a connection for a while (all taken), like a server not accepting yet.
    const tight = await openPostgres({ url: (pool.options as { connectionString: string }).connectionString, attempts: 1, poolMax: 1, connectTimeoutMs: 100 });
    cleanups.push(() => tight.end());
    const held = await tight.connect();
    const heard: string[] = [];
    const listenings: boolean[] = [];
    const errors: string[] = [];
    const listener = listen(tight, heard, listenings, errors);
    expect(await listener.started).toBe(false);
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(1), { timeout: 5_000 });
    held.release();
    await vi.waitFor(() => expect(listenings).toEqual([false]), { timeout: 5_000 });
    await notify(pool, 'late');
    await vi.waitFor(() => expect(heard).toEqual(['late']));
  });

  it('closes its connection when stopped', async () => {
    const pool = await database();
    const listener = listen(pool, [], []);
    await listener.started;
    expect(await listeningBackends(pool, CHANNEL)).toHaveLength(1);
    await listener.stop();
    expect(listener.listening()).toBe(false);
    await vi.waitFor(async () => expect(await listeningBackends(pool, CHANNEL)).toEqual([]));
  });
});
