/**
 * Getting a digest message into a channel: through the bot's REST client, or through a channel webhook
 * (which needs no gateway connection). Every post carries a nonce with enforce_nonce, so sending the same
 * message again returns the one already created instead of posting twice, and mentions are off.
 */
import { DiscordAPIError, HTTPError, Routes, type REST } from 'discord.js';
import type { DigestMessage } from './messages.js';
import type { WebhookRef } from './webhook.js';

/** A failed delivery. `permanent`: the channel or webhook refuses (retry at the next slot); otherwise transient. */
export class DeliveryError extends Error {
  constructor(
    readonly permanent: boolean,
    /** What went wrong, in words a server admin can act on (shown in /digest list). */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

export interface Delivery {
  /** Posts one message and resolves to its id. Throws DeliveryError. */
  send(message: DigestMessage, nonce: string): Promise<string>;
  /** Why posting would fail (a reason), or null when the target looks usable. */
  check(): Promise<string | null>;
  /**
   * The id of this very message if it is already in the channel (a send that may or may not have happened),
   * else null. Needs the bot's REST client to read the channel; without it, or without Read Message History,
   * it finds nothing and the nonce is the only guard.
   */
  findExisting(message: DigestMessage): Promise<string | null>;
}

/** How far back a resend looks for the message it may already have posted. */
const HISTORY_LIMIT = 50;

interface PostedMessage {
  id: string;
  webhook_id?: string;
  author?: { bot?: boolean };
  embeds?: { title?: string; description?: string; footer?: { text?: string } }[];
}

const sameEmbeds = (posted: PostedMessage, message: DigestMessage): boolean =>
  (posted.embeds ?? []).length === message.embeds.length &&
  message.embeds.every((embed, index) => {
    const other = posted.embeds?.[index];
    return other?.title === embed.title && other?.description === embed.description && other?.footer?.text === embed.footer?.text;
  });

/** Looks through the channel's latest messages for this message, posted by `ours`. */
async function findInHistory(rest: REST | undefined, channelId: string, message: DigestMessage, ours: (posted: PostedMessage) => boolean): Promise<string | null> {
  if (!rest) return null;
  try {
    const recent = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }) })) as PostedMessage[];
    return recent.find((posted) => ours(posted) && sameEmbeds(posted, message))?.id ?? null;
  } catch {
    return null;
  }
}

const NO_MENTIONS = { parse: [] as string[] };

function postBody(message: DigestMessage, nonce: string) {
  return { ...message, allowed_mentions: NO_MENTIONS, nonce, enforce_nonce: true };
}

/** Posts as the bot: `POST /channels/{id}/messages`. */
export function botDelivery(rest: REST, channelId: string, checkPermissions?: (channelId: string) => Promise<string | null>): Delivery {
  return {
    async send(message, nonce) {
      const created = (await rest
        .post(Routes.channelMessages(channelId), { body: postBody(message, nonce) })
        .catch((error: unknown) => rethrow(error, 'channel'))) as { id: string };
      return created.id;
    },
    async check() {
      try {
        await rest.get(Routes.channel(channelId));
      } catch (error) {
        return explain(error, 'channel').reason;
      }
      return checkPermissions ? checkPermissions(channelId) : null;
    },
    findExisting: (message) => findInHistory(rest, channelId, message, (posted) => !posted.webhook_id && posted.author?.bot === true),
  };
}

/**
 * Posts through a channel webhook: `POST /webhooks/{id}/{token}?wait=true` (no bot token needed). Discord
 * does not de-duplicate webhook posts by nonce, so `rest` must not retry server errors by itself
 * (`retries: 0`): sendWithRetry looks for the message in the channel (through `botRest`) before resending.
 */
export function webhookDelivery(rest: REST, webhook: WebhookRef, channelId: string, botRest?: REST): Delivery {
  const route = Routes.webhook(webhook.id, webhook.token);
  return {
    async send(message, nonce) {
      const created = (await rest
        .post(route, { body: postBody(message, nonce), query: new URLSearchParams({ wait: 'true' }), auth: false })
        .catch((error: unknown) => rethrow(error, 'webhook'))) as { id: string };
      return created.id;
    },
    async check() {
      let found: { channel_id?: string };
      try {
        found = (await rest.get(route, { auth: false })) as { channel_id?: string };
      } catch (error) {
        return explain(error, 'webhook').reason;
      }
      if (found.channel_id && found.channel_id !== channelId) {
        return `that webhook posts to channel ${found.channel_id}, not to channel ${channelId}: use a webhook of the digest's channel.`;
      }
      return null;
    },
    findExisting: (message) => findInHistory(botRest, channelId, message, (posted) => posted.webhook_id === webhook.id),
  };
}

function rethrow(error: unknown, target: 'channel' | 'webhook'): never {
  throw explain(error, target);
}

/** Discord's answer, as a DeliveryError saying what an admin can do about it. */
export function explain(error: unknown, target: 'channel' | 'webhook'): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    const code = Number(error.code);
    if (target === 'webhook' && (error.status === 401 || error.status === 404)) {
      return new DeliveryError(true, `The webhook no longer works (${error.status} ${code}: ${error.message}): remove this digest and add it again with a new webhook URL.`);
    }
    if (code === 50013) return new DeliveryError(true, 'Missing Permissions (50013): give the bot View Channel, Send Messages and Embed Links in this channel.');
    if (code === 50001) return new DeliveryError(true, 'Missing Access (50001): the bot cannot see this channel; give it View Channel.');
    if (code === 10003) return new DeliveryError(true, 'Unknown Channel (10003): the channel was deleted; remove this digest or add it to another channel.');
    if (error.status === 429) return new DeliveryError(false, 'Rate limited by Discord (429); retrying.');
    return new DeliveryError(true, `Discord refused the post (${error.status} ${code}: ${error.message}).`);
  }
  if (error instanceof HTTPError) return new DeliveryError(false, `Discord did not answer (HTTP ${error.status}); retrying.`);
  const detail = error instanceof Error ? error.message : String(error);
  return new DeliveryError(false, `Could not reach Discord (${detail}); retrying.`);
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the n-th retry (1-based), in milliseconds. */
  backoffMs: (retry: number) => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  backoffMs: (retry) => 1000 * 2 ** (retry - 1),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Sends, retrying transient failures with exponential backoff. A failed send may still have gone through,
 * so before each resend the channel is checked for the message, and the resend carries the same nonce
 * (which Discord answers with the message already created). The REST client already waits out 429s.
 */
export async function sendWithRetry(delivery: Delivery, message: DigestMessage, nonce: string, retry: RetryOptions = DEFAULT_RETRY): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await delivery.send(message, nonce);
    } catch (error) {
      const failure = explain(error, 'channel');
      if (failure.permanent || attempt >= retry.attempts) throw failure;
      await retry.sleep(retry.backoffMs(attempt));
      const existing = await delivery.findExisting(message);
      if (existing) return existing;
    }
  }
}
