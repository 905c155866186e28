import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/digest/migrations.js';
import { DIGEST_DB_FILE, SqliteDigestStore } from '../../src/digest/store.js';
import { intendedPost as intended, scheduleDraft } from './fakes.js';

const draft = scheduleDraft({ timezone: 'Europe/Berlin' });

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
    expect(entry?.messages).toEqual(intended(0, '', '').messages);
    await reopened.close();
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
