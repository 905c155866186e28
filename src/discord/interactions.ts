/**
 * Routes Discord interactions to commands: slash commands, autocomplete and paging buttons.
 * Every answer goes through respond()/update(); every failure becomes an ephemeral message with a
 * reference that is also in the log, and the bot carries on.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Command, CommandContext, Invocation, MessageCommand, MessageCommandAnswer, OptionValue } from '../../commands/index.js';
import type { View } from '../render/view.js';
import { autocompleteChoices } from './autocomplete.js';
import { DISCORD_LIMITS } from './limits.js';
import { carriedOptions, decodePageId, pagingRow } from './paging.js';
import { pageEmbed, paginateView } from './present.js';
import { respond, update, type Answer } from './reply.js';

export type CommandRegistry = ReadonlyMap<string, Command>;

export function commandRegistry(commands: readonly Command[]): CommandRegistry {
  return new Map(commands.map((command) => [command.data.name, command]));
}

/** Flattens Discord's option tree (with subcommands) into an Invocation. */
export function invocationFrom(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Invocation {
  const options: Record<string, OptionValue | undefined> = {};
  let subcommand: string | undefined;
  const visit = (list: readonly CommandInteractionOption[]) => {
    for (const option of list) {
      if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
        subcommand = option.name;
        visit(option.options ?? []);
      } else if (option.type === ApplicationCommandOptionType.Channel) {
        options[option.name] = String(option.value ?? '');
      } else if (option.value !== undefined) {
        options[option.name] = option.value;
      }
    }
  };
  visit(interaction.options.data);
  return {
    ...(subcommand ? { subcommand } : {}),
    options,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    userId: interaction.user.id,
  };
}

/** The message for page `page` of a view, with paging buttons that carry the invocation. */
export function viewMessage(view: View, command: string, invocation: Invocation, page: number): Answer {
  const pages = paginateView(view);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  return {
    embeds: [pageEmbed(view, pages[index] ?? '', index, pages.length)],
    components: pagingRow(
      { command, ...(invocation.subcommand ? { subcommand: invocation.subcommand } : {}), options: carriedOptions(invocation) },
      index,
      pages.length,
    ),
  };
}

/** Runs the answer; if it is not done within DISCORD_LIMITS.deferAfterMs, defers first so the 3 s deadline holds. */
async function answerInTime(
  interaction: ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction,
  work: () => View | Promise<View>,
  defer: () => Promise<unknown>,
): Promise<View> {
  const pending = Promise.resolve().then(work);
  const early = await Promise.race([pending, sleep(DISCORD_LIMITS.deferAfterMs).then(() => null)]);
  if (early !== null) return early;
  if (!interaction.deferred && !interaction.replied) await defer();
  return pending;
}

export interface InteractionHandlerOptions {
  registry: CommandRegistry;
  context: CommandContext;
  /** Message context-menu commands by name (right-click a message → Apps). */
  messageCommands?: readonly MessageCommand[];
}

export function createInteractionHandler({ registry, context, messageCommands = [] }: InteractionHandlerOptions) {
  const { logger } = context;
  const messageRegistry = new Map(messageCommands.map((command) => [command.data.name, command]));

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = registry.get(interaction.commandName);
    if (!command) {
      await respond(interaction, { content: `Unknown command /${interaction.commandName}. Try /help.` }, { hide: true });
      return;
    }
    const invocation = invocationFrom(interaction);
    // `hide:true` (see commandOptions.ts) or a command that is always private makes the answer ephemeral.
    const hide = invocation.options.hide === true || command.ephemeral?.(invocation) === true;
    // While the corpus loads, answering can wait on the event loop: defer at once, answer when ready.
    if (!context.catalog.ready) await interaction.deferReply(hide ? { flags: 'Ephemeral' } : {});
    const view = await answerInTime(interaction, () => command.answer(invocation, context), () =>
      interaction.deferReply(hide ? { flags: 'Ephemeral' } : {}),
    );
    await respond(interaction, viewMessage(view, command.data.name, invocation, 0), { hide });
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const state = decodePageId(interaction.customId);
    const command = state ? registry.get(state.command) : undefined;
    if (!state || !command) {
      await respond(interaction, { content: 'This button is no longer valid. Run the command again.' }, { hide: true });
      return;
    }
    const invocation: Invocation = {
      ...(state.subcommand ? { subcommand: state.subcommand } : {}),
      options: state.options,
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
      userId: interaction.user.id,
    };
    const view = await answerInTime(interaction, () => command.answer(invocation, context), () => interaction.deferUpdate());
    await update(interaction, viewMessage(view, command.data.name, invocation, state.page));
  }

  /** A lookup from someone's message is for the person who asked: always ephemeral. Its pages are the slash command it names. */
  async function onMessageCommand(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    const command = messageRegistry.get(interaction.commandName);
    if (!command) {
      await respond(interaction, { content: `Unknown command ${interaction.commandName}. Try /help.` }, { hide: true });
      return;
    }
    const deferPrivately = () => interaction.deferReply({ flags: 'Ephemeral' });
    if (!context.catalog.ready) await deferPrivately();
    const target = { id: interaction.targetMessage.id, content: interaction.targetMessage.content };
    let answer: MessageCommandAnswer | undefined;
    const view = await answerInTime(interaction, async () => (answer = await command.answer(target, context)).view, deferPrivately);
    const pages = answer?.pagesOf ?? { command: '', options: {} };
    await respond(interaction, viewMessage(view, pages.command, { options: pages.options }, 0), { hide: true });
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = registry.get(interaction.commandName);
    const focused = interaction.options.getFocused(true);
    const choices = command?.autocomplete?.(focused.name, String(focused.value), context) ?? [];
    await interaction.respond(autocompleteChoices(choices));
  }

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isMessageContextMenuCommand()) await onMessageCommand(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
    } catch (error) {
      const reference = randomBytes(3).toString('hex');
      logger.error({ err: error, reference, interaction: interaction.id }, 'interaction failed');
      if (interaction.isRepliable()) {
        await respond(interaction, { content: `Something went wrong (reference ${reference}). Please try again; if it keeps happening, tell the bot's admin this reference.` }, { hide: true }).catch(
          (replyError: unknown) => logger.warn({ err: replyError, reference }, 'could not tell the user about the failure'),
        );
      }
    }
  };
}
