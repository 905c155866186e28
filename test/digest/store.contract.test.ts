/**
 * The digest store contract: every store (SQLite in DATA_DIR, PostgreSQL shared by processes) keeps
 * schedules and the ledger the same way. The PostgreSQL run uses the test server (test/helpers/postgresServer.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listingKeys } from '../../src/answers/digest.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { PgDigestStore } from '../../src/digest/pgStore.js';
import { SqliteDigestStore, type DigestStore } from '../../src/digest/store.js';
import { freshDatabase } from '../helpers/postgres.js';
import { intendedPost as intended, scheduleDraft } from './fakes.js';

const draft = scheduleDraft({ timezone: 'Europe/Berlin' });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A PostgreSQL store on a database of its own; `ttlMs` for its slot leases. */
async function openPgStore(leaseTtlMs?: number, holder?: string): Promise<PgDigestStore> {
  const { url, drop } = await freshDatabase();
  const pool = await openPostgres({ url, attempts: 1 });
  const store = await PgDigestStore.open(pool, { ...(leaseTtlMs ? { leaseTtlMs } : {}), ...(holder ? { holder } : {}) });
  cleanups.push(async () => {
    await store.close();
    await pool.end();
    await drop();
  });
  return store;
}

const stores: [string, () => Promise<DigestStore>][] = [
  ['SQLite', async () => SqliteDigestStore.open(':memory:')],
  ['PostgreSQL', () => openPgStore()],
];

describe.each(stores)('digest store contract on %s', (_name, open) => {
    it('moves a slot intended → sent, and the schedule back to ok', async () => {
      const store = await open();
      const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      const slot = '2026-01-02T08:00:00.000Z';
      await store.recordIntended(intended(id, slot, slot), slot);
      await store.markFailing(id, 'Missing Permissions', slot);
      expect((await store.schedule(id))?.status).toBe('failing');
      await store.recordAttempt(id, slot, slot);
      await store.recordPartSent(id, slot, 0, 'a', slot);
      await store.recordPartSent(id, slot, 1, 'b', slot);
      await store.recordSent(id, slot, '2026-01-02T08:00:02.000Z');
      const entry = (await store.entry(id, slot));
      expect(entry).toMatchObject({ state: 'sent', attempts: 1, messageIds: ['a', 'b'], sentAt: '2026-01-02T08:00:02.000Z' });
      expect((await store.schedule(id))).toMatchObject({ status: 'ok', failure: null, lastSlot: slot, lastPostAt: '2026-01-02T08:00:02.000Z' });
      expect((await store.unfinished(id))).toEqual([]);
    });

    it('refuses a second row for the same slot: a slot is posted once', async () => {
      const store = await open();
      const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      const slot = '2026-01-02T08:00:00.000Z';
      await store.recordIntended(intended(id, slot, slot), slot);
      await expect(store.recordIntended(intended(id, slot, slot), slot)).rejects.toThrow(/UNIQUE|unique|duplicate/);
      await expect(store.recordSkipped({ scheduleId: id, slot, trigger: 'schedule', since: slot, cutoff: slot }, slot)).rejects.toThrow(/UNIQUE|unique|duplicate/);
    });

    it('starts the next window at the latest cutoff that went out or was empty, not at a failed one', async () => {
      const store = await open();
      const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      expect((await store.coveredUntil(id))).toBeNull();
      await store.recordSkipped({ scheduleId: id, slot: '2026-01-02T08:00:00.000Z', trigger: 'schedule', since: 'x', cutoff: '2026-01-02T08:00:05.000Z' }, 'now');
      expect((await store.coveredUntil(id))).toBe('2026-01-02T08:00:05.000Z');
      await store.recordIntended(intended(id, '2026-01-03T08:00:00.000Z', '2026-01-03T08:00:05.000Z'), 'now');
      await store.recordFailed(id, '2026-01-03T08:00:00.000Z', 'Unknown Channel', 'now');
      expect((await store.entry(id, '2026-01-03T08:00:00.000Z'))).toMatchObject({ state: 'failed', reason: 'Unknown Channel' });
      expect((await store.coveredUntil(id))).toBe('2026-01-02T08:00:05.000Z');
    });

    it('remembers the articles a post covers while it is out, going out, or partly out, and forgets them with its schedule', async () => {
      const store = await open();
      const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      const listed = (articleId: string) => ({ articleId, addedAt: '2026-01-01T10:00:00.000Z', title: `Title ${articleId}` });
      const post = (slot: string, articleId: string) => ({ ...intended(id, slot, slot), articles: [listed(articleId)] });
      await store.recordIntended(post('2026-01-02T08:00:00.000Z', 'sent.txt'), 'now');
      await store.recordSent(id, '2026-01-02T08:00:00.000Z', 'now');
      await store.recordIntended(post('2026-01-03T08:00:00.000Z', 'failed.txt'), 'now');
      await store.recordFailed(id, '2026-01-03T08:00:00.000Z', 'Unknown Channel', 'now');
      await store.recordIntended(post('2026-01-04T08:00:00.000Z', 'partial.txt'), 'now');
      await store.recordPartSent(id, '2026-01-04T08:00:00.000Z', 0, '77', 'now');
      await store.recordFailed(id, '2026-01-04T08:00:00.000Z', 'Missing Permissions', 'now');
      await store.recordIntended(post('2026-01-05T08:00:00.000Z', 'pending.txt'), 'now');
      const keys = (await store.listedArticles(id));
      const has = (articleId: string) => listingKeys(listed(articleId)).every((key) => keys.has(key));
      expect(['sent.txt', 'failed.txt', 'partial.txt', 'pending.txt'].map(has)).toEqual([true, false, true, true]);
      expect((await store.partlySent(id)).map((entry) => entry.slot)).toEqual(['2026-01-04T08:00:00.000Z']);
      expect((await store.reopen(id, '2026-01-04T08:00:00.000Z', 'later'))).toMatchObject({ state: 'intended', messageIds: ['77', null] });
      expect((await store.untrackedUntil(id))).toBeNull();
      await store.removeSchedule(id);
      expect((await store.listedArticles(id)).size).toBe(0);
    });

    it('does not look back past a post made before article lists were kept', async () => {
      const store = await open();
      const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      await store.recordIntended({ ...intended(id, '2026-01-02T08:00:00.000Z', '2026-01-02T08:00:05.000Z'), articles: [] }, 'now');
      await store.recordSent(id, '2026-01-02T08:00:00.000Z', 'now');
      expect((await store.untrackedUntil(id))).toBe('2026-01-02T08:00:05.000Z');
    });

    it('removes a schedule with its ledger, and never reuses its id', async () => {
      const store = await open();
      const first = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      await store.recordSkipped({ scheduleId: first.id, slot: 's', trigger: 'schedule', since: 'a', cutoff: 'b' }, 'now');
      expect((await store.removeSchedule(first.id))).toBe(true);
      expect((await store.removeSchedule(first.id))).toBe(false);
      expect((await store.entries(first.id))).toEqual([]);
      const second = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
      expect(second.id).toBeGreaterThan(first.id);
    });

    it('lists a guild’s schedules only', async () => {
      const store = await open();
      await store.addSchedule(draft, '2026-01-01T00:00:00.000Z');
      await store.addSchedule({ ...draft, guildId: '100000000000000002' }, '2026-01-01T00:00:00.000Z');
      expect((await store.schedules(draft.guildId))).toHaveLength(1);
      expect((await store.schedules())).toHaveLength(2);
    });
});
