/** A digest service wired to the Discord emulator: a real discord.js client, a temp DATA_DIR, a test clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Events } from 'discord.js';
import { pino } from 'pino';
import type { CommandContext } from '../../commands/index.js';
import { clientOptions } from '../../src/discord/bot.js';
import { DigestService } from '../../src/digest/service.js';
import type { Catalog } from '../../src/index/types.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FakeCatalog, TestClock } from './fakes.js';

export interface DigestHarness {
  emulator: Emulator;
  client: Client;
  service: DigestService;
  catalog: FakeCatalog;
  clock: TestClock;
  dataDir: string;
  context: CommandContext;
  close(): Promise<void>;
}

/** `catalog`: the corpus the digests read (default an in-memory FakeCatalog, also returned as `catalog`). */
export async function digestHarness(start = '2026-04-01T00:00:00.000Z', corpus?: (clock: TestClock) => Promise<Catalog>): Promise<DigestHarness> {
  const emulator = await startEmulator();
  const client = new Client(clientOptions(emulator.apiUrl));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emulator.botToken);
  await ready;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-digest-'));
  const clock = new TestClock(new Date(start));
  const catalog = new FakeCatalog();
  const served = corpus ? await corpus(clock) : catalog;
  const logger = pino({ level: 'silent' });
  const service = new DigestService({
    config: { DATA_DIR: dataDir, DIGEST_CATCHUP_HOURS: 24, DISCORD_API_URL: emulator.apiUrl },
    catalog: served,
    now: clock.now,
    logger,
    retry: { attempts: 3, backoffMs: () => 10, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  });
  service.connect(client);
  const context: CommandContext = { catalog: served, commands: [], logger, services: { digests: service } };
  return {
    emulator,
    client,
    service,
    catalog,
    clock,
    dataDir,
    context,
    async close() {
      await service.stop();
      await client.destroy();
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
