/**
 * The CLI's command line, derived from the slash command definitions: `newsdesk <command> [subcommand]
 * [text] [--option value]…`. Flags, their types, ranges and choices, and the usage text all come from the
 * command's options (plus its CLI-only standalone use), checked by the same rules as the console.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import type { Command, Invocation, OptionValue } from '../../commands/index.js';
import { convertOption, missingRequired, positionalTarget, rangeText, subcommandsOf } from '../console/parseCommandLine.js';

/** A mistake in the command line; `command` is the command it was for, when one was named (its usage is shown). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

/** Options with no meaning in a terminal: `hide` shows a Discord answer only to its asker. */
const DISCORD_ONLY = new Set(['hide']);

export interface GlobalFlags {
  corpus?: string;
  json: boolean;
  help: boolean;
  version: boolean;
}

export interface CliRequest {
  command: Command;
  invocation: Invocation;
  /** The command's CLI-only use (quotes --all, digest --since) was asked for. */
  standalone: boolean;
  /** Read the batch option from piped input, one value per line. */
  batch: boolean;
}

export interface ParsedArgs {
  flags: GlobalFlags;
  /** Undefined with --help or --version and no command, or no arguments at all. */
  request?: CliRequest;
  /** The command named, for `newsdesk <command> --help`. */
  command?: Command;
}

const cliOptions = (options: readonly APIApplicationCommandOption[] = []) => options.filter((option) => !DISCORD_ONLY.has(option.name));

/** Every flag a command may take anywhere (any subcommand, its standalone use): to know which flags take a value. */
function everyOption(command: Command): APIApplicationCommandOption[] {
  const top = command.data.options ?? [];
  const nested = subcommandsOf(command.data).flatMap((sub) => sub.options ?? []);
  return cliOptions([...top, ...nested, ...(command.cli?.standalone?.options ?? [])]);
}

interface RawFlag {
  name: string;
  value: string;
}

/** Splits argv into global flags, positionals and the command's flags (raw text, checked later). */
function split(argv: readonly string[], commands: readonly Command[]) {
  const flags: GlobalFlags = { json: false, help: false, version: false };
  const positionals: string[] = [];
  const raw: RawFlag[] = [];
  for (let at = 0; at < argv.length; at += 1) {
    const arg = argv[at] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(at + 1));
      break;
    }
    if (arg === '-h') flags.help = true;
    else if (arg === '-V') flags.version = true;
    const match = /^--([A-Za-z][\w-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) {
      if (arg !== '-h' && arg !== '-V') positionals.push(arg);
      continue;
    }
    const [, name = '', inline] = match;
    if (name === 'json' || name === 'help' || name === 'version') {
      flags[name] = inline === undefined || /^(true|yes|1)$/i.test(inline);
      continue;
    }
    const command = commands.find((candidate) => candidate.data.name === positionals[0]?.toLowerCase());
    const option = name === 'corpus' ? undefined : command && everyOption(command).find((candidate) => candidate.name === name);
    if (name !== 'corpus' && !option) {
      throw new UsageError(command ? `${command.data.name} has no option --${name}.` : `Unknown option --${name}.`, command);
    }
    const takesValue = option?.type !== ApplicationCommandOptionType.Boolean;
    const value = inline ?? (takesValue ? argv[(at += 1)] : 'true');
    if (value === undefined) throw new UsageError(`--${name} needs a value.`, command);
    if (name === 'corpus') flags.corpus = value;
    else raw.push({ name, value });
  }
  return { flags, positionals, raw };
}

export function parseArgs(argv: readonly string[], commands: readonly Command[], stdinIsPiped: boolean): ParsedArgs {
  const { flags, positionals, raw } = split(argv, commands);
  const [name, ...rest] = positionals;
  if (name === undefined) return { flags };
  const command = commands.find((candidate) => candidate.data.name === name.toLowerCase());
  if (!command) throw new UsageError(`Unknown command "${name}".`);
  if (flags.help || flags.version) return { flags, command };

  const standaloneUse = command.cli?.standalone;
  const standalone = standaloneUse !== undefined && raw.some((flag) => standaloneUse.options.some((option) => option.name === flag.name));
  let options = cliOptions(command.data.options);
  let subcommand: string | undefined;
  let words = rest;
  if (standalone) {
    options = standaloneUse?.options ?? [];
  } else if (subcommandsOf(command.data).length > 0) {
    const chosen = subcommandsOf(command.data).find((sub) => sub.name === words[0]?.toLowerCase());
    if (!chosen) throw new UsageError(`${name} needs one of: ${subcommandsOf(command.data).map((sub) => sub.name).join(', ')}.`, command);
    subcommand = chosen.name;
    options = cliOptions(chosen.options);
    words = words.slice(1);
  }

  const values: Record<string, OptionValue | undefined> = {};
  for (const flag of raw) {
    const option = options.find((candidate) => candidate.name === flag.name);
    if (!option) throw new UsageError(`--${flag.name} does not go with ${[name, subcommand].filter(Boolean).join(' ')}${standalone ? ` --${standaloneUse?.options[0]?.name}` : ''}.`, command);
    values[option.name] = valueOf(option, flag.value, `--${option.name}`, command);
  }
  const text = words.join(' ').trim();
  if (text !== '') {
    const target = standalone ? undefined : positionalTarget(options, values);
    if (!target) throw new UsageError(`${name} does not take "${text}".`, command);
    values[target.name] = valueOf(target, text, target.name, command);
  }
  const batchOption = command.cli?.batch?.option;
  const batch = !standalone && batchOption !== undefined && values[batchOption] === undefined && stdinIsPiped;
  const missing = standalone ? [] : missingRequired(options, values).filter((option) => !(batch && option === batchOption));
  if (missing.length > 0) throw new UsageError(`${[name, subcommand].filter(Boolean).join(' ')} needs ${missing.map((option) => `<${option}>`).join(' ')}.`, command);

  const invocation: Invocation = { ...(subcommand ? { subcommand } : {}), options: values };
  const problem = standalone ? standaloneUse?.check?.(invocation) : command.check?.(invocation);
  if (problem !== undefined) throw new UsageError(problem, command);
  return { flags, command, request: { command, invocation, standalone, batch } };
}

function valueOf(option: APIApplicationCommandOption, raw: string, label: string, command: Command): OptionValue {
  const converted = convertOption(option, raw, label);
  if ('error' in converted) throw new UsageError(converted.error, command);
  return converted.value;
}

/** `--limit N (1–25)`, `--sort relevance|newest`, `--all`. */
function flagSynopsis(option: APIApplicationCommandOption): string {
  if (option.type === ApplicationCommandOptionType.Boolean) return `--${option.name}`;
  if (option.type === ApplicationCommandOptionType.String && option.choices?.length) return `--${option.name} ${option.choices.map((choice) => choice.value).join('|')}`;
  const numeric = option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number;
  return `--${option.name} ${numeric ? `N${rangeText(option).replace(/ from (\S+) to (\S+)/, ' ($1–$2)')}` : option.name.toUpperCase()}`;
}

function synopsis(words: string, options: readonly APIApplicationCommandOption[], positional: APIApplicationCommandOption | undefined): string {
  const rest = options.filter((option) => option !== positional).map((option) => (option.required ? flagSynopsis(option) : `[${flagSynopsis(option)}]`));
  const text = positional ? (positional.required ? `<${positional.name}>` : `[<${positional.name}>]`) : '';
  return [words, text, ...rest].filter(Boolean).join(' ');
}

/** One line per way to use a command: its subcommands, and its CLI-only standalone use. */
function usageLines(command: Command): string[] {
  const name = command.data.name;
  const subs = subcommandsOf(command.data);
  const lines =
    subs.length > 0
      ? subs.map((sub) => synopsis(`${name} ${sub.name}`, cliOptions(sub.options), positionalTarget(cliOptions(sub.options), {})))
      : [synopsis(name, cliOptions(command.data.options), positionalTarget(cliOptions(command.data.options), {}))];
  const standalone = command.cli?.standalone;
  if (standalone) lines.push(synopsis(name, standalone.options.map((option, index) => (index === 0 ? { ...option, required: true } : option)), undefined));
  return lines;
}

/** `newsdesk <command> --help`: every way to use it, and what each option means. */
export function commandUsage(command: Command): string {
  const options = [
    ...cliOptions(command.data.options).filter((option) => option.type !== ApplicationCommandOptionType.Subcommand),
    ...subcommandsOf(command.data).flatMap((sub) => cliOptions(sub.options)),
    ...(command.cli?.standalone?.options ?? []),
  ];
  const described = [...new Map(options.map((option) => [option.name, option])).values()].map((option) => `  ${`--${option.name}`.padEnd(14)} ${option.description}`);
  return [`Usage: newsdesk ${usageLines(command).join('\n       newsdesk ')}`, '', command.data.description, ...(described.length > 0 ? ['', 'Options:', ...described] : [])].join('\n');
}

export function usage(commands: readonly Command[]): string {
  const lines = commands.flatMap((command) => usageLines(command).map((line, index) => `  ${line}${index === 0 ? `\n      ${command.data.description}` : ''}`));
  return `Usage: newsdesk <command> [arguments] [--corpus DIR] [--json]

Commands (text fills the first required option; options as in Discord):
${lines.join('\n')}

Options:
  --corpus DIR   the articles folder (default: CORPUS_DIR, or ./seeds)
  --json         print one JSON document (batch search from piped input: one JSON object per line)
  --help         this text; newsdesk <command> --help for one command
  --version      the version

Exit codes: 0 answered, 1 failed (the message says why), 2 usage mistake.`;
}
