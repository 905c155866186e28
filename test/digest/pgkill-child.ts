/**
 * One of the two digest processes the PostgreSQL kill test (pgkill.test.ts) runs on one database. It runs
 * the real digest service against the emulator with a PgDigestStore (short slot leases, so a killed holder's
 * slot is taken over quickly) and passes over the schedules every few milliseconds. Its clock is the test's:
 * a file holding the index of the current hourly slot (the test moves it on once that slot has a ledger row),
 * or "stop" to end. Both processes read the same file, so both try to post the same slot at the same time.
 * Prints "ready" once set up and "done" at the end. Compiled to plain JS by the test (nodeChild.ts).
 *
 * Environment: KILL_API (emulator API URL), KILL_TOKEN (bot token), KILL_DATABASE_URL, KILL_START (ISO, the
 * schedule's creation), KILL_SLOTS, KILL_CLOCK (the clock file), KILL_NAME (names the process in its leases
 * and its requests' User-Agent), KILL_LEASE_MS (slot lease TTL).
 */
import fs from 'node:fs';
import { DefaultRestOptions, REST } from '@discordjs/rest';
import { PgDigestStore } from '../../src/digest/pgStore.js';
import { DigestService } from '../../src/digest/service.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { crashCorpus, crashSlotTime } from './crashCorpus.js';
import { FakeCatalog } from './fakes.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const start = Date.parse(env('KILL_START'));
const clockFile = env('KILL_CLOCK');
const name = env('KILL_NAME');
const pool = await openPostgres({ url: env('KILL_DATABASE_URL'), attempts: 5, maxDelayMs: 1_000, poolMax: 4 });
const store = await PgDigestStore.open(pool, { leaseTtlMs: Number(env('KILL_LEASE_MS')), holder: `${name}:${process.pid}` });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/**
 * Discord takes a while to make a message: each post is held up to 30 ms on its way in. For that long the other
 * process would find nothing in the channel and post the part too, were it not kept off the slot by its lease.
 */
const slowDiscord: typeof DefaultRestOptions.makeRequest = async (url, init) => {
  if (init.method === 'POST') await sleep(Math.random() * 30);
  return DefaultRestOptions.makeRequest(url, init);
};

let now = new Date(start);
const service = new DigestService({
  config: { DATA_DIR: '/nonexistent', DIGEST_CATCHUP_HOURS: 24 * 365, DISCORD_API_URL: env('KILL_API') },
  catalog: new FakeCatalog(crashCorpus(start, Number(env('KILL_SLOTS')))),
  store,
  now: () => now,
  // No retries inside the REST client: a resend must come after a look at the channel (sendWithRetry).
  rest: new REST({ api: env('KILL_API'), retries: 0, userAgentAppendix: name, makeRequest: slowDiscord }).setToken(env('KILL_TOKEN')),
  retry: { attempts: 5, backoffMs: () => 5, sleep },
});

process.stdout.write('ready\n');
for (let clock = fs.readFileSync(clockFile, 'utf8').trim(); clock !== 'stop'; clock = fs.readFileSync(clockFile, 'utf8').trim()) {
  now = new Date(crashSlotTime(start, Number(clock)) + 1000);
  await service.tick();
  await sleep(15);
}
process.stdout.write('done\n');
await service.stop();
await store.close();
await pool.end();
// The REST client keeps connections open; the run is over.
process.exit(0);
