/**
 * Getting a digest message into a channel: through the bot's REST client, or through a channel webhook
 * (which needs no gateway connection). Every post carries a nonce with enforce_nonce and mentions are off.
 *
 * The nonce alone is not enough: Discord remembers it only a few minutes, and not at all for webhooks. So a
 * message part whose earlier attempt may have reached Discord is first looked for in the channel, and only
 * sent again when it is not there. The REST clients given here must not retry server errors by themselves
 * (`retries: 0`), or they would resend without looking; sendWithRetry does the retrying.
 */
import { DiscordAPIError, HTTPError, type REST } from '@discordjs/rest';
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

/**
 * Thrown before a send when this process may no longer post the slot (its claim went to another process,
 * or the post is no longer intended): nothing is sent, nothing is recorded, the other process finishes it.
 */
export class ClaimLostError extends Error {
  constructor(readonly slot: string) {
    super(`slot ${slot} is being posted by another process`);
    this.name = 'ClaimLostError';
  }
}

/** Where to look for a message that may already have been posted. */
export interface Lookup {
  nonce: string;
  /** When the post was first recorded as intended (ISO): nothing older can be it. */
  since: string;
}

/** What a look at the channel found: the message (its id), not it, or nothing because the channel cannot be read. */
export type Sighting = { kind: 'found'; id: string } | { kind: 'absent' } | { kind: 'unreadable'; why: string };

export interface Delivery {
  /** Posts one message and resolves to its id. Throws DeliveryError. */
  send(message: DigestMessage, nonce: string): Promise<string>;
  /** Why posting would fail (a reason), or null when the target looks usable. */
  check(): Promise<string | null>;
  /**
   * Whether this very message is already in the channel. Throws a transient DeliveryError when reading
   * the channel failed for a reason that may pass, so that nothing is resent unchecked.
   */
  findExisting(message: DigestMessage, lookup: Lookup): Promise<Sighting>;
}

/** Messages per history page (Discord's maximum), and how many pages a look goes back at most. */
const PAGE_SIZE = 100;
const MAX_PAGES = 10;
/** Our clock and Discord's may disagree a little: look this much further back than the post's intent. */
const CLOCK_SKEW_MS = 10 * 60_000;

interface PostedEmbed {
  title?: string;
  description?: string;
  footer?: { text?: string };
  fields?: { name?: string; value?: string }[];
}

interface PostedMessage {
  id: string;
  timestamp?: string;
  nonce?: string | number;
  webhook_id?: string;
  author?: { bot?: boolean };
  embeds?: PostedEmbed[];
}

/** What identifies a digest message once posted: its embeds' text (titles carry the schedule, slot and page). */
function fingerprint(embeds: readonly PostedEmbed[] | undefined): string {
  return JSON.stringify(
    (embeds ?? []).map((embed) => [
      embed.title?.trim() ?? '',
      embed.description?.trim() ?? '',
      embed.footer?.text?.trim() ?? '',
      (embed.fields ?? []).map((field) => [field.name?.trim() ?? '', field.value?.trim() ?? '']),
    ]),
  );
}

/**
 * Reads the channel back from the newest message until one older than the post's intent (or MAX_PAGES),
 * looking for a message by `ours` with this nonce or these embeds. A read that fails for a reason that
 * may pass (5xx, network) throws a transient DeliveryError; a refusal (no access, deleted channel) is
 * `unreadable`. Without Read Message History Discord answers an empty list: the look finds nothing.
 */
async function findInHistory(rest: REST, channelId: string, message: DigestMessage, lookup: Lookup, ours: (posted: PostedMessage) => boolean): Promise<Sighting> {
  const wanted = fingerprint(message.embeds);
  const floor = Date.parse(lookup.since) - CLOCK_SKEW_MS;
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(before ? { before } : {}) });
    let batch: PostedMessage[];
    try {
      batch = (await rest.get(`/channels/${channelId}/messages`, { query })) as PostedMessage[];
    } catch (error) {
      const failure = explain(error, 'channel');
      if (failure.permanent) return { kind: 'unreadable', why: failure.reason };
      throw new DeliveryError(false, `Could not check the channel for a post that may already be there (${failure.reason})`);
    }
    const hit = batch.find((posted) => ours(posted) && (String(posted.nonce) === lookup.nonce || fingerprint(posted.embeds) === wanted));
    if (hit) return { kind: 'found', id: hit.id };
    const oldest = batch.at(-1);
    if (!oldest || batch.length < PAGE_SIZE || Date.parse(oldest.timestamp ?? '') < floor) return { kind: 'absent' };
    before = oldest.id;
  }
  // Residual: more than MAX_PAGES pages posted since the intent. The nonce still guards a resend within minutes.
  return { kind: 'absent' };
}

const NO_MENTIONS = { parse: [] as string[] };

function postBody(message: DigestMessage, nonce: string) {
  return { ...message, allowed_mentions: NO_MENTIONS, nonce, enforce_nonce: true };
}

/** Posts as the bot: `POST /channels/{id}/messages`. `rest` must have `retries: 0`. */
export function botDelivery(rest: REST, channelId: string, checkPermissions?: (channelId: string) => Promise<string | null>): Delivery {
  return {
    async send(message, nonce) {
      const created = (await rest
        .post(`/channels/${channelId}/messages`, { body: postBody(message, nonce) })
        .catch((error: unknown) => rethrow(error, 'channel'))) as { id: string };
      return created.id;
    },
    async check() {
      try {
        await rest.get(`/channels/${channelId}`);
      } catch (error) {
        return explain(error, 'channel').reason;
      }
      return checkPermissions ? checkPermissions(channelId) : null;
    },
    findExisting: (message, lookup) => findInHistory(rest, channelId, message, lookup, (posted) => !posted.webhook_id && posted.author?.bot === true),
  };
}

/**
 * Posts through a channel webhook: `POST /webhooks/{id}/{token}?wait=true` (no bot token needed, and the
 * answer carries the message id). Discord does not de-duplicate webhook posts by nonce, so a resend is only
 * safe after a look at the channel, which needs the bot (`botRest`, Read Message History there). Without
 * it, the look is `unreadable` and a resend after a lost answer may post twice.
 */
export function webhookDelivery(rest: REST, webhook: WebhookRef, channelId: string, botRest?: REST): Delivery {
  const route = `/webhooks/${webhook.id}/${webhook.token}` as const;
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
    findExisting: async (message, lookup) =>
      botRest
        ? findInHistory(botRest, channelId, message, lookup, (posted) => posted.webhook_id === webhook.id)
        : { kind: 'unreadable', why: 'webhook delivery without a bot connection cannot read the channel' },
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
    if (code === 50013) return new DeliveryError(true, 'Missing Permissions (50013): give the bot View Channel, Send Messages, Embed Links and Read Message History in this channel.');
    if (code === 50001) return new DeliveryError(true, 'Missing Access (50001): the bot cannot see this channel; give it View Channel.');
    if (code === 10003) return new DeliveryError(true, 'Unknown Channel (10003): the channel was deleted; remove this digest or add it to another channel.');
    if (error.status === 429) return new DeliveryError(false, 'Rate limited by Discord (429); retrying.');
    if (error.status >= 500) return new DeliveryError(false, `Discord failed (${error.status} ${code}: ${error.message}); retrying.`);
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

export interface PartOptions extends Lookup {
  /** An earlier attempt (in this run or before a restart) may have reached Discord: look before sending. */
  mayExist: boolean;
  retry?: RetryOptions;
  /** Awaited just before each request that could create the message (to count attempts); may throw ClaimLostError. */
  beforeSend?: () => Promise<void> | void;
  /** Called when a part that may exist is sent again without a look (the channel cannot be read), with why. */
  onBlindResend?: (why: string) => void;
}

/**
 * Gets one message part into the channel exactly once, as far as Discord lets anyone know: before any
 * send that might repeat an earlier one, the channel is searched for it (found: its id is the answer).
 * Transient failures are retried with exponential backoff; the REST client already waits out 429s.
 */
export async function sendWithRetry(delivery: Delivery, message: DigestMessage, options: PartOptions): Promise<string> {
  const retry = options.retry ?? DEFAULT_RETRY;
  let mayExist = options.mayExist;
  for (let attempt = 1; ; attempt++) {
    try {
      if (mayExist) {
        const sighting = await delivery.findExisting(message, options);
        if (sighting.kind === 'found') return sighting.id;
        if (sighting.kind === 'unreadable') options.onBlindResend?.(sighting.why);
      }
      await options.beforeSend?.();
      return await delivery.send(message, options.nonce);
    } catch (error) {
      if (error instanceof ClaimLostError) throw error;
      const failure = explain(error, 'channel');
      if (failure.permanent || attempt >= retry.attempts) throw failure;
      await retry.sleep(retry.backoffMs(attempt));
      mayExist = true;
    }
  }
}
