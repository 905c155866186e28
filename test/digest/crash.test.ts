/**
 * Crash safety: a child process runs the digest service against the emulator and a SQLite DATA_DIR; the
 * test SIGKILLs it at random points around its sends, 50 times, restarting it each time, then lets it
 * finish and checks that every slot was posted exactly once (each message once, each article once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestStore } from '../../src/digest/store.js';
import { startEmulator, type Emulator } from '../emulator/index.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const KILLS = 50;
/** Independent children run side by side (own channel, own DATA_DIR), so 50 restarts fit the time budget. */
const LANES = 5;
const SLOTS = 40;
const START = '2026-04-01T00:00:00.000Z';

let emulator: Emulator;
const dataDirs: string[] = [];
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Life {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
}

function launch(channelId: string, dataDir: string): Life {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      CRASH_API: emulator.apiUrl,
      CRASH_TOKEN: emulator.botToken,
      CRASH_CHANNEL: channelId,
      CRASH_DATA_DIR: dataDir,
      CRASH_START: START,
      CRASH_SLOTS: String(SLOTS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve();
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type KillPlan = [atSend: boolean, nth: number, jitterMs: number, delayMs: number];

/** One lane: kill the child at each planned point, restart it, then let it finish; returns kills made around a send. */
async function runLane(plans: KillPlan[]): Promise<{ channelId: string; dataDir: string; killsAroundSends: number }> {
  const channelId = emulator.createChannel(`crash-${dataDirs.length}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-crash-'));
  dataDirs.push(dataDir);
  const isPost = (request: { method: string; path: string }) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`;
  let killsAroundSends = 0;
  for (const [atSend, nth, jitterMs, delayMs] of plans) {
    const life = launch(channelId, dataDir);
    await life.ready;
    const seen = emulator.requests.length;
    const trigger = atSend
      ? // Just after the nth post of this life was answered: the child may or may not have recorded it.
        emulator
          .waitForRequest((request) => request.index >= seen && isPost(request) && emulator.requests.slice(seen, request.index + 1).filter(isPost).length >= nth, { timeoutMs: 60_000 })
          .then(() => sleep(jitterMs))
      : sleep(delayMs);
    const finished = await Promise.race([trigger.then(() => false), life.exited.then(() => true)]);
    if (!finished) {
      life.child.kill('SIGKILL');
      if (atSend) killsAroundSends += 1;
    }
    const code = await life.exited;
    expect(finished ? code : 'killed', life.output()).toBe(finished ? 0 : 'killed');
  }
  const last = launch(channelId, dataDir);
  expect(await last.exited, last.output()).toBe(0);
  expect(last.output()).toContain('done');
  return { channelId, dataDir, killsAroundSends };
}

function expectEverySlotOnce(channelId: string, dataDir: string): void {
  const store = DigestStore.open(dataDir);
  const [schedule] = store.schedules();
  const entries = store.entries(schedule?.id ?? 0);
  store.close();
  expect(entries).toHaveLength(SLOTS);
  expect(entries.every((entry) => entry.state === 'sent')).toBe(true);
  // Every message the ledger recorded exists, once, and nothing else was posted.
  const posts = emulator.messagesIn(channelId);
  const recorded = entries.flatMap((entry) => entry.messageIds);
  expect(new Set(recorded).size).toBe(recorded.length);
  expect(posts.map((post) => post.id).sort()).toEqual([...recorded].sort());
  // Every article appears exactly once in the channel.
  const text = posts.map((post) => post.embeds.map((embed) => `${embed.title}\n${embed.description}`).join('\n')).join('\n');
  for (let k = 0; k < SLOTS; k++) {
    const count = k % 3 === 0 ? 9 : 1;
    for (let index = 0; index < count; index++) expect(text.split(`Crash article ${k}.${index}`).length - 1, `article ${k}.${index}`).toBe(1);
  }
  const parts = entries.reduce((sum, entry) => sum + entry.messages.length, 0);
  expect(posts).toHaveLength(parts);
  expect(parts).toBeGreaterThan(SLOTS);
}

describe('crash safety', () => {
  it(`posts every slot exactly once though the process is SIGKILLed ${KILLS} times around its sends`, { timeout: 600_000 }, async () => {
    // Seeded, so a failing run can be replayed from the seed in the failure message.
    const seed = Date.now() % 100_000;
    const plans = fc.sample(
      fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })),
      { numRuns: KILLS, seed },
    );
    const lanes = await Promise.all(
      Array.from({ length: LANES }, (_, lane) => runLane(plans.slice((lane * KILLS) / LANES, ((lane + 1) * KILLS) / LANES))),
    );
    const killsAroundSends = lanes.reduce((sum, lane) => sum + lane.killsAroundSends, 0);
    expect(killsAroundSends, `seed ${seed}`).toBeGreaterThan(KILLS / 4);
    for (const lane of lanes) expectEverySlotOnce(lane.channelId, lane.dataDir);
  });
});
