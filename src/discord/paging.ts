/**
 * The components of a paged answer: first / previous / next / last buttons, a select menu to jump to a
 * page, and a select menu of choices that answer again (e.g. "which Johnson?").
 *
 * A custom_id is `pg|<slot>|<arg>|<state>`: the slot says which control it is (f p n l: buttons to page
 * `arg`; j: the page jump, `arg` the page shown; a: a choice for option `arg`). The state is the command,
 * its options and, for a private answer, who asked: inline as `=<JSON>` while the whole id fits in 100
 * characters, otherwise `#<key>` of a row in the page-state store. Either way a button works after a restart.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APISelectMenuOption } from 'discord.js';
import type { Invocation, OptionValue } from '../../commands/index.js';
import type { ViewChoices } from '../render/view.js';
import { DISCORD_LIMITS } from './limits.js';
import type { PageStateStore } from './pageStore.js';
import { truncate, type Page } from './present.js';

const PREFIX = 'pg';
/** The longest `arg` a control carries (a page number, or an option name such as "person"). */
const MAX_ARG = 18;
const CONTROL_ID = new RegExp(`^${PREFIX}\\|([fpnlja])\\|([^|]{0,${MAX_ARG}})\\|([=#])([\\s\\S]*)$`);

/** What re-runs an answer: the command, its options, and who may turn a private answer's pages. */
export interface PageState {
  command: string;
  subcommand?: string;
  options: Record<string, OptionValue>;
  /** The user who asked, when the answer is private: only they may use its controls. */
  owner?: string;
}

export type PagingSlot = 'f' | 'p' | 'n' | 'l' | 'j' | 'a';

export interface PagingControl {
  slot: PagingSlot;
  /** Page to show (buttons), page shown (jump), or option name (choice). */
  arg: string;
  state: PageState;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

function stateJson(state: PageState): string {
  const name = state.subcommand ? `${state.command} ${state.subcommand}` : state.command;
  return JSON.stringify(state.owner ? [name, state.options, state.owner] : [name, state.options]);
}

function parseState(json: string): PageState | null {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return null;
    const [name, options, owner] = parsed as unknown[];
    if (typeof name !== 'string' || typeof options !== 'object' || options === null || Array.isArray(options)) return null;
    const [command = '', subcommand] = name.split(' ');
    const clean: Record<string, OptionValue> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') clean[key] = value;
    }
    return { command, ...(subcommand ? { subcommand } : {}), options: clean, ...(typeof owner === 'string' ? { owner } : {}) };
  } catch {
    return null;
  }
}

/** Encodes the state once for all the controls of a message; the store is used only when inline is too long. */
export function stateReference(state: PageState, store: PageStateStore): string {
  const json = stateJson(state);
  // Inline only when it fits after the longest prefix a control adds (`pg|a|<option name>|`).
  return `${PREFIX}|a|${'x'.repeat(MAX_ARG)}|=${json}`.length <= DISCORD_LIMITS.customId ? `=${json}` : `#${store.save(json)}`;
}

export function controlId(slot: PagingSlot, arg: string | number, reference: string): string {
  if (String(arg).length > MAX_ARG) throw new Error(`A paging control's argument "${arg}" is over ${MAX_ARG} characters: use a shorter option name.`);
  return `${PREFIX}|${slot}|${arg}|${reference}`;
}

/** The control a custom_id names, or null when it is not ours or its state is gone. */
export function decodeControl(customId: string, store: PageStateStore): PagingControl | null {
  const match = CONTROL_ID.exec(customId);
  if (match) {
    const [, slot = 'n', arg = '', kind, rest = ''] = match;
    const json = kind === '=' ? rest : store.load(rest);
    const state = json === null ? null : parseState(json);
    return state ? { slot: slot as PagingSlot, arg, state } : null;
  }
  return decodeFirstFormat(customId);
}

/** Buttons sent before the page jump existed (`page|<command>|<page>|<JSON>`) still turn pages. */
function decodeFirstFormat(customId: string): PagingControl | null {
  const match = /^page\|([^|]+)\|(-?\d+)\|(.*)$/s.exec(customId);
  if (!match) return null;
  const [, name = '', page = '0', json = '{}'] = match;
  try {
    const state = parseState(JSON.stringify([name, JSON.parse(json)]));
    return state ? { slot: 'n', arg: page, state } : null;
  } catch {
    return null;
  }
}

/** The options worth carrying in a control: everything but `hide` (the answer keeps its visibility). */
export function carriedOptions(invocation: Invocation): Record<string, OptionValue> {
  const carried: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(invocation.options)) if (value !== undefined && key !== 'hide') carried[key] = value;
  return carried;
}

/** The pages the jump menu offers: all of them, or around 25 spread over the answer with the current page's neighbours. */
export function jumpTargets(page: number, pageCount: number, max: number = DISCORD_LIMITS.selectOptions): number[] {
  if (pageCount <= max) return Array.from({ length: pageCount }, (_, index) => index);
  const targets = new Set<number>([0, pageCount - 1]);
  for (let offset = -2; offset <= 2; offset++) if (page + offset >= 0 && page + offset < pageCount) targets.add(page + offset);
  const spread = max - targets.size;
  for (let step = 1; step <= spread && targets.size < max; step++) targets.add(Math.round((step * (pageCount - 1)) / (spread + 1)));
  // Rounding can land on a page already offered; fill from the start so the menu still has `max` entries.
  for (let index = 0; targets.size < max; index++) targets.add(index);
  return [...targets].sort((a, b) => a - b);
}

/** First / previous / next / last buttons and a page jump for page `page` of `pages`; none for one page. */
export function pagingRows(reference: string, page: number, pages: readonly Page[]): Row[] {
  const count = pages.length;
  if (count <= 1) return [];
  const last = count - 1;
  const button = (slot: PagingSlot, label: string, target: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    custom_id: controlId(slot, target, reference),
    disabled,
  });
  const options: APISelectMenuOption[] = jumpTargets(page, count).map((target) => {
    const heading = pages[target]?.firstHeading;
    return {
      label: `Page ${target + 1}`,
      value: String(target),
      ...(heading ? { description: truncate(heading, DISCORD_LIMITS.selectOptionDescription) } : {}),
      ...(target === page ? { default: true } : {}),
    };
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button('f', '⏮ First', 0, page <= 0),
        button('p', '◀ Previous', Math.max(page - 1, 0), page <= 0),
        button('n', 'Next ▶', Math.min(page + 1, last), page >= last),
        button('l', 'Last ⏭', last, page >= last),
      ],
    },
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: controlId('j', page, reference),
          placeholder: truncate(`Jump to a page (${page + 1} of ${count})`, DISCORD_LIMITS.selectPlaceholder),
          options,
        },
      ],
    },
  ];
}

/** A select menu of the view's choices; each answers `choices.command` again with the chosen value. */
export function choicesRow(choices: ViewChoices, reference: string): Row[] {
  const seen = new Set<string>();
  const options: APISelectMenuOption[] = [];
  for (const choice of choices.options) {
    // A value Discord cannot carry whole would answer for someone else: such a choice is left to the text.
    if (choice.value.length > DISCORD_LIMITS.selectOptionValue || choice.value === '' || seen.has(choice.value)) continue;
    seen.add(choice.value);
    options.push({
      label: truncate(choice.label, DISCORD_LIMITS.selectOptionLabel),
      value: choice.value,
      ...(choice.description ? { description: truncate(choice.description, DISCORD_LIMITS.selectOptionDescription) } : {}),
    });
    if (options.length >= DISCORD_LIMITS.selectOptions) break;
  }
  if (options.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: controlId('a', choices.option, reference),
          placeholder: truncate(choices.placeholder, DISCORD_LIMITS.selectPlaceholder),
          options,
        },
      ],
    },
  ];
}
