/**
 * What a Newsdesk command is. Each file in this folder default-exports one command checked with
 * `satisfies Command` (a slash command) or `satisfies MessageCommand` (a message context-menu command);
 * src/discord/loadCommands.ts loads them, refusing duplicates and malformed files. The console and the CLI
 * are generated from the same slash command definitions (options, ranges, usage).
 *
 * A command answers with a view (src/render/view.ts), so Discord, the console and the CLI share one
 * implementation; only the transport differs.
 */
import type {
  APIApplicationCommandBasicOption,
  ApplicationCommandType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { DigestService } from '../src/digest/service.js';
import type { Catalog } from '../src/index/types.js';
import type { View } from '../src/render/view.js';

/** Option values as typed by the user, already checked against the command's definition. */
export type OptionValue = string | number | boolean;

export interface Invocation {
  /** The subcommand, for commands that have them (`/digest add`). */
  subcommand?: string;
  options: Readonly<Record<string, OptionValue | undefined>>;
  /** Where the command was used; undefined in the console and the CLI. */
  guildId?: string;
  channelId?: string;
  userId?: string;
}

export interface CommandContext {
  catalog: Catalog;
  /** Every loaded slash command, for /help. */
  commands: readonly Command[];
  logger: Logger;
  /** Services that only some front ends have (e.g. digests need the bot and its database). */
  services: Partial<CommandServices>;
}

/** Filled in by front ends that provide them; commands say clearly when one is missing. */
export interface CommandServices {
  digests: DigestService;
}

export interface Choice {
  name: string;
  value: string;
}

/** A CLI-only use of a command, e.g. `quotes --all` or `digest --since ISO`: options a slash command has no use for. */
export interface StandaloneUse {
  /** Parsed and checked like the command's own; given any of them, neither a subcommand nor the command's required options are needed. */
  options: APIApplicationCommandBasicOption[];
  check?(invocation: Invocation): string | undefined;
  answer(invocation: Invocation, context: CommandContext): View;
  json(invocation: Invocation, context: CommandContext): unknown;
}

/** What the CLI adds to a slash command. */
export interface CliExtension {
  /** The JSON document of `--json` (shapes documented in README, "CLI"); without it, `--json` prints the view. */
  json?(invocation: Invocation, context: CommandContext): unknown;
  standalone?: StandaloneUse;
  /** With piped input and this option not given, one value per input line, and one output line per input line. */
  batch?: { option: string; line(invocation: Invocation, context: CommandContext): string };
}

export interface Command {
  /** The slash command definition sent to Discord (a builder's toJSON()). */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Answers the command. Pure with respect to Discord: no interaction objects here. */
  answer(invocation: Invocation, context: CommandContext): View | Promise<View>;
  /** Suggestions for the focused option, best first; the front end enforces Discord's limits. */
  autocomplete?(option: string, typed: string, context: CommandContext): Choice[];
  /** Answers that are always private (e.g. `/digest preview`), whatever the options say. */
  ephemeral?(invocation: Invocation): boolean;
  /**
   * A mistake the option definitions cannot express (a date that does not exist), or undefined. answer()
   * says it too; the CLI treats it as a usage mistake (exit code 2) before loading anything.
   */
  check?(invocation: Invocation): string | undefined;
  cli?: CliExtension;
}

/** The message a context-menu command was used on. */
export interface TargetMessage {
  id: string;
  content: string;
}

export interface MessageCommandAnswer {
  view: View;
  /** The slash command whose pages these are: paging re-runs it (e.g. /search with the message's key terms). */
  pagesOf: { command: string; options: Record<string, OptionValue> };
}

/**
 * A message context-menu command (right-click a message → Apps): no options, no description. It lives in
 * this folder too; the loader tells the two kinds apart by `data.type`.
 */
export interface MessageCommand {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody & { type: ApplicationCommandType.Message };
  answer(message: TargetMessage, context: CommandContext): MessageCommandAnswer | Promise<MessageCommandAnswer>;
}

