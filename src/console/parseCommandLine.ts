/**
 * Parses what a person types in the console, like Discord's command bar: `/search sanctions limit:3`,
 * `/quotes person:Putin`, `/digest list`. Text before the first `name:` fills the first required option.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Invocation, OptionValue } from '../../commands/index.js';

export type ParsedLine =
  | { ok: true; command: string; invocation: Invocation }
  | { ok: false; error: string };

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;

function convert(option: APIApplicationCommandOption, raw: string): OptionValue | string {
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      const whole = option.type === ApplicationCommandOptionType.Integer;
      if (raw === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
        return `Option ${option.name} needs ${whole ? 'a whole number' : 'a number'}, not "${raw}".`;
      }
      if ('min_value' in option && option.min_value !== undefined && value < option.min_value) return `Option ${option.name} must be at least ${option.min_value}.`;
      if ('max_value' in option && option.max_value !== undefined && value > option.max_value) return `Option ${option.name} must be at most ${option.max_value}.`;
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (/^(true|yes|1)$/i.test(raw)) return true;
      if (/^(false|no|0)$/i.test(raw)) return false;
      return `Option ${option.name} needs true or false, not "${raw}".`;
    default:
      return raw;
  }
}

const isError = (value: OptionValue | string, option: APIApplicationCommandOption): value is string =>
  typeof value === 'string' && option.type !== ApplicationCommandOptionType.String && option.type !== ApplicationCommandOptionType.Channel;

export function parseCommandLine(line: string, definitions: readonly Definition[]): ParsedLine {
  const text = line.trim();
  const head = /^\/?(\S+)\s*([\s\S]*)$/.exec(text);
  if (!head) return { ok: false, error: 'Type a command such as /search sanctions, or /help.' };
  const [, name = '', rest0 = ''] = head;
  const definition = definitions.find((candidate) => candidate.name === name.toLowerCase());
  if (!definition) return { ok: false, error: `Unknown command /${name}. Commands: ${definitions.map((d) => `/${d.name}`).join(', ')}.` };

  let options = definition.options ?? [];
  let rest = rest0;
  let subcommand: string | undefined;
  const subcommands = options.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    const word = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    const chosen = subcommands.find((option) => option.name === word?.[1]?.toLowerCase());
    if (!chosen || chosen.type !== ApplicationCommandOptionType.Subcommand) {
      return { ok: false, error: `/${definition.name} needs one of: ${subcommands.map((option) => option.name).join(', ')}.` };
    }
    subcommand = chosen.name;
    options = chosen.options ?? [];
    rest = word?.[2] ?? '';
  }

  // Split at `name:` for known option names; what comes before the first is positional.
  const names = options.map((option) => option.name);
  const pattern = new RegExp(`(?:^|\\s)(${names.map((n) => n.replace(/[^\w-]/g, '')).join('|') || '(?!)'}):`, 'gi');
  const marks = [...rest.matchAll(pattern)].map((match) => ({ name: (match[1] ?? '').toLowerCase(), at: match.index ?? 0, valueAt: (match.index ?? 0) + match[0].length }));
  const values: Record<string, OptionValue | undefined> = {};
  const positional = rest.slice(0, marks[0]?.at ?? rest.length).trim();
  for (const [index, mark] of marks.entries()) {
    const raw = rest.slice(mark.valueAt, marks[index + 1]?.at ?? rest.length).trim().replace(/^"(.*)"$/s, '$1');
    const option = options.find((candidate) => candidate.name === mark.name);
    if (!option) continue;
    const value = convert(option, raw);
    if (isError(value, option)) return { ok: false, error: value };
    values[option.name] = value;
  }
  if (positional !== '') {
    const target = options.find((option) => option.required && values[option.name] === undefined) ?? options.find((option) => values[option.name] === undefined && option.type === ApplicationCommandOptionType.String);
    if (!target) return { ok: false, error: `/${definition.name} does not take "${positional}". Options: ${names.join(', ') || 'none'}.` };
    const value = convert(target, positional);
    if (isError(value, target)) return { ok: false, error: value };
    values[target.name] = value;
  }
  const missing = options.filter((option) => option.required && values[option.name] === undefined).map((option) => option.name);
  if (missing.length > 0) return { ok: false, error: `/${definition.name}${subcommand ? ` ${subcommand}` : ''} needs ${missing.map((m) => `${m}:…`).join(' ')}.` };
  return { ok: true, command: definition.name, invocation: { ...(subcommand ? { subcommand } : {}), options: values } };
}
