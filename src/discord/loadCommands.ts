/**
 * The one command loader. Every .ts/.js file in commands/ except index must default-export a Command
 * (slash) or a MessageCommand (context menu); a file that does neither, or two commands of one kind with
 * one name, stop the start with an error naming the file.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationCommandType } from 'discord.js';
import type { Command, MessageCommand } from '../../commands/index.js';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandLoadError extends Error {
  override name = 'CommandLoadError';
}

export interface CommandSet {
  slash: Command[];
  message: MessageCommand[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isCommand(value: unknown): value is Command {
  if (!isObject(value) || !isObject(value.data) || typeof value.answer !== 'function') return false;
  const { type, name, description } = value.data;
  return (type === undefined || type === ApplicationCommandType.ChatInput) && typeof name === 'string' && typeof description === 'string';
}

function isMessageCommand(value: unknown): value is MessageCommand {
  if (!isObject(value) || !isObject(value.data) || typeof value.answer !== 'function') return false;
  const { type, name, description, options } = value.data;
  // Discord refuses a description or options on a context-menu command: catch that here, naming the file.
  return type === ApplicationCommandType.Message && typeof name === 'string' && (description === undefined || description === '') && options === undefined;
}

/** Both kinds of command in `directory`, each kind sorted by file name. */
export async function loadCommandSet(directory = COMMANDS_DIR): Promise<CommandSet> {
  const files = (await readdir(directory))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !/\.d\.ts$/.test(file) && !/^index\.(ts|js|mjs)$/.test(file))
    .sort();
  // Slash and context-menu commands are separate namespaces in Discord, so a name may be used once in each.
  const fileByName = { slash: new Map<string, string>(), message: new Map<string, string>() };
  const set: CommandSet = { slash: [], message: [] };
  const claim = (kind: keyof CommandSet, name: string, file: string) => {
    const previous = fileByName[kind].get(name);
    if (previous !== undefined) {
      throw new CommandLoadError(`Two ${kind === 'slash' ? 'commands are named /' : 'context-menu commands are named '}${name}: ${previous} and ${file}. Rename one.`);
    }
    fileByName[kind].set(name, file);
  };
  for (const file of files) {
    const module: { default?: unknown } = await import(pathToFileURL(path.join(directory, file)).href);
    const command = module.default;
    if (isCommand(command)) {
      claim('slash', command.data.name, file);
      set.slash.push(command);
    } else if (isMessageCommand(command)) {
      claim('message', command.data.name, file);
      set.message.push(command);
    } else {
      throw new CommandLoadError(
        `${file} in ${directory} does not default-export a command ({ data: builder.toJSON(), answer }; a message context-menu command has data.type 3 and no description or options). Fix or move the file.`,
      );
    }
  }
  if (set.slash.length === 0) throw new CommandLoadError(`No commands found in ${directory}.`);
  return set;
}

/** The slash commands (every file is still checked, so a broken context-menu file stops the start too). */
export async function loadCommands(directory = COMMANDS_DIR): Promise<Command[]> {
  return (await loadCommandSet(directory)).slash;
}

export async function loadMessageCommands(directory = COMMANDS_DIR): Promise<MessageCommand[]> {
  return (await loadCommandSet(directory)).message;
}
