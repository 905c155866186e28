/**
 * The process the crash-safety test kills. It runs the real digest service against the emulator and a
 * SQLite DATA_DIR, with an injected clock stepping through an hourly schedule's slots, one tick per slot.
 * Every run starts again from the first slot: slots already done are skipped by the ledger, and a post
 * found `intended` is finished with the same nonces. Prints "ready" once set up and "done" at the end.
 *
 * Environment: CRASH_API (emulator API URL), CRASH_TOKEN (bot token), CRASH_CHANNEL, CRASH_DATA_DIR,
 * CRASH_START (ISO, the schedule's creation), CRASH_SLOTS (how many hourly slots).
 */
import { REST } from 'discord.js';
import { DigestService } from '../../src/digest/service.js';
import { DigestStore } from '../../src/digest/store.js';
import { article, FakeCatalog, HOUR, scheduleDraft } from './fakes.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const start = Date.parse(env('CRASH_START'));
const slots = Number(env('CRASH_SLOTS'));
const channelId = env('CRASH_CHANNEL');

/** Slot k is at start + (k+1) hours; its articles arrive half an hour before. Every third slot is long (several messages). */
export function slotTime(k: number): number {
  return start + (k + 1) * HOUR;
}

const catalog = new FakeCatalog();
for (let k = 0; k < slots; k++) {
  const count = k % 3 === 0 ? 9 : 1;
  for (let index = 0; index < count; index++) {
    catalog.add(
      article({
        id: `slot-${k}-${index}.txt`,
        title: `Crash article ${k}.${index}`,
        date: '2026-04-01',
        addedAt: new Date(slotTime(k) - HOUR / 2 + index * 1000).toISOString(),
        summary: [`Summary for slot ${k} item ${index}. ${'A long sentence to fill the post. '.repeat(count > 1 ? 25 : 1)}`],
      }),
    );
  }
}

const store = DigestStore.open(env('CRASH_DATA_DIR'));
if (store.schedules().length === 0) {
  store.addSchedule(scheduleDraft({ channelId, cadence: 'hourly', time: '00:00', pattern: '0 * * * *', max: 25 }), new Date(start).toISOString());
}

let now = new Date(start);
const service = new DigestService({
  config: { DATA_DIR: env('CRASH_DATA_DIR'), DIGEST_CATCHUP_HOURS: 24 * 365, DISCORD_API_URL: env('CRASH_API') },
  catalog,
  store,
  now: () => now,
  rest: new REST({ api: env('CRASH_API') }).setToken(env('CRASH_TOKEN')),
  retry: { attempts: 5, backoffMs: () => 5, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
});

process.stdout.write('ready\n');
for (let k = 0; k < slots; k++) {
  now = new Date(slotTime(k) + 1000);
  await service.tick();
}
process.stdout.write('done\n');
await service.stop();
store.close();
// The REST client keeps connections open; the run is over.
process.exit(0);
