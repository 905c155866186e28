/**
 * Crash safety: a child process runs the digest service against the emulator and a SQLite DATA_DIR; the
 * test SIGKILLs it around its sends, 50 times, restarting it each time, then lets it finish and checks that
 * every slot was posted exactly once (each message once, each article once).
 *
 * Each kill lands just after the child's nth post of that life was answered, plus a few milliseconds: before
 * it read the answer (the message exists, the ledger does not know), while it records it, or as it sends the
 * next part. Some lives also get an answer lost outright (the connection drops after the message was made).
 * The emulator forgets nonces at once, so only the look at the channel before a resend stands between a
 * restart and a second post. The child is compiled to plain JavaScript once, so each life starts cheaply.
 * A smaller run (10 kills) does the same to a follow, whose posts go through the same ledger and delivery.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDigestStore, type LedgerEntry } from '../../src/digest/store.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { expectEverySlotOnce, hasUnrecorded, kill, nthPostAfter, postRouteOf, sleep, startLife, type Life } from './killedLives.js';
import { compileForNode, type CompiledChild } from './nodeChild.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KILLS = 50;
/** The follow test: two lanes of five kills. */
const FOLLOW_KILLS = 10;
/** Independent children run side by side (own channel, own DATA_DIR). */
const LANES = 5;
/**
 * 45 messages a lane. A life gets one or two out before its kill (measured: 11 to 15 for the ten killed
 * lives of a lane), so a lane never runs out of work before its last kill; the last life posts the rest.
 */
type Kind = 'digest' | 'follow';

const SLOTS = 30;
/** The follow test's five kills a lane need fewer. */
const FOLLOW_SLOTS = 15;
const slotsOf = (kind: Kind) => (kind === 'follow' ? FOLLOW_SLOTS : SLOTS);
const START = '2026-04-01T00:00:00.000Z';

let emulator: Emulator;
let child: CompiledChild;
const dataDirs: string[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ nonceWindowMs: 1 });
  child = compileForNode(CHILD, ROOT);
});
afterAll(async () => {
  await emulator?.close();
  if (child) fs.rmSync(child.dir, { recursive: true, force: true });
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function launch(channelId: string, dataDir: string, kind: Kind): Life {
  return startLife(child.file, {
    CRASH_API: emulator.apiUrl,
    CRASH_TOKEN: emulator.botToken,
    CRASH_CHANNEL: channelId,
    CRASH_DATA_DIR: dataDir,
    CRASH_START: START,
    CRASH_SLOTS: String(slotsOf(kind)),
    CRASH_KIND: kind,
  });
}

/** nth: kill after this life's nth answered post; jitterMs: that much later; hangup: lose the answer to its first post. */
type KillPlan = [nth: number, jitterMs: number, hangup: boolean];

async function ledger(dataDir: string): Promise<LedgerEntry[]> {
  const store = SqliteDigestStore.open(dataDir);
  try {
    return await store.entries((await store.schedules())[0]?.id ?? 0);
  } finally {
    await store.close();
  }
}

interface LaneResult {
  channelId: string;
  dataDir: string;
  /** Kills after which a message was in the channel that the ledger did not know about. */
  unrecordedAtKill: number;
}

/** One lane: a life per plan, each killed around a send, then a last life that finishes. */
async function runLane(lane: number, plans: KillPlan[], kind: Kind = 'digest'): Promise<LaneResult> {
  const channelId = emulator.createChannel(`crash-${kind}-${lane}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-crash-'));
  dataDirs.push(dataDir);
  let unrecordedAtKill = 0;
  for (const [nth, jitterMs, hangup] of plans) {
    if (hangup) emulator.failNext(1, { status: 'hangup', applied: true, route: postRouteOf(channelId) });
    const life = launch(channelId, dataDir, kind);
    const answered = nthPostAfter(emulator, channelId, emulator.requests.length, nth);
    try {
      const finished = await Promise.race([answered.then(() => sleep(jitterMs)).then(() => false), life.exited.then(() => true)]);
      expect(finished, `lane ${lane}: a life finished before its kill (raise SLOTS)\n${life.output()}`).toBe(false);
    } finally {
      await kill(life);
    }
    if (hasUnrecorded(emulator, channelId, await ledger(dataDir))) unrecordedAtKill += 1;
  }
  const last = launch(channelId, dataDir, kind);
  expect(await last.exited, last.output()).toBe(0);
  expect(last.output()).toContain('done');
  return { channelId, dataDir, unrecordedAtKill };
}

async function expectEverySlotOnceIn({ channelId, dataDir }: LaneResult, kind: Kind = 'digest'): Promise<void> {
  expectEverySlotOnce(emulator, channelId, await ledger(dataDir), slotsOf(kind), kind);
}

describe('crash safety', () => {
  it(`posts every slot exactly once though the process is SIGKILLed ${KILLS} times around its sends`, { timeout: 600_000 }, async () => {
    // Seeded, so a failing run can be replayed from the seed in the failure message.
    const seed = Date.now() % 100_000;
    const plans = fc.sample(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 8 }), fc.boolean()), { numRuns: KILLS, seed });
    const perLane = KILLS / LANES;
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane, plans.slice(lane * perLane, (lane + 1) * perLane))));
    for (const lane of lanes) await expectEverySlotOnceIn(lane);
    // The dangerous case happened: kills that left a post in the channel which only the look could find.
    expect(lanes.reduce((sum, lane) => sum + lane.unrecordedAtKill, 0), `seed ${seed}`).toBeGreaterThan(0);
  });

  it(`posts every followed article exactly once though the process is SIGKILLed ${FOLLOW_KILLS} times`, { timeout: 300_000 }, async () => {
    const seed = Date.now() % 100_000;
    const plans = fc.sample(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 8 }), fc.boolean()), { numRuns: FOLLOW_KILLS, seed });
    const lanes = await Promise.all([0, 1].map((lane) => runLane(lane, plans.slice(lane * 5, lane * 5 + 5), 'follow')));
    for (const lane of lanes) await expectEverySlotOnceIn(lane, 'follow');
    expect(lanes.reduce((sum, lane) => sum + lane.unrecordedAtKill, 0), `seed ${seed}`).toBeGreaterThan(0);
  });
});
