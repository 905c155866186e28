/**
 * `npm run deploy-commands`: registers the slash commands with Discord — to DISCORD_GUILD_ID when set
 * (instant), globally otherwise (may take up to an hour to appear).
 */
import { REST, Routes } from 'discord.js';
import type { Command, MessageCommand } from '../../commands/index.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { loadCommandSet, loadMessageCommands } from './loadCommands.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_URL'>,
  commands: readonly Command[],
  /** Context-menu commands registered beside the slash commands; default: those in commands/. */
  messageCommands?: readonly MessageCommand[],
): Promise<DeployResult> {
  const problems: string[] = [];
  if (!config.DISCORD_TOKEN) problems.push('DISCORD_TOKEN: required to register commands (the bot token from the developer portal)');
  if (!config.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID: required to register commands (the application ID from the developer portal)');
  if (problems.length > 0) throw new ConfigError(problems);
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN ?? '');
  const menus = messageCommands ?? (await loadMessageCommands());
  const body = [...commands.map((command) => command.data), ...menus.map((command) => command.data)];
  const applicationId = config.DISCORD_APPLICATION_ID ?? '';
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(applicationId, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(applicationId);
  await rest.put(route, { body });
  return { scope: config.DISCORD_GUILD_ID ? 'guild' : 'global', names: [...commands.map((command) => `/${command.data.name}`), ...menus.map((command) => command.data.name)] };
}

async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const { slash, message } = await loadCommandSet();
    const result = await deployCommands(config, slash, message);
    console.log(`Registered ${result.names.length} commands (${result.names.join(', ')}) ${result.scope === 'guild' ? `to server ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
