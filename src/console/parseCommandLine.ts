/**
 * Parses what a person types in the console, like Discord's command bar: `/search sanctions limit:3`,
 * `/quotes person:Putin`, `/digest list`. Text before the first `name:` fills the first required option.
 * The option rules here (types, ranges, lengths, choices, what the positional text fills) are shared with
 * the CLI, so both check exactly what Discord checks.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Invocation, OptionValue } from '../../commands/index.js';

export type ParsedLine =
  | { ok: true; command: string; invocation: Invocation }
  | { ok: false; error: string };

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Values = Record<string, OptionValue | undefined>;

/** An option value as Discord would accept it, or the reason it would not (`label` names the option, e.g. `--limit`). */
export function convertOption(option: APIApplicationCommandOption, raw: string, label = `Option ${option.name}`): { value: OptionValue } | { error: string } {
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      const whole = option.type === ApplicationCommandOptionType.Integer;
      if (raw.trim() === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
        return { error: `${label} needs ${whole ? 'a whole number' : 'a number'}${rangeText(option)}, not "${raw}".` };
      }
      if ('min_value' in option && option.min_value !== undefined && value < option.min_value) return { error: `${label} must be at least ${option.min_value}.` };
      if ('max_value' in option && option.max_value !== undefined && value > option.max_value) return { error: `${label} must be at most ${option.max_value}.` };
      return { value };
    }
    case ApplicationCommandOptionType.Boolean:
      if (/^(true|yes|1)$/i.test(raw)) return { value: true };
      if (/^(false|no|0)$/i.test(raw)) return { value: false };
      return { error: `${label} needs true or false, not "${raw}".` };
    case ApplicationCommandOptionType.String: {
      const choices = option.choices?.map((choice) => String(choice.value)) ?? [];
      if (choices.length > 0 && !choices.includes(raw)) return { error: `${label} needs one of ${choices.join(', ')}, not "${raw}".` };
      if (option.min_length !== undefined && raw.length < option.min_length) return { error: `${label} needs at least ${option.min_length} characters, not "${raw}".` };
      if (option.max_length !== undefined && raw.length > option.max_length) return { error: `${label} takes at most ${option.max_length} characters.` };
      return { value: raw };
    }
    default:
      return { value: raw };
  }
}

/** " from 1 to 25" for a number option with both bounds, "" otherwise. */
export function rangeText(option: APIApplicationCommandOption): string {
  if (!('min_value' in option) || option.min_value === undefined || !('max_value' in option) || option.max_value === undefined) return '';
  return ` from ${option.min_value} to ${option.max_value}`;
}

/** The option that text without a `name:` (console) or `--name` (CLI) fills: the first required one still empty, else the first empty string option. */
export function positionalTarget(options: readonly APIApplicationCommandOption[], values: Values): APIApplicationCommandOption | undefined {
  return (
    options.find((option) => option.required && values[option.name] === undefined) ??
    options.find((option) => values[option.name] === undefined && option.type === ApplicationCommandOptionType.String)
  );
}

export const missingRequired = (options: readonly APIApplicationCommandOption[], values: Values): string[] =>
  options.filter((option) => option.required && values[option.name] === undefined).map((option) => option.name);

export const subcommandsOf = (definition: Definition) =>
  (definition.options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);

/** Options written in the search query syntax, where `"…"` is a phrase: their quotes are kept. */
const SEARCH_SYNTAX_OPTIONS = new Set(['query', 'filter']);

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
  const subcommands = subcommandsOf(definition);
  if (subcommands.length > 0) {
    const word = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    const chosen = subcommands.find((option) => option.name === word?.[1]?.toLowerCase());
    if (!chosen) return { ok: false, error: `/${definition.name} needs one of: ${subcommands.map((option) => option.name).join(', ')}.` };
    subcommand = chosen.name;
    options = chosen.options ?? [];
    rest = word?.[2] ?? '';
  }

  // Split at `name:` for known option names; what comes before the first is positional.
  const names = options.map((option) => option.name);
  const pattern = new RegExp(`(?:^|\\s)(${names.map((n) => n.replace(/[^\w-]/g, '')).join('|') || '(?!)'}):`, 'gi');
  const marks = [...rest.matchAll(pattern)].map((match) => ({ name: (match[1] ?? '').toLowerCase(), at: match.index ?? 0, valueAt: (match.index ?? 0) + match[0].length }));
  const values: Values = {};
  const positional = rest.slice(0, marks[0]?.at ?? rest.length).trim();
  for (const [index, mark] of marks.entries()) {
    const option = options.find((candidate) => candidate.name === mark.name);
    if (!option) continue;
    const typed = rest.slice(mark.valueAt, marks[index + 1]?.at ?? rest.length).trim();
    const raw = SEARCH_SYNTAX_OPTIONS.has(option.name) ? typed : typed.replace(/^"(.*)"$/s, '$1');
    const converted = convertOption(option, raw);
    if ('error' in converted) return { ok: false, error: converted.error };
    values[option.name] = converted.value;
  }
  if (positional !== '') {
    const target = positionalTarget(options, values);
    if (!target) return { ok: false, error: `/${definition.name} does not take "${positional}". Options: ${names.join(', ') || 'none'}.` };
    const converted = convertOption(target, positional);
    if ('error' in converted) return { ok: false, error: converted.error };
    values[target.name] = converted.value;
  }
  const missing = missingRequired(options, values);
  if (missing.length > 0) return { ok: false, error: `/${definition.name}${subcommand ? ` ${subcommand}` : ''} needs ${missing.map((m) => `${m}:…`).join(' ')}.` };
  return { ok: true, command: definition.name, invocation: { ...(subcommand ? { subcommand } : {}), options: values } };
}
