/**
 * Routes Discord interactions to commands: slash commands, autocomplete, and the components of answers
 * (paging buttons, the page jump, choices such as "which Johnson?").
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
  type StringSelectMenuInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Command, CommandContext, Invocation, MessageCommand, MessageCommandAnswer, OptionValue } from '../../commands/index.js';
import type { View } from '../render/view.js';
import { autocompleteChoices } from './autocomplete.js';
import { DISCORD_LIMITS } from './limits.js';
import { MemoryPageStateStore, type PageStateStore } from './pageStore.js';
import { carriedOptions, choicesRow, decodeControl, pagingRows, stateReference, type PageState, type PagingControl } from './paging.js';
import { pageEmbed, viewPages } from './present.js';
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

/**
 * The message for page `page` of a view (the last page when it is past the end), with the controls that
 * re-run `state` for other pages and, when the view offers choices, a select menu of them.
 */
export function viewMessage(view: View, state: PageState, page: number, store: PageStateStore): Answer {
  const pages = viewPages(view);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const components = pages.length > 1 ? pagingRows(stateReference(state, store), index, pages) : [];
  if (view.choices) {
    const chooser: PageState = { command: view.choices.command, options: {}, ...(state.owner ? { owner: state.owner } : {}) };
    components.push(...choicesRow(view.choices, stateReference(chooser, store)));
  }
  return { embeds: [pageEmbed(view, pages[index]?.description ?? '', index, pages.length)], components };
}

/** The invocation a component re-runs: the state's command and options, from where the user clicked. */
function invocationOf(state: PageState, interaction: Interaction): Invocation {
  return {
    ...(state.subcommand ? { subcommand: state.subcommand } : {}),
    options: state.options,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    userId: interaction.user.id,
  };
}

/** The page a control asks for, and the state to answer: a choice adds the chosen value to the options and starts at page 1. */
function target(control: PagingControl, values: readonly string[]): { state: PageState; page: number } | null {
  switch (control.slot) {
    case 'a': {
      const [value] = values;
      return value === undefined ? null : { state: { ...control.state, options: { ...control.state.options, [control.arg]: value } }, page: 0 };
    }
    case 'j': {
      const page = Number(values[0]);
      return Number.isInteger(page) ? { state: control.state, page } : null;
    }
    default: {
      const page = Number(control.arg);
      return Number.isInteger(page) ? { state: control.state, page } : null;
    }
  }
}

/** Runs the answer; if it is not done within DISCORD_LIMITS.deferAfterMs, defers first so the 3 s deadline holds. */
async function answerInTime(
  interaction: ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | MessageContextMenuCommandInteraction,
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
  /** Where paging state too long for a custom_id is kept; default in memory (forgotten on restart). */
  pageStore?: PageStateStore;
  /** Message context-menu commands by name (right-click a message → Apps). */
  messageCommands?: readonly MessageCommand[];
}

/** What someone other than the asker sees when they use a private answer's controls. */
export const ONLY_THE_ASKER = 'Only the person who asked can turn the pages of this answer. Run the command yourself to get your own.';

export function createInteractionHandler({ registry, context, pageStore = new MemoryPageStateStore(), messageCommands = [] }: InteractionHandlerOptions) {
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
    const state: PageState = {
      command: command.data.name,
      ...(invocation.subcommand ? { subcommand: invocation.subcommand } : {}),
      options: carriedOptions(invocation),
      // A private answer's controls are its asker's alone (Discord shows it only to them, but ids travel).
      ...(hide ? { owner: interaction.user.id } : {}),
    };
    await respond(interaction, viewMessage(view, state, 0, pageStore), { hide });
  }

  async function onComponent(interaction: ButtonInteraction | StringSelectMenuInteraction): Promise<void> {
    const control = decodeControl(interaction.customId, pageStore);
    const wanted = control ? target(control, interaction.isStringSelectMenu() ? interaction.values : []) : null;
    const command = wanted ? registry.get(wanted.state.command) : undefined;
    if (!control || !wanted || !command) {
      await respond(interaction, { content: 'This button is no longer valid. Run the command again.' }, { hide: true });
      return;
    }
    if (control.state.owner !== undefined && control.state.owner !== interaction.user.id) {
      await respond(interaction, { content: ONLY_THE_ASKER }, { hide: true });
      return;
    }
    const invocation = invocationOf(wanted.state, interaction);
    const view = await answerInTime(interaction, () => command.answer(invocation, context), () => interaction.deferUpdate());
    await update(interaction, viewMessage(view, wanted.state, wanted.page, pageStore));
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
    await respond(interaction, viewMessage(view, { command: pages.command, options: pages.options, owner: interaction.user.id }, 0, pageStore), { hide: true });
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
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await onComponent(interaction);
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
