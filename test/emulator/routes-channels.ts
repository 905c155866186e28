/**
 * Channel messages and channel webhooks, with Discord's permission checks (404 10003 unknown channel,
 * 403 50001 cannot see it, 403 50013 cannot send) and `nonce` + `enforce_nonce` de-duplication.
 */
import { PermissionFlagsBits as P, type APIMessage } from 'discord.js';
import { asObject, noContent, ok, type Context } from './context.js';
import { apiErrors, FormErrors } from './errors.js';
import { checkMessage, FLAG } from './limits.js';
import type { Route } from './server.js';

const CHANNEL_FLAGS = FLAG.suppressEmbeds | FLAG.suppressNotifications | FLAG.componentsV2;

export function channelRoutes(ctx: Context): Route[] {
  const { world, store } = ctx;
  /** The bot's permissions in a channel that exists and that it can see. */
  const visible = (channelId: string): bigint => {
    world.channel(channelId);
    const permissions = world.permissions(world.bot.id, channelId);
    if (!(permissions & P.ViewChannel)) throw apiErrors.missingAccess();
    return permissions;
  };
  const ownMessage = (channelId: string, messageId: string) => {
    visible(channelId);
    const message = store.get(messageId);
    if (!message || message.deleted || message.channelId !== channelId) throw apiErrors.unknownMessage();
    return message;
  };
  // Discord echoes a nonce only in the answer to the send; messages read back later do not carry it.
  const readBack = (message: APIMessage): APIMessage => {
    const { nonce: _nonce, ...rest } = message;
    return rest;
  };
  return [
    {
      method: 'POST',
      pattern: '/channels/:channel/messages',
      auth: 'bot',
      handle: ({ params, body }) => {
        const channelId = params.channel!;
        const permissions = visible(channelId);
        if (!(permissions & P.SendMessages)) throw apiErrors.missingPermissions();
        const message = asObject(body);
        checkMessage(message, { creating: true, allowedFlags: CHANNEL_FLAGS });
        // Discord: with enforce_nonce, the same nonce from the same author in the last few minutes returns
        // the message already created instead of creating another one.
        if (message.enforce_nonce === true && message.nonce !== undefined && message.nonce !== null) {
          const earlier = store.byNonce(channelId, world.bot.id, message.nonce as string | number, ctx.settings.nonceWindowMs);
          if (earlier) return ok(earlier.message);
        }
        return ok(store.create({ channelId, author: world.bot, body: message, source: 'channel' }).message);
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channel/messages',
      auth: 'bot',
      handle: ({ params, query }) => {
        const permissions = visible(params.channel!);
        if (!(permissions & P.ReadMessageHistory)) return ok([]);
        const limit = Number(query.get('limit') ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
          const errors = new FormErrors();
          errors.add(['limit'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
          errors.throwIfAny();
        }
        const before = query.get('before');
        const after = query.get('after');
        let messages = store.inChannel(params.channel!).map((m) => m.message);
        if (before) messages = messages.filter((m) => BigInt(m.id) < BigInt(before));
        if (after) messages = messages.filter((m) => BigInt(m.id) > BigInt(after));
        // Newest first, as Discord returns them (except with `after`, where it takes the oldest after it).
        const picked = after ? messages.slice(0, limit) : messages.slice(-limit);
        return ok(picked.reverse().map(readBack));
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channel/messages/:message',
      auth: 'bot',
      handle: ({ params }) => ok(readBack(ownMessage(params.channel!, params.message!).message)),
    },
    {
      method: 'PATCH',
      pattern: '/channels/:channel/messages/:message',
      auth: 'bot',
      handle: ({ params, body }) => {
        const message = ownMessage(params.channel!, params.message!);
        if (store.authorOf(message.id) !== world.bot.id) throw apiErrors.cannotEditOthersMessage();
        checkMessage(asObject(body), { creating: false, allowedFlags: CHANNEL_FLAGS });
        return ok(store.edit(message.id, asObject(body)).message);
      },
    },
    {
      method: 'DELETE',
      pattern: '/channels/:channel/messages/:message',
      auth: 'bot',
      handle: ({ params }) => {
        const message = ownMessage(params.channel!, params.message!);
        const mayManage = (world.permissions(world.bot.id, params.channel!) & P.ManageMessages) !== 0n;
        if (store.authorOf(message.id) !== world.bot.id && !mayManage) throw apiErrors.missingPermissions();
        store.delete(message.id);
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channel/webhooks',
      auth: 'bot',
      handle: ({ params, body }) => {
        const permissions = visible(params.channel!);
        if (!(permissions & P.ManageWebhooks)) throw apiErrors.missingPermissions();
        return ok(ctx.webhooks.create(params.channel!, asObject(body).name));
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channel/webhooks',
      auth: 'bot',
      handle: ({ params }) => {
        const permissions = visible(params.channel!);
        if (!(permissions & P.ManageWebhooks)) throw apiErrors.missingPermissions();
        return ok(ctx.webhooks.inChannel(params.channel!));
      },
    },
  ];
}
