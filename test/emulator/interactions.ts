/**
 * Interactions a user starts (slash command, button, autocomplete): the INTERACTION_CREATE payload Discord
 * sends, the acknowledgement rules (3 s to answer, once), and a handle for tests to await what the user sees.
 */
import { ApplicationCommandType, InteractionResponseType as Callback, InteractionType, type APIInteraction, type APIUser } from 'discord.js';
import { clearTimer, now, randomToken, setTimer, snowflake, waitUntil } from './clock.js';
import type { CommandRegistry } from './commands.js';
import type { EmulatedMessage, MessageStore } from './messages.js';
import { customIds, findComponent, OptionBuilder, type OptionInput } from './options.js';
import type { RecordedRequest } from './recorder.js';
import type { World } from './world.js';

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  label: string;
  channelId: string;
  user: APIUser;
  createdAt: number;
  /** The initial response (callback), once the bot has sent one that was accepted. */
  ack?: { type: Callback; at: number; data?: unknown };
  /** The message `@original` refers to: the reply, the deferred reply, or the clicked message after 6/7. */
  originalId?: string;
  /** Message the component was clicked on (component interactions). */
  componentMessageId?: string;
  /** How many times @original was edited through the webhook route after the acknowledgement. */
  originalEdits: number;
  followUpIds: string[];
  choices?: unknown[];
  modal?: unknown;
  requests: RecordedRequest[];
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
  name_localizations?: Record<string, string> | null;
}

export interface WaitOptions {
  timeoutMs?: number;
}

/** What a test holds after injecting an interaction. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE `d` that was dispatched. */
  readonly payload: APIInteraction;
  /** The callback type the bot acknowledged with (4 reply, 5 defer, 6 deferred update, 7 update, 8 choices, 9 modal). */
  readonly acknowledgedWith: number | undefined;
  /** Every REST request the bot made for this interaction (callback, @original, follow-ups), in order. */
  requests(): RecordedRequest[];
  /** Resolves with the callback type once the bot has acknowledged; rejects if the deadline passes first. */
  waitForAck(options?: WaitOptions): Promise<number>;
  /**
   * Resolves with the message the user sees once the answer is complete: the reply (4), the updated message (7),
   * or, after a defer (5/6), the first edit of @original. Rejects if the deadline passes unanswered.
   */
  waitForReply(options?: WaitOptions): Promise<EmulatedMessage>;
  /** Resolves once @original satisfies `predicate` (e.g. after a later edit). */
  waitForOriginal(predicate: (message: EmulatedMessage) => boolean, options?: WaitOptions): Promise<EmulatedMessage>;
  /** Autocomplete: resolves with the choices the bot offered. */
  waitForChoices(options?: WaitOptions): Promise<AutocompleteChoice[]>;
  /** Resolves once the bot has sent at least `count` follow-up messages. */
  waitForFollowUps(count: number, options?: WaitOptions): Promise<EmulatedMessage[]>;
  /** The current @original message, if any. */
  original(): EmulatedMessage | undefined;
  followUps(): EmulatedMessage[];
}

export type Who = 'member' | 'admin' | APIUser;

export interface InteractOptions {
  /** Who runs it: an ordinary member (default), the admin (Manage Server), or any member's user object. */
  user?: Who;
  /** Channel it is run in; default the general channel. */
  channelId?: string;
  locale?: string;
  /** Skip the checks Discord's client would make (command registered, user allowed to see it). */
  force?: boolean;
}

export interface ComponentOptions extends InteractOptions {
  /** Selected values, for select menus. */
  values?: string[];
}

export interface InteractionsConfig {
  world: World;
  store: MessageStore;
  commands: CommandRegistry;
  deadlineMs: () => number;
  tokenLifetimeMs: () => number;
  defaultChannelId: () => string;
  dispatch: (t: string, d: unknown) => void;
}

const DEFAULT_WAIT_MS = 10_000;

export class Interactions {
  private readonly records = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimer>>();
  private readonly options: OptionBuilder;

  constructor(private readonly config: InteractionsConfig) {
    this.options = new OptionBuilder(config.world);
    config.store.subscribe(() => this.changed());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  get(id: string): InteractionRecord | undefined {
    return this.records.get(id);
  }

  withToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  /** True while the bot may still send the initial response. */
  withinDeadline(record: InteractionRecord): boolean {
    return now() - record.createdAt <= this.config.deadlineMs();
  }

  /** True while the interaction token may be used for @original and follow-ups (15 minutes on Discord). */
  tokenAlive(record: InteractionRecord): boolean {
    return now() - record.createdAt <= this.config.tokenLifetimeMs();
  }

  all(): InteractionRecord[] {
    return [...this.records.values()];
  }

  close(): void {
    for (const timer of this.timers) clearTimer(timer);
    this.timers.clear();
  }

  command(name: string, options: Record<string, OptionInput> = {}, how: InteractOptions = {}): InteractionHandle {
    const user = this.who(how.user);
    const channelId = how.channelId ?? this.config.defaultChannelId();
    const schema = this.schemaFor(name, user, how);
    const data = this.options.build({ name, options, schema, commandId: schema?.id ?? snowflake(), userId: user.id, channelId });
    const label = `/${name.trim()}${Object.entries(options).map(([k, v]) => ` ${k}:${JSON.stringify(typeof v === 'object' ? v.value : v)}`).join('')}`;
    return this.start(InteractionType.ApplicationCommand, data, { user, channelId, label, how });
  }

  autocomplete(name: string, focused: { name: string; value: string }, others: Record<string, OptionInput> = {}, how: InteractOptions = {}): InteractionHandle {
    const user = this.who(how.user);
    const channelId = how.channelId ?? this.config.defaultChannelId();
    const schema = this.schemaFor(name, user, how);
    const data = this.options.build({ name, options: others, focused, schema, commandId: schema?.id ?? snowflake(), userId: user.id, channelId });
    return this.start(InteractionType.ApplicationCommandAutocomplete, data, { user, channelId, label: `/${name.trim()} ${focused.name}:${focused.value}▌`, how });
  }

  /** Right-click a message → Apps → `name` (a registered message context-menu command). */
  messageCommand(name: string, message: EmulatedMessage | string, how: InteractOptions = {}): InteractionHandle {
    const target = this.config.store.get(typeof message === 'string' ? message : message.id);
    if (!target || target.deleted) throw new Error(`Message ${typeof message === 'string' ? message : message.id} does not exist (any more), so nobody can right-click it.`);
    const schema = this.config.commands.find(name, this.config.world.guildId, ApplicationCommandType.Message);
    if (!schema && !how.force) throw new Error(`No message command "${name}" is registered, so it is not in the Apps menu.`);
    const user = this.who(how.user);
    const data = { id: schema?.id ?? snowflake(), name, type: ApplicationCommandType.Message, target_id: target.id, resolved: { messages: { [target.id]: target.message } } };
    return this.start(InteractionType.ApplicationCommand, data, { user, channelId: target.channelId, label: `Apps → ${name} on ${target.id}`, how });
  }

  component(customId: string, message: EmulatedMessage | string, how: ComponentOptions = {}): InteractionHandle {
    const messageId = typeof message === 'string' ? message : message.id;
    const current = this.config.store.get(messageId);
    if (!current || current.deleted) throw new Error(`Message ${messageId} does not exist (any more), so nobody can click on it.`);
    const component = findComponent(current.components, customId);
    if (!component) {
      throw new Error(`Message ${messageId} has no component with custom_id ${JSON.stringify(customId)}; it has: ${customIds(current.components).map((id) => JSON.stringify(id)).join(', ') || 'none'}.`);
    }
    if (component.disabled === true) throw new Error(`The component ${JSON.stringify(customId)} is disabled, so it cannot be clicked.`);
    if (component.type === 3) checkSelection(component, how.values ?? []);
    const user = this.who(how.user);
    const data = {
      custom_id: customId,
      component_type: component.type as number,
      ...(component.type !== 2 ? { values: how.values ?? [] } : {}),
    };
    return this.start(InteractionType.MessageComponent, data, {
      user,
      channelId: current.channelId,
      label: `[${customId}]`,
      how,
      message: current,
    });
  }

  private who(who: Who | undefined): APIUser {
    if (who === undefined || who === 'member') return this.config.world.people.member;
    if (who === 'admin') return this.config.world.people.admin;
    if (!this.config.world.member(who.id)) throw new Error(`User ${who.id} is not a member of the emulated server.`);
    return who;
  }

  private schemaFor(name: string, user: APIUser, how: InteractOptions) {
    const { world, commands } = this.config;
    const commandName = name.trim().split(/\s+/)[0] ?? '';
    const schema = commands.find(commandName, world.guildId);
    if (how.force) return schema;
    if (!schema && !commands.isEmpty) {
      throw new Error(`/${commandName} is not registered, so no user can run it; registered: ${commands.names(world.guildId).map((n) => `/${n}`).join(', ')}.`);
    }
    const needed = schema?.default_member_permissions;
    if (needed && (world.permissions(user.id) & BigInt(needed)) !== BigInt(needed)) {
      throw new Error(`${user.username} cannot see /${commandName}: it needs permissions ${needed} (default_member_permissions). Use { user: 'admin' }.`);
    }
    return schema;
  }

  private start(
    type: InteractionType,
    data: unknown,
    context: { user: APIUser; channelId: string; label: string; how: InteractOptions; message?: EmulatedMessage },
  ): InteractionHandle {
    const { world } = this.config;
    const channel = world.channel(context.channelId);
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}${randomToken(140)}`;
    const locale = context.how.locale ?? 'en-US';
    const member = world.guildMember(context.user.id);
    const payload = {
      id,
      application_id: world.applicationId,
      type,
      token,
      version: 1,
      guild_id: world.guildId,
      guild: { id: world.guildId, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      channel: {
        id: channel.id,
        type: channel.type,
        name: channel.name,
        guild_id: world.guildId,
        parent_id: channel.parent_id ?? null,
        position: channel.position,
        nsfw: channel.nsfw ?? false,
        topic: channel.topic ?? null,
        last_message_id: channel.last_message_id ?? null,
        rate_limit_per_user: channel.rate_limit_per_user ?? 0,
        flags: channel.flags ?? 0,
        permissions: world.permissions(context.user.id, channel.id).toString(),
      },
      channel_id: channel.id,
      member: { ...member, permissions: world.permissions(context.user.id, channel.id).toString() },
      app_permissions: world.permissions(world.bot.id, channel.id).toString(),
      locale,
      entitlements: [],
      authorizing_integration_owners: { 0: world.guildId },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
      data,
      ...(context.message ? { message: context.message.message } : {}),
    } as unknown as APIInteraction;
    const record: InteractionRecord = {
      id,
      token,
      type,
      payload,
      label: context.label,
      channelId: channel.id,
      user: context.user,
      createdAt: now(),
      originalEdits: 0,
      followUpIds: [],
      requests: [],
      ...(context.message ? { componentMessageId: context.message.id } : {}),
    };
    this.records.set(id, record);
    this.byToken.set(token, record);
    // Wake waiters when the deadline passes, so an unanswered interaction fails fast and clearly.
    const timer = setTimer(() => {
      this.timers.delete(timer);
      this.changed();
    }, this.config.deadlineMs() + 1);
    timer.unref();
    this.timers.add(timer);
    this.config.dispatch('INTERACTION_CREATE', payload);
    return this.handle(record);
  }

  private handle(record: InteractionRecord): InteractionHandle {
    const store = this.config.store;
    const deadline = this.config.deadlineMs;
    const wait = <T>(check: () => T | undefined, options: WaitOptions | undefined, what: string): Promise<T> =>
      waitUntil(check, (listener) => this.subscribe(listener), options?.timeoutMs ?? DEFAULT_WAIT_MS, () => `${record.label}: ${what}; ${this.describe(record)}`);
    const unanswered = (): void => {
      if (!record.ack && !this.withinDeadline(record)) {
        throw new Error(`${record.label} was not acknowledged within ${deadline()} ms (Discord shows "The application did not respond"); ${this.describe(record)}`);
      }
    };
    const original = (): EmulatedMessage | undefined => (record.originalId ? store.get(record.originalId) : undefined);
    return {
      id: record.id,
      token: record.token,
      payload: record.payload,
      get acknowledgedWith() {
        return record.ack?.type;
      },
      requests: () => [...record.requests],
      original,
      followUps: () => record.followUpIds.map((id) => store.get(id)!),
      waitForAck: (options) =>
        wait(() => {
          unanswered();
          return record.ack?.type;
        }, options, 'no acknowledgement'),
      waitForReply: (options) =>
        wait(() => {
          unanswered();
          if (!record.ack || !record.originalId) return undefined;
          // Decide on cheap state first: many waiters re-check on every change, and a snapshot is a deep copy.
          switch (record.ack.type) {
            case Callback.ChannelMessageWithSource:
            case Callback.UpdateMessage:
              return original();
            case Callback.DeferredChannelMessageWithSource:
              return store.isLoading(record.originalId) === false ? original() : undefined;
            case Callback.DeferredMessageUpdate:
              return record.originalEdits > 0 ? original() : undefined;
            default:
              throw new Error(`${record.label} was answered with callback type ${record.ack.type}, which shows no message.`);
          }
        }, options, 'no complete reply'),
      waitForOriginal: (predicate, options) =>
        wait(() => {
          unanswered();
          const message = original();
          return message && !message.loading && predicate(message) ? message : undefined;
        }, options, 'no @original matching the predicate'),
      waitForChoices: (options) =>
        wait(() => {
          unanswered();
          if (record.ack && record.ack.type !== Callback.ApplicationCommandAutocompleteResult) {
            throw new Error(`${record.label} was answered with callback type ${record.ack.type}, not autocomplete choices (8).`);
          }
          return record.choices as AutocompleteChoice[] | undefined;
        }, options, 'no autocomplete choices'),
      waitForFollowUps: (count, options) =>
        wait(() => (record.followUpIds.length >= count ? record.followUpIds.map((id) => store.get(id)!) : undefined), options, `fewer than ${count} follow-ups`),
    };
  }

  /** One line on what happened to an interaction, for failure messages. */
  describe(record: InteractionRecord): string {
    const requests = record.requests.map((r) => `${r.method} ${r.route} → ${r.status}${r.error ? ` ${r.error.code}` : ''}`);
    const ack = record.ack ? `acknowledged with type ${record.ack.type} after ${record.ack.at - record.createdAt} ms` : 'not acknowledged';
    return `${ack}; requests: ${requests.join(', ') || 'none'}`;
  }
}


/** A user can pick only what a string select offers, and as many as its min/max allow (default exactly one). */
function checkSelection(select: Record<string, unknown>, values: readonly string[]): void {
  const offered = Array.isArray(select.options) ? (select.options as Array<{ value?: unknown }>).map((option) => String(option.value)) : [];
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  const foreign = values.filter((value) => !offered.includes(value));
  if (foreign.length > 0) throw new Error(`The select ${JSON.stringify(select.custom_id)} offers ${offered.map((v) => JSON.stringify(v)).join(', ')}; it has no ${foreign.map((v) => JSON.stringify(v)).join(', ')}.`);
  if (values.length < min || values.length > max) throw new Error(`The select ${JSON.stringify(select.custom_id)} takes ${min}–${max} values, not ${values.length}.`);
}
