/** Option definitions and readers shared by the commands in commands/. */
import type { SlashCommandBooleanOption } from 'discord.js';
import type { Invocation } from '../../commands/index.js';

type Options = Invocation['options'];

/** The `hide` option every answer command has: show the answer only to the person who asked. */
export const hideOption = (option: SlashCommandBooleanOption) =>
  option.setName('hide').setDescription('Show the answer only to you (default: no)');

export function requiredString(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string') throw new Error(`Option "${name}" is required`);
  return value;
}

export function optionalString(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function optionalInteger(options: Options, name: string): number | undefined {
  const value = options[name];
  return typeof value === 'number' ? value : undefined;
}
