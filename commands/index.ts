/**
 * What a Newsdesk slash command is. Each file in this folder default-exports one command checked with
 * `satisfies Command`; src/discord/commands.ts loads them, refusing duplicates and malformed files.
 *
 * A command answers with a view (src/render/view.ts), so Discord, the console and the CLI share one
 * implementation; only the transport differs.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
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
  /** Every loaded command, for /help. */
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

export interface Command {
  /** The slash command definition sent to Discord (a builder's toJSON()). */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Answers the command. Pure with respect to Discord: no interaction objects here. */
  answer(invocation: Invocation, context: CommandContext): View | Promise<View>;
  /** Suggestions for the focused option, best first; the front end enforces Discord's limits. */
  autocomplete?(option: string, typed: string, context: CommandContext): Choice[];
  /** Answers that are always private (e.g. `/digest preview`), whatever the options say. */
  ephemeral?(invocation: Invocation): boolean;
}
