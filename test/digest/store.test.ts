import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listingKeys } from '../../src/answers/digest.js';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/digest/migrations.js';
import { DIGEST_DB_FILE, SqliteDigestStore } from '../../src/digest/store.js';
import { scheduleDraft } from './fakes.js';

const draft = scheduleDraft({ timezone: 'Europe/Berlin' });
const message = { embeds: [{ title: 'Digest', description: 'one' }] };
const intended = (scheduleId: number, slot: string, cutoff: string) => ({
  scheduleId,
  slot,
  trigger: 'schedule' as const,
  since: '2026-01-01T00:00:00.000Z',
  cutoff,
  articleCount: 1,
  messages: [message, message],
  nonces: ['n0', 'n1'],
  articles: [],
});

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-digest-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('DigestStore', () => {
  it('creates DATA_DIR and a WAL database that keeps schedules and the ledger across reopening', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = SqliteDigestStore.open(dir);
    const schedule = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
    await store.recordIntended(intended(schedule.id, '2026-01-02T08:00:00.000Z', '2026-01-02T08:00:00.000Z'), '2026-01-02T08:00:00.000Z');
    await store.recordPartSent(schedule.id, '2026-01-02T08:00:00.000Z', 0, '555', '2026-01-02T08:00:01.000Z');
    await store.close();
    expect(fs.readdirSync(dir)).toContain('digests.sqlite');

    const reopened = SqliteDigestStore.open(dir);
    expect((await reopened.schedules(draft.guildId))).toHaveLength(1);
    const [entry] = (await reopened.unfinished(schedule.id));
    expect(entry?.state).toBe('intended');
    expect(entry?.messageIds).toEqual(['555', null]);
    expect(entry?.nonces).toEqual(['n0', 'n1']);
    expect(entry?.messages).toEqual([message, message]);
    await reopened.close();
  });

  it('moves a slot intended → sent, and the schedule back to ok', async () => {
    const store = SqliteDigestStore.open(':memory:');
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
    const store = SqliteDigestStore.open(':memory:');
    const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
    const slot = '2026-01-02T08:00:00.000Z';
    await store.recordIntended(intended(id, slot, slot), slot);
    await expect(store.recordIntended(intended(id, slot, slot), slot)).rejects.toThrow(/UNIQUE/);
    await expect(store.recordSkipped({ scheduleId: id, slot, trigger: 'schedule', since: slot, cutoff: slot }, slot)).rejects.toThrow(/UNIQUE/);
  });

  it('starts the next window at the latest cutoff that went out or was empty, not at a failed one', async () => {
    const store = SqliteDigestStore.open(':memory:');
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
    const store = SqliteDigestStore.open(':memory:');
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
    const store = SqliteDigestStore.open(':memory:');
    const { id } = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
    await store.recordIntended({ ...intended(id, '2026-01-02T08:00:00.000Z', '2026-01-02T08:00:05.000Z'), articles: [] }, 'now');
    await store.recordSent(id, '2026-01-02T08:00:00.000Z', 'now');
    expect((await store.untrackedUntil(id))).toBe('2026-01-02T08:00:05.000Z');
  });

  it('removes a schedule with its ledger, and never reuses its id', async () => {
    const store = SqliteDigestStore.open(':memory:');
    const first = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
    await store.recordSkipped({ scheduleId: first.id, slot: 's', trigger: 'schedule', since: 'a', cutoff: 'b' }, 'now');
    expect((await store.removeSchedule(first.id))).toBe(true);
    expect((await store.removeSchedule(first.id))).toBe(false);
    expect((await store.entries(first.id))).toEqual([]);
    const second = (await store.addSchedule(draft, '2026-01-01T00:00:00.000Z'));
    expect(second.id).toBeGreaterThan(first.id);
  });

  it('lists a guild’s schedules only', async () => {
    const store = SqliteDigestStore.open(':memory:');
    await store.addSchedule(draft, '2026-01-01T00:00:00.000Z');
    await store.addSchedule({ ...draft, guildId: '100000000000000002' }, '2026-01-01T00:00:00.000Z');
    expect((await store.schedules(draft.guildId))).toHaveLength(1);
    expect((await store.schedules())).toHaveLength(2);
  });
});

describe('DigestStore migrations', () => {
  it('upgrades a database made before schema versions, keeping its schedules and ledger', async () => {
    const dir = tempDir();
    // The schema as shipped before migrations (user_version 0), with one schedule that has posted.
    const old = new Database(path.join(dir, DIGEST_DB_FILE));
    old.exec(MIGRATIONS[0] as string);
    old.prepare(`INSERT INTO schedules (guild_id, channel_id, cadence, time, timezone, pattern, max, created_at) VALUES ('g', '200000000000000001', 'daily', '09:00', 'UTC', '0 9 * * *', 10, '2026-01-01T00:00:00.000Z')`).run();
    old.prepare(`INSERT INTO ledger (schedule_id, slot, state, trigger, since, cutoff, article_count, created_at, updated_at) VALUES (1, '2026-01-02T09:00:00.000Z', 'sent', 'schedule', 'a', '2026-01-02T09:00:00.000Z', 1, 'x', 'x')`).run();
    old.prepare(`INSERT INTO ledger_articles VALUES (1, '2026-01-02T09:00:00.000Z', 'a.txt', '2026-01-01T10:00:00.000Z', 'Title a')`).run();
    old.close();

    const store = SqliteDigestStore.open(dir);
    expect((await store.schedules('g'))).toMatchObject([{ id: 1, kind: 'digest', pausedAt: null, slotsFrom: null, cadence: 'daily' }]);
    expect((await store.entries(1))).toMatchObject([{ state: 'sent', articleCount: 1 }]);
    expect((await store.listedArticles(1)).size).toBe(2);
    await store.setPaused(1, '2026-01-03T00:00:00.000Z');
    expect((await store.schedule(1))?.pausedAt).toBe('2026-01-03T00:00:00.000Z');
    await store.close();

    const reopened = new Database(path.join(dir, DIGEST_DB_FILE));
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await reopened.close();
    // Opening again applies nothing twice.
    SqliteDigestStore.open(dir).close();
  });

  it('refuses a database from a newer version, saying so', async () => {
    const dir = tempDir();
    const newer = new Database(path.join(dir, DIGEST_DB_FILE));
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => SqliteDigestStore.open(dir)).toThrow(/newer than this Newsdesk understands/);
  });
});
