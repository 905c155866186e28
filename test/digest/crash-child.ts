/**
 * The process the crash-safety test kills. It runs the real digest service against the emulator and a
 * SQLite DATA_DIR, with an injected clock stepping through an hourly schedule's slots, one tick per slot.
 * Every run starts again from the first slot: slots already done are skipped by the ledger, and a post
 * found `intended` is finished (each part not recorded is looked for in the channel first). Prints "ready"
 * once set up and "done" at the end. It loads only what the digest service loads (the REST client, not
 * all of discord.js), since the test starts it some sixty times; crash.test.ts compiles it to plain JS.
 *
 * With CRASH_KIND=follow it runs a topic follow instead (every article matches): the articles of slot k
 * appear in the catalog at step k, and each step's pass posts those no post of the follow listed.
 *
 * Environment: CRASH_API (emulator API URL), CRASH_TOKEN (bot token), CRASH_CHANNEL, CRASH_DATA_DIR,
 * CRASH_START (ISO, the schedule's creation), CRASH_SLOTS (how many hourly slots), CRASH_KIND.
 */
import { REST } from '@discordjs/rest';
import { DigestService } from '../../src/digest/service.js';
import { SqliteDigestStore } from '../../src/digest/store.js';
import { crashCorpus, crashSlotTime } from './crashCorpus.js';
import { FakeCatalog, scheduleDraft } from './fakes.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const start = Date.parse(env('CRASH_START'));
const slots = Number(env('CRASH_SLOTS'));
const channelId = env('CRASH_CHANNEL');
const follow = process.env.CRASH_KIND === 'follow';
const articles = crashCorpus(start, slots);
const catalog = new FakeCatalog(follow ? [] : articles);

const store = SqliteDigestStore.open(env('CRASH_DATA_DIR'));
if ((await store.schedules()).length === 0) {
  const draft = scheduleDraft({ channelId, cadence: 'hourly', time: '00:00', pattern: '0 * * * *', max: 25 });
  await store.addSchedule(follow ? { ...draft, kind: 'follow', filter: 'crash', max: 10 } : draft, new Date(start).toISOString());
}

let now = new Date(start);
const service = new DigestService({
  config: { DATA_DIR: env('CRASH_DATA_DIR'), DIGEST_CATCHUP_HOURS: 24 * 365, DISCORD_API_URL: env('CRASH_API') },
  catalog,
  store,
  now: () => now,
  // No retries inside the REST client: a resend must come after a look at the channel (sendWithRetry).
  rest: new REST({ api: env('CRASH_API'), retries: 0 }).setToken(env('CRASH_TOKEN')),
  retry: { attempts: 5, backoffMs: () => 5, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
});

process.stdout.write('ready\n');
for (let k = 0; k < slots; k++) {
  now = new Date(crashSlotTime(start, k) + 1000);
  if (follow) catalog.add(...articles.filter((item) => Date.parse(item.addedAt) <= now.getTime() && !catalog.get(item.id)));
  await service.tick();
}
process.stdout.write('done\n');
await service.stop();
await store.close();
// The REST client keeps connections open; the run is over.
process.exit(0);
