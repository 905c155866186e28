/**
 * Paging buttons whose custom_id carries the whole state (command, page, options), so a button keeps
 * working after a restart. Format: `page|<command>|<page>|<JSON of options>`, at most 100 characters.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import type { Invocation, OptionValue } from '../../commands/index.js';
import { DISCORD_LIMITS } from './limits.js';

const PREFIX = 'page';

export interface PageState {
  command: string;
  subcommand?: string;
  page: number;
  options: Record<string, OptionValue>;
}

export function encodePageId(state: PageState): string | null {
  const name = state.subcommand ? `${state.command} ${state.subcommand}` : state.command;
  const id = `${PREFIX}|${name}|${state.page}|${JSON.stringify(state.options)}`;
  return id.length <= DISCORD_LIMITS.customId ? id : null;
}

export function decodePageId(customId: string): PageState | null {
  const match = /^page\|([^|]+)\|(-?\d+)\|(.*)$/s.exec(customId);
  if (!match) return null;
  const [, name = '', page = '0', json = '{}'] = match;
  try {
    const options: unknown = JSON.parse(json);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) return null;
    const [command = '', subcommand] = name.split(' ');
    const clean: Record<string, OptionValue> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') clean[key] = value;
    }
    return { command, ...(subcommand ? { subcommand } : {}), page: Number(page), options: clean };
  } catch {
    return null;
  }
}

/** The options worth carrying in a button: everything but `hide` (the page keeps its visibility). */
export function carriedOptions(invocation: Invocation): Record<string, OptionValue> {
  const carried: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(invocation.options)) if (value !== undefined && key !== 'hide') carried[key] = value;
  return carried;
}

/** Previous / next buttons for page `page` of `pageCount`, or none when the state does not fit a custom_id. */
export function pagingRow(
  state: Omit<PageState, 'page'>,
  page: number,
  pageCount: number,
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (pageCount <= 1) return [];
  const previous = encodePageId({ ...state, page: page - 1 });
  const next = encodePageId({ ...state, page: page + 1 });
  if (previous === null || next === null) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '◀ Previous', custom_id: previous, disabled: page <= 0 },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next ▶', custom_id: next, disabled: page >= pageCount - 1 },
      ],
    },
  ];
}
