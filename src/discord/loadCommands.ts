/**
 * The one command loader. Every .ts/.js file in commands/ except index must default-export a Command;
 * a file that does not, or two commands with one name, stop the start with an error naming the file.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from '../../commands/index.js';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandLoadError extends Error {
  override name = 'CommandLoadError';
}

function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Command>;
  return (
    typeof candidate.data === 'object' &&
    candidate.data !== null &&
    typeof candidate.data.name === 'string' &&
    typeof candidate.data.description === 'string' &&
    typeof candidate.answer === 'function'
  );
}

export async function loadCommands(directory = COMMANDS_DIR): Promise<Command[]> {
  const files = (await readdir(directory))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !/\.d\.ts$/.test(file) && !/^index\.(ts|js|mjs)$/.test(file))
    .sort();
  const byName = new Map<string, string>();
  const commands: Command[] = [];
  for (const file of files) {
    const module: { default?: unknown } = await import(pathToFileURL(path.join(directory, file)).href);
    if (!isCommand(module.default)) {
      throw new CommandLoadError(
        `${file} in ${directory} does not default-export a command ({ data: builder.toJSON(), answer }). Fix or move the file.`,
      );
    }
    const name = module.default.data.name;
    const previous = byName.get(name);
    if (previous !== undefined) throw new CommandLoadError(`Two commands are named /${name}: ${previous} and ${file}. Rename one.`);
    byName.set(name, file);
    commands.push(module.default);
  }
  if (commands.length === 0) throw new CommandLoadError(`No commands found in ${directory}.`);
  return commands;
}
