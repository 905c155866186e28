/**
 * Answering interactions: the callback (once, within the deadline, with a type that fits the interaction),
 * then @original and follow-ups through the interaction webhook while its token lives (15 minutes).
 */
import { InteractionResponseType as Callback, InteractionType, MessageType } from 'discord.js';
import { now } from './clock.js';
import { asObject, noContent, ok, type Context, type Json } from './context.js';
import { apiErrors, FormErrors } from './errors.js';
import type { InteractionRecord } from './interactions.js';
import { checkChoices, checkMessage, checkModal, FLAG } from './limits.js';
import type { EmulatedMessage } from './messages.js';
import type { ApiResponse, Route } from './server.js';

const INTERACTION_FLAGS = FLAG.suppressEmbeds | FLAG.ephemeral | FLAG.suppressNotifications | FLAG.componentsV2;

/** Which callback types Discord accepts for each kind of interaction. */
const ALLOWED: Record<number, Callback[]> = {
  [InteractionType.ApplicationCommand]: [Callback.ChannelMessageWithSource, Callback.DeferredChannelMessageWithSource, Callback.Modal],
  [InteractionType.MessageComponent]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
    Callback.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [Callback.ApplicationCommandAutocompleteResult],
};

export function interactionRoutes(ctx: Context): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/interactions/:interaction/:token/callback',
      auth: 'none',
      handle: ({ params, body, query }) => callback(ctx, params.interaction!, params.token!, asObject(body), query.get('with_response') === 'true'),
    },
  ];
}

function newMessage(ctx: Context, record: InteractionRecord, body: Json, flags?: number): EmulatedMessage {
  const { world, store } = ctx;
  return store.create({
    channelId: record.channelId,
    author: world.bot,
    body,
    source: 'interaction',
    type: record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
    ...(flags !== undefined ? { flags } : {}),
    webhookId: world.applicationId,
    applicationId: world.applicationId,
    interaction: { id: record.id, type: record.type, user: record.user },
  });
}

function callback(ctx: Context, id: string, token: string, body: Json, withResponse: boolean): ApiResponse {
  const { interactions, store } = ctx;
  const record = interactions.get(id);
  if (!record || record.token !== token) throw apiErrors.unknownInteraction();
  if (record.ack) throw apiErrors.alreadyAcknowledged();
  if (!interactions.withinDeadline(record)) throw apiErrors.unknownInteraction();
  const type = body.type as Callback;
  const allowed = ALLOWED[record.type] ?? [];
  if (!allowed.includes(type)) {
    const errors = new FormErrors();
    errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
    errors.throwIfAny();
  }
  const data = asObject(body.data);
  const flags = typeof data.flags === 'number' ? data.flags : 0;
  switch (type) {
    case Callback.ChannelMessageWithSource:
      checkMessage(body.data, { path: ['data'], creating: true, allowedFlags: INTERACTION_FLAGS });
      record.originalId = newMessage(ctx, record, data).id;
      break;
    case Callback.DeferredChannelMessageWithSource:
      if (flags & ~FLAG.ephemeral) checkMessage(data, { path: ['data'], creating: false, allowedFlags: FLAG.ephemeral });
      record.originalId = newMessage(ctx, record, {}, FLAG.loading | (flags & FLAG.ephemeral)).id;
      break;
    case Callback.DeferredMessageUpdate:
      record.originalId = record.componentMessageId;
      break;
    case Callback.UpdateMessage:
      checkMessage(body.data, { path: ['data'], creating: false, allowedFlags: INTERACTION_FLAGS });
      record.originalId = record.componentMessageId;
      store.edit(record.componentMessageId!, data);
      break;
    case Callback.ApplicationCommandAutocompleteResult:
      checkChoices(body.data);
      record.choices = structuredClone(data.choices as unknown[]);
      break;
    case Callback.Modal:
      checkModal(body.data);
      record.modal = structuredClone(data);
      break;
  }
  record.ack = { type, at: now(), data: structuredClone(body.data) };
  interactions.changed();
  if (!withResponse) return noContent();
  const message = record.originalId && type !== Callback.DeferredMessageUpdate ? store.get(record.originalId) : undefined;
  return ok({
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? { response_message_id: message.id, response_message_loading: message.loading, response_message_ephemeral: message.ephemeral }
        : {}),
    },
    resource: { type, ...(message ? { message: message.message } : {}) },
  });
}

/** The interaction behind a webhook token, while the token may still be used. */
function liveInteraction(ctx: Context, token: string): InteractionRecord {
  const record = ctx.interactions.withToken(token);
  if (!record) throw apiErrors.unknownWebhook();
  if (!ctx.interactions.tokenAlive(record)) throw apiErrors.invalidWebhookToken();
  // Before the initial response, and for autocomplete, the token opens no webhook.
  if (!record.ack || record.ack.type === Callback.ApplicationCommandAutocompleteResult) throw apiErrors.unknownWebhook();
  return record;
}

function messageOf(record: InteractionRecord, messageId: string): string {
  const id = messageId === '@original' ? record.originalId : messageId;
  if (!id || (id !== record.originalId && !record.followUpIds.includes(id))) throw apiErrors.unknownMessage();
  return id;
}

/** POST /webhooks/{application}/{token}: a follow-up message. */
export function followUp(ctx: Context, token: string, body: unknown): ApiResponse {
  const record = liveInteraction(ctx, token);
  checkMessage(body, { creating: true, allowedFlags: INTERACTION_FLAGS });
  const message = newMessage(ctx, record, asObject(body));
  record.followUpIds.push(message.id);
  ctx.interactions.changed();
  return ok(message.message);
}

export function getInteractionMessage(ctx: Context, token: string, messageId: string): ApiResponse {
  const record = liveInteraction(ctx, token);
  const stored = ctx.store.live(messageOf(record, messageId));
  return ok(structuredClone(stored.message));
}

export function editInteractionMessage(ctx: Context, token: string, messageId: string, body: unknown): ApiResponse {
  const record = liveInteraction(ctx, token);
  const id = messageOf(record, messageId);
  // Completing a deferred reply is the first time the message gets content: it must not be empty.
  const loading = ((ctx.store.live(id).message.flags ?? 0) & FLAG.loading) !== 0;
  checkMessage(body, { creating: loading, allowedFlags: INTERACTION_FLAGS });
  const message = ctx.store.edit(id, asObject(body));
  if (id === record.originalId) record.originalEdits += 1;
  ctx.interactions.changed();
  return ok(message.message);
}

export function deleteInteractionMessage(ctx: Context, token: string, messageId: string): ApiResponse {
  const record = liveInteraction(ctx, token);
  ctx.store.delete(messageOf(record, messageId));
  ctx.interactions.changed();
  return noContent();
}
