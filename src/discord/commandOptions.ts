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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `value` is not a calendar date as YYYY-MM-DD (2013-02-30 is not), or undefined when it is one. */
export function dateProblem(name: string, value: string): string | undefined {
  const match = ISO_DATE.exec(value.trim());
  const [year, month, day] = (match ?? []).slice(1).map(Number);
  const date = match ? new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)) : null;
  if (date && date.getUTCFullYear() === year && date.getUTCMonth() + 1 === month && date.getUTCDate() === day) return undefined;
  return `${name} needs a date that exists, as YYYY-MM-DD (e.g. 2013-02-28), not "${value}".`;
}

/** Problems with a `from`/`to` pair: a date that does not exist, or a range that ends before it starts. */
export function dateRangeProblem(options: Options): string | undefined {
  const from = optionalString(options, 'from');
  const to = optionalString(options, 'to');
  const problem = (from === undefined ? undefined : dateProblem('from', from)) ?? (to === undefined ? undefined : dateProblem('to', to));
  if (problem !== undefined) return problem;
  if (from !== undefined && to !== undefined && from.trim() > to.trim()) return `from (${from}) is after to (${to}): swap them.`;
  return undefined;
}
