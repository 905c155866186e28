/**
 * Every message that exists on the emulated server, as Discord would return it, with what tests need beside
 * it: the allowed_mentions the bot sent, the mentions Discord resolved from them, and whether it is ephemeral.
 */
import { MessageType, type APIEmbed, type APIMessage, type APIUser } from 'discord.js';
import { now, snowflake } from './clock.js';
import { apiErrors } from './errors.js';
import { FLAG } from './limits.js';
import type { World } from './world.js';

export type MessageSource = 'channel' | 'webhook' | 'interaction';

/** The mentions Discord resolved in a message: what gets highlighted and, on creation, notified. */
export interface ResolvedMentions {
  everyone: boolean;
  users: string[];
  roles: string[];
}

interface StoredMessage {
  message: APIMessage;
  source: MessageSource;
  allowedMentions: unknown;
  mentions: ResolvedMentions;
  deleted: boolean;
  edits: number;
  authorId: string;
  nonce?: string | number;
  createdAt: number;
  interactionId?: string;
}

/** A message as a test sees it: a snapshot, safe to keep while the bot edits the original. */
export interface EmulatedMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  flags: number;
  ephemeral: boolean;
  /** A deferred response still showing "is thinking…". */
  loading: boolean;
  source: MessageSource;
  /** allowed_mentions exactly as the bot last sent it for this message; undefined when it sent none. */
  allowedMentions: unknown;
  mentions: ResolvedMentions;
  edits: number;
  deleted: boolean;
  interactionId?: string;
  /** The full message object, as Discord's API returns it. */
  message: APIMessage;
}

type Json = Record<string, unknown>;

export interface NewMessage {
  channelId: string;
  author: APIUser;
  body: Json;
  source: MessageSource;
  type?: MessageType;
  flags?: number;
  webhookId?: string;
  applicationId?: string;
  interaction?: { id: string; type: number; user: APIUser; name?: string };
}

/** When allowed_mentions is absent Discord parses every kind of mention; when present, only what it allows. */
function resolveMentions(content: string, allowed: unknown): ResolvedMentions {
  const rules = (typeof allowed === 'object' && allowed !== null ? allowed : { parse: ['users', 'roles', 'everyone'] }) as {
    parse?: string[];
    users?: string[];
    roles?: string[];
  };
  const parse = rules.parse ?? [];
  const ids = (pattern: RegExp): string[] => [...new Set([...content.matchAll(pattern)].map((m) => m[1]!))];
  return {
    everyone: parse.includes('everyone') && /@(everyone|here)\b/.test(content),
    users: ids(/<@!?(\d{15,21})>/g).filter((id) => parse.includes('users') || (rules.users ?? []).includes(id)),
    roles: ids(/<@&(\d{15,21})>/g).filter((id) => parse.includes('roles') || (rules.roles ?? []).includes(id)),
  };
}

const clone = <T>(value: T): T => structuredClone(value);

function normaliseEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed) => ({ type: 'rich', ...(embed as APIEmbed) }) as APIEmbed);
}

export class MessageStore {
  private readonly byId = new Map<string, StoredMessage>();
  private readonly byChannel = new Map<string, string[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly world: World) {}

  /** Called after every change, so waiters can re-check. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  create(input: NewMessage): EmulatedMessage {
    const { body } = input;
    const id = snowflake();
    const content = typeof body.content === 'string' ? body.content : '';
    const mentions = resolveMentions(content, body.allowed_mentions);
    const message = {
      id,
      channel_id: input.channelId,
      guild_id: this.world.guildId,
      author: clone(input.author),
      content,
      timestamp: new Date(now()).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: mentions.everyone,
      mentions: mentions.users.map((userId) => this.world.member(userId)?.user).filter((u) => u !== undefined),
      mention_roles: mentions.roles,
      attachments: [],
      embeds: normaliseEmbeds(body.embeds),
      components: clone((body.components as APIMessage['components']) ?? []),
      pinned: false,
      type: input.type ?? MessageType.Default,
      flags: input.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
      ...(input.applicationId ? { application_id: input.applicationId } : {}),
      ...(input.interaction
        ? {
            interaction_metadata: {
              id: input.interaction.id,
              type: input.interaction.type,
              user: clone(input.interaction.user),
              authorizing_integration_owners: { 0: this.world.guildId },
            },
          }
        : {}),
    } as APIMessage;
    const stored: StoredMessage = {
      message,
      source: input.source,
      allowedMentions: clone(body.allowed_mentions),
      mentions,
      deleted: false,
      edits: 0,
      authorId: input.author.id,
      createdAt: now(),
      ...(body.nonce !== undefined ? { nonce: body.nonce as string | number } : {}),
      ...(input.interaction ? { interactionId: input.interaction.id } : {}),
    };
    this.byId.set(id, stored);
    const list = this.byChannel.get(input.channelId) ?? [];
    list.push(id);
    this.byChannel.set(input.channelId, list);
    const channel = this.world.channels.get(input.channelId);
    if (channel) channel.last_message_id = id;
    this.changed();
    return this.view(stored);
  }

  /** Applies an edit body: fields present replace, absent ones stay. A deferred response stops loading. */
  edit(id: string, body: Json): EmulatedMessage {
    const stored = this.live(id);
    const { message } = stored;
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = normaliseEmbeds(body.embeds);
    if ('components' in body) message.components = clone((body.components as APIMessage['components']) ?? []);
    if ('allowed_mentions' in body) stored.allowedMentions = clone(body.allowed_mentions);
    const flags = message.flags ?? 0;
    const wasLoading = (flags & FLAG.loading) !== 0;
    const suppress = typeof body.flags === 'number' ? body.flags & FLAG.suppressEmbeds : flags & FLAG.suppressEmbeds;
    message.flags = (flags & ~FLAG.loading & ~FLAG.suppressEmbeds) | suppress;
    stored.mentions = resolveMentions(message.content, stored.allowedMentions);
    message.mention_everyone = stored.mentions.everyone;
    message.mention_roles = stored.mentions.roles;
    // Completing a deferred response is not an edit in Discord's eyes; anything after it is.
    if (!wasLoading) {
      message.edited_timestamp = new Date(now()).toISOString();
      stored.edits += 1;
    }
    this.changed();
    return this.view(stored);
  }

  delete(id: string): void {
    this.live(id).deleted = true;
    this.changed();
  }

  /** The stored message, or Discord's 10008 Unknown Message when it does not exist (any more). */
  live(id: string): StoredMessage {
    const stored = this.byId.get(id);
    if (!stored || stored.deleted) throw apiErrors.unknownMessage();
    return stored;
  }

  get(id: string): EmulatedMessage | undefined {
    const stored = this.byId.get(id);
    return stored ? this.view(stored) : undefined;
  }

  /** Whether a message still shows "is thinking…" (undefined if there is no such message); cheap, no copy. */
  isLoading(id: string): boolean | undefined {
    const stored = this.byId.get(id);
    return stored ? ((stored.message.flags ?? 0) & FLAG.loading) !== 0 : undefined;
  }

  authorOf(id: string): string {
    return this.live(id).authorId;
  }

  /** Messages everyone in the channel sees, oldest first (ephemeral and deleted ones left out). */
  inChannel(channelId: string): EmulatedMessage[] {
    return (this.byChannel.get(channelId) ?? [])
      .map((id) => this.byId.get(id)!)
      .filter((stored) => !stored.deleted && !((stored.message.flags ?? 0) & FLAG.ephemeral))
      .map((stored) => this.view(stored));
  }

  all(): EmulatedMessage[] {
    return [...this.byId.values()].map((stored) => this.view(stored));
  }

  /** A message this author sent to this channel with this nonce within the window, if any (enforce_nonce). */
  byNonce(channelId: string, authorId: string, nonce: string | number, windowMs: number): EmulatedMessage | undefined {
    const since = now() - windowMs;
    for (const id of this.byChannel.get(channelId) ?? []) {
      const stored = this.byId.get(id)!;
      if (stored.authorId === authorId && stored.nonce !== undefined && String(stored.nonce) === String(nonce) && stored.createdAt >= since) {
        return this.view(stored);
      }
    }
    return undefined;
  }

  private view(stored: StoredMessage): EmulatedMessage {
    const message = clone(stored.message);
    const flags = message.flags ?? 0;
    return {
      id: message.id,
      channelId: message.channel_id,
      content: message.content,
      embeds: message.embeds,
      components: message.components ?? [],
      flags,
      ephemeral: (flags & FLAG.ephemeral) !== 0,
      loading: (flags & FLAG.loading) !== 0,
      source: stored.source,
      allowedMentions: clone(stored.allowedMentions),
      mentions: clone(stored.mentions),
      edits: stored.edits,
      deleted: stored.deleted,
      ...(stored.interactionId ? { interactionId: stored.interactionId } : {}),
      message,
    };
  }
}
