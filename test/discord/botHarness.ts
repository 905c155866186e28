/** The real bot (discord.js client, commands, catalog) logged in to the Discord emulator on 127.0.0.1. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Command, CommandContext } from '../../commands/index.js';
import { startBot, type Bot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { openCatalog, type LiveCatalog } from '../../src/index/catalog.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { SEEDS_DIR } from '../helpers/seedCatalog.js';

export interface BotHarness {
  emulator: Emulator;
  catalog: LiveCatalog;
  bot: Bot;
  commands: Command[];
  /** Stops the bot process's client and logs a fresh one in, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  corpusDir?: string;
  /** Extra commands for fault tests (a slow one, one that throws). */
  extraCommands?: Command[];
  /** Wait for the corpus to load before logging in. Default true. */
  waitForLoad?: boolean;
}

export async function botHarness({ corpusDir = SEEDS_DIR, extraCommands = [], waitForLoad = true }: BotHarnessOptions = {}): Promise<BotHarness> {
  const emulator = await startEmulator();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-bot-'));
  const catalog = await openCatalog({ corpusDir, dataDir, maxBytes: 5 * 1024 * 1024 });
  if (waitForLoad) await catalog.loaded;
  const commands = [...(await loadCommands()), ...extraCommands];
  const config = {
    DISCORD_TOKEN: emulator.botToken,
    DISCORD_API_URL: emulator.apiUrl,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    DISCORD_GUILD_ID: emulator.guild.id,
    DATA_DIR: dataDir,
  };
  await deployCommands(config, commands);
  const context: CommandContext = { catalog, commands, logger: pino({ level: 'silent' }), services: {} };
  const harness: BotHarness = {
    emulator,
    catalog,
    commands,
    bot: await startBot({ config, commands, context }),
    async restart() {
      await harness.bot.stop();
      harness.bot = await startBot({ config, commands, context });
    },
    async close() {
      await harness.bot.stop();
      await catalog.close();
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Everything a user reads in a message's embeds. */
export function visibleText(message: { content: string; embeds: Array<{ title?: string; description?: string; footer?: { text: string } }> }): string {
  return [message.content, ...message.embeds.flatMap((embed) => [embed.title, embed.description, embed.footer?.text])].filter(Boolean).join('\n');
}
