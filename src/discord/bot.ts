/** The Discord front end: a discord.js client that answers interactions with the loaded commands. */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Command, CommandContext, MessageCommand } from '../../commands/index.js';
import type { Config } from '../config.js';
import { commandRegistry, createInteractionHandler } from './interactions.js';
import { MemoryPageStateStore, SqlitePageStateStore } from './pageStore.js';
import { loadMessageCommands } from './loadCommands.js';
import { NO_MENTIONS } from './reply.js';

export interface BotOptions {
  /** With DATA_DIR, the paging state of long answers is kept there and survives restarts. */
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'> & Partial<Pick<Config, 'DATA_DIR'>>;
  commands: readonly Command[];
  /** Context-menu commands; default: those in commands/. */
  messageCommands?: readonly MessageCommand[];
  context: CommandContext;
}

export interface Bot {
  client: Client;
  stop(): Promise<void>;
}

/** discord.js client options; the API base points at the emulator in tests (DISCORD_API_URL). */
export function clientOptions(apiUrl: string | undefined) {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(apiUrl ? { rest: { api: apiUrl } } : {}),
  };
}

/** Logs in and resolves once the client is ready. */
export async function startBot({ config, commands, messageCommands, context }: BotOptions): Promise<Bot> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set: put the bot token from the Discord developer portal in .env');
  const client = new Client(clientOptions(config.DISCORD_API_URL));
  const pageStore = config.DATA_DIR ? SqlitePageStateStore.open(config.DATA_DIR) : new MemoryPageStateStore();
  const handle = createInteractionHandler({
    registry: commandRegistry(commands),
    context,
    pageStore,
    messageCommands: messageCommands ?? (await loadMessageCommands()),
  });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (error) => context.logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => context.logger.warn(message));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    pageStore.close();
    throw error;
  }
  await ready;
  context.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  return {
    client,
    stop: async () => {
      await client.destroy();
      pageStore.close();
    },
  };
}
