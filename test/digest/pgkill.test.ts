/**
 * Exactly once across processes: two digest processes (pgkill-child.ts) on ONE PostgreSQL database with the
 * same schedule post to the emulator while the test SIGKILLs one of them 30 times, restarting it each time,
 * then lets them finish and checks that every slot was posted exactly once and none was missed (each
 * message once, each article once, every slot present and sent).
 *
 * Both processes pass over the schedule every few milliseconds on a shared clock (the test moves it to the
 * next hourly slot once the current one has a ledger row), so they meet on every slot: one holds the slot's
 * lease, the other is refused, and a post interrupted by a kill is finished by whichever process takes the
 * lease once it expires (short here, so takeovers are quick). Each kill lands a few milliseconds after the
 * nth post since the last kill was answered, and falls on the process that made that post (mid-post, often
 * before it recorded the message) or on the other one (waiting). Some posts lose their answer outright. The
 * emulator forgets nonces at once, and the children hold each post up to 30 ms on its way to Discord, so only
 * the lease, the SQL-guarded ledger and the look at the channel before a resend stand between two processes
 * and a second post (with claimSlot handing out claims without a lease, this test fails: a part posted twice).
 * The seed of the plan (PGKILL_SEED) is in every failure message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDigestStore } from '../../src/digest/pgStore.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { startEmulator, type Emulator, type RecordedRequest } from '../emulator/index.js';
import { freshDatabase } from '../helpers/postgres.js';
import { crashSlotTime } from './crashCorpus.js';
import { scheduleDraft } from './fakes.js';
import { expectEverySlotOnce, hasUnrecorded, kill, nthPostAfter, postRouteOf, sleep, startLife, type Life } from './killedLives.js';
import { compileForNode, type CompiledChild } from './nodeChild.js';

const CHILD = fileURLToPath(new URL('./pgkill-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KILLS = 30;
/** Enough posts that the run never runs out before its last kill (a kill waits for one or two posts; measured: 30 kills took about 60 of its 80-odd messages). */
const SLOTS = 50;
/** Slot lease of the children: a killed holder's slot is free again this soon. */
const LEASE_MS = 1_000;
const START = '2026-04-01T00:00:00.000Z';
const NAMES = ['A', 'B'] as const;
type Name = (typeof NAMES)[number];

let emulator: Emulator;
let child: CompiledChild;
let database: { url: string; drop: () => Promise<void> };
let pool: pg.Pool;
let store: PgDigestStore;
let clockDir: string;
/** Every life started, so none outlives a failed run. */
const started: Life[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ nonceWindowMs: 1 });
  child = compileForNode(CHILD, ROOT);
  database = await freshDatabase();
  pool = await openPostgres({ url: database.url, attempts: 1 });
  store = await PgDigestStore.open(pool);
  clockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-pgkill-'));
});
afterAll(async () => {
  for (const life of started) await kill(life);
  await emulator?.close();
  await store?.close();
  await pool?.end();
  await database?.drop();
  if (child) fs.rmSync(child.dir, { recursive: true, force: true });
  if (clockDir) fs.rmSync(clockDir, { recursive: true, force: true });
});

/** Written whole (rename), so a child never reads half a clock. */
function setClock(value: string): void {
  const file = path.join(clockDir, 'clock');
  fs.writeFileSync(`${file}.next`, value);
  fs.renameSync(`${file}.next`, file);
}

function launch(name: Name): Life {
  const life = startLife(child.file, {
    KILL_API: emulator.apiUrl,
    KILL_TOKEN: emulator.botToken,
    KILL_DATABASE_URL: database.url,
    KILL_START: START,
    KILL_SLOTS: String(SLOTS),
    KILL_CLOCK: path.join(clockDir, 'clock'),
    KILL_NAME: name,
    KILL_LEASE_MS: String(LEASE_MS),
  });
  started.push(life);
  return life;
}

/** Which process made a request (the children put their name at the end of their User-Agent). */
const madeBy = (request: RecordedRequest): Name => (String(request.headers['user-agent']).trim().endsWith('A') ? 'A' : 'B');
const otherThan = (name: Name): Name => (name === 'A' ? 'B' : 'A');

/** Slot leases held by a process's life, by its pid (the children's lease holder is `name:pid`). */
async function leasesHeld(name: Name, life: Life): Promise<number> {
  const { rows } = await pool.query(`SELECT 1 FROM leases WHERE name LIKE 'digest:%' AND holder = $1`, [`${name}:${life.child.pid}`]);
  return rows.length;
}

const slotKey = (k: number) => new Date(crashSlotTime(Date.parse(START), k)).toISOString();

/** The test's clock: at slot k until slot k has a ledger row, then k + 1, up to the last slot. */
async function runClock(scheduleId: number, stopped: () => boolean): Promise<void> {
  for (let k = 0; k < SLOTS - 1 && !stopped(); ) {
    if (await store.entry(scheduleId, slotKey(k))) setClock(String(++k));
    else await sleep(10);
  }
}

interface KillPlan {
  /** 'poster': the process that made the post waited for; 'other': the one that did not. */
  victim: 'poster' | 'other';
  nth: number;
  jitterMs: number;
  hangup: boolean;
}

const killPlan = fc.record({
  victim: fc.constantFrom<KillPlan['victim']>('poster', 'other'),
  nth: fc.integer({ min: 1, max: 2 }),
  jitterMs: fc.integer({ min: 0, max: 8 }),
  hangup: fc.boolean(),
});

describe('digests on PostgreSQL across processes', () => {
  it(`two processes post every slot exactly once though one or the other is SIGKILLed ${KILLS} times`, { timeout: 300_000 }, async () => {
    const seed = Number(process.env.PGKILL_SEED ?? 20_261_203);
    try {
      const plans = fc.sample(killPlan, { numRuns: KILLS, seed });
      const channelId = emulator.createChannel('pgkill');
      const schedule = await store.addSchedule(scheduleDraft({ channelId, cadence: 'hourly', time: '00:00', pattern: '0 * * * *', max: 25 }), START);
      setClock('0');
      const lives: Record<Name, Life> = { A: launch('A'), B: launch('B') };
      let finished = false;
      const clock = runClock(schedule.id, () => finished);
      let holderKills = 0;
      let waitingKills = 0;
      let unrecordedAtKill = 0;
      try {
        for (const [index, plan] of plans.entries()) {
          if (plan.hangup) emulator.failNext(1, { status: 'hangup', applied: true, route: postRouteOf(channelId) });
          const post = await nthPostAfter(emulator, channelId, emulator.requests.length, plan.nth, 60_000).catch((error: unknown) => {
            throw new Error(`no post before kill ${index + 1} (raise SLOTS?)\nA: ${lives.A.output()}\nB: ${lives.B.output()}`, { cause: error });
          });
          await sleep(plan.jitterMs);
          const victim = plan.victim === 'poster' ? madeBy(post) : otherThan(madeBy(post));
          const life = lives[victim];
          await kill(life);
          const survivor = otherThan(victim);
          if ((await leasesHeld(victim, life)) > 0) holderKills += 1;
          else if ((await leasesHeld(survivor, lives[survivor])) > 0) waitingKills += 1;
          if (hasUnrecorded(emulator, channelId, await store.entries(schedule.id))) unrecordedAtKill += 1;
          expect(life.output(), `the ${victim} process failed before its kill`).not.toMatch(/Error/);
          lives[victim] = launch(victim);
        }
        // Let them finish: the last slot sent (every earlier one is finished before a later one is posted).
        for (let waited = 0; (await store.entry(schedule.id, slotKey(SLOTS - 1)))?.state !== 'sent'; waited += 50) {
          expect(waited, 'the last slot was not sent within 60 s of the last kill').toBeLessThan(60_000);
          await sleep(50);
        }
      } finally {
        finished = true;
        await clock;
        setClock('stop');
      }
      for (const name of NAMES) {
        expect(await lives[name].exited, lives[name].output()).toBe(0);
        expect(lives[name].output()).toContain('done');
      }
      expectEverySlotOnce(emulator, channelId, await store.entries(schedule.id), SLOTS, 'digest');
      // The dangerous cases happened: kills of a slot's lease holder mid-post, kills of the waiting process,
      // and kills that left a message in the channel that only the look could find.
      expect(holderKills).toBeGreaterThan(0);
      expect(waitingKills).toBeGreaterThan(0);
      expect(unrecordedAtKill).toBeGreaterThan(0);
      // Both processes posted.
      const posters = new Set(emulator.requests.filter((request) => `${request.method} ${request.path}` === postRouteOf(channelId)).map(madeBy));
      expect([...posters].sort()).toEqual(['A', 'B']);
    } catch (error) {
      if (error instanceof Error) error.message = `[PGKILL_SEED=${seed}] ${error.message}`;
      throw error;
    }
  });
});
