/**
 * Two bot processes on one PostgreSQL and the Discord emulator: A indexes the corpus folder, B has no folder and
 * follows; the emulator deals each interaction to one of the two gateway sessions in turn (spreadInteractions).
 * 200 interactions: every one answered exactly once, both processes answer their share, with the same results.
 * (Both "processes" run in this test process, each with its own pool, DATA_DIR, catalog and discord.js client.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/index.js';
import { startBot, type Bot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { CATALOG_MIGRATIONS } from '../../src/index/postgresCatalog.js';
import { openReplicatedCatalog, type ReplicatedCatalog } from '../../src/index/replica.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { LEASE_MIGRATIONS } from '../../src/lib/postgres/lease.js';
import { migrate } from '../../src/lib/postgres/migrate.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { freshDatabase } from '../helpers/postgres.js';
import { SEEDS_DIR } from '../helpers/seedCatalog.js';
import { visibleText } from './botHarness.js';

interface BotProcess {
  pool: pg.Pool;
  replica: ReplicatedCatalog;
  bot: Bot;
  answered: number;
  dataDir: string;
}

let emulator: Emulator;
let dropDatabase: () => Promise<void>;
const processes: BotProcess[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ spreadInteractions: true });
  const database = await freshDatabase();
  dropDatabase = database.drop;
  const commands = await loadCommands();
  const baseConfig = { DISCORD_TOKEN: emulator.botToken, DISCORD_API_URL: emulator.apiUrl, DISCORD_APPLICATION_ID: emulator.applicationId, DISCORD_GUILD_ID: emulator.guild.id };
  await deployCommands(baseConfig, commands);
  for (const name of ['a', 'b']) {
    const pool = await openPostgres({ url: database.url, attempts: 1 });
    await migrate(pool, [LEASE_MIGRATIONS, CATALOG_MIGRATIONS]);
    const dataDir = await mkdtemp(path.join(tmpdir(), `newsdesk-two-${name}-`));
    const replica = await openReplicatedCatalog({
      pool,
      corpusDir: name === 'a' ? SEEDS_DIR : path.join(dataDir, 'no-corpus-here'),
      dataDir,
      maxBytes: 5 * 1024 * 1024,
      indexFolder: name === 'a',
      holder: name,
      pollMs: 200,
    });
    await replica.catalog.loaded;
    if (name === 'a') {
      while (!replica.indexer!.isIndexer) await new Promise((resolve) => setTimeout(resolve, 50));
      await replica.indexer!.sync();
    } else {
      await replica.follower.pull();
    }
    const context: CommandContext = { catalog: replica.catalog, commands, logger: pino({ level: 'silent' }), services: {} };
    const bot = await startBot({ config: { ...baseConfig, DATA_DIR: dataDir }, commands, context });
    const process: BotProcess = { pool, replica, bot, answered: 0, dataDir };
    bot.client.on('interactionCreate', () => (process.answered += 1));
    processes.push(process);
  }
}, 120_000);

afterAll(async () => {
  for (const { bot, replica, pool, dataDir } of processes.splice(0).reverse()) {
    await bot.stop();
    await replica.close();
    await pool.end();
    await rm(dataDir, { recursive: true, force: true });
  }
  await emulator?.close();
  await dropDatabase?.();
});

describe('two bot processes on one PostgreSQL', () => {
  it('answers 200 interactions spread over both, each exactly once, with the same answers', async () => {
    const [a, b] = processes as [BotProcess, BotProcess];
    expect(b.replica.catalog.size).toBe(a.replica.catalog.size);
    expect(b.replica.catalog.size).toBeGreaterThan(0);
    const queries = ['sanctions', 'oil prices', 'election', 'climate', 'interest rates'];
    const replies = new Map<string, string[]>();
    for (let batch = 0; batch < 10; batch++) {
      const handles = Array.from({ length: 20 }, (_, index) => {
        const query = queries[(batch * 20 + index) % queries.length]!;
        return { query, handle: emulator.interact.command('search', { query }) };
      });
      for (const { query, handle } of handles) {
        const reply = visibleText(await handle.waitForReply());
        // One answer: a single callback, no second one refused or sent.
        expect(handle.requests().filter((request) => request.path.endsWith('/callback'))).toHaveLength(1);
        replies.set(query, [...(replies.get(query) ?? []), reply]);
      }
    }
    expect(a.answered + b.answered).toBe(200);
    expect(a.answered).toBe(100);
    expect(b.answered).toBe(100);
    // Whichever process answered, a query got the same answer.
    for (const [, texts] of replies) expect(new Set(texts).size).toBe(1);
  }, 120_000);
});
