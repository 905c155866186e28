/**
 * /webhooks routes. The same paths serve two things, as on Discord: channel webhooks (id + secret token) and
 * interaction webhooks (application id + interaction token), which routes-interactions.ts answers.
 */
import { PermissionFlagsBits as P } from 'discord.js';
import { asObject, noContent, ok, type Context } from './context.js';
import { apiErrors, FormErrors } from './errors.js';
import { checkMessage, FLAG, length } from './limits.js';
import { deleteInteractionMessage, editInteractionMessage, followUp, getInteractionMessage } from './routes-interactions.js';
import type { ApiResponse, Route } from './server.js';

const WEBHOOK_FLAGS = FLAG.suppressEmbeds | FLAG.suppressNotifications | FLAG.componentsV2;

export function webhookRoutes(ctx: Context): Route[] {
  const { world, store, webhooks } = ctx;
  const isInteraction = (id: string | undefined): boolean => id === world.applicationId;
  const hookMessage = (hookId: string, token: string, messageId: string): string => {
    webhooks.find(hookId, token);
    const message = store.get(messageId);
    if (!message || message.deleted || message.message.webhook_id !== hookId) throw apiErrors.unknownMessage();
    return message.id;
  };
  const execute = (hookId: string, token: string, body: unknown, wait: boolean): ApiResponse => {
    const hook = webhooks.find(hookId, token);
    const message = asObject(body);
    checkMessage(message, { creating: true, allowedFlags: WEBHOOK_FLAGS });
    const username = message.username;
    if (username !== undefined) {
      const errors = new FormErrors();
      if (typeof username !== 'string' || length(username) < 1 || length(username) > 80) {
        errors.add(['username'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 80 in length.');
      } else if (/clyde|discord/i.test(username)) {
        errors.add(['username'], 'USERNAME_INVALID_CONTAINS', 'Username cannot contain "discord" or "clyde"');
      }
      errors.throwIfAny();
    }
    const author = { id: hook.id, username: (username as string | undefined) ?? hook.name, avatar: null, discriminator: '0000', bot: true, global_name: null };
    const created = store.create({ channelId: hook.channelId, author, body: message, source: 'webhook', webhookId: hook.id });
    return wait ? ok(created.message) : noContent();
  };
  const botOwns = (hookId: string) => {
    const hook = webhooks.find(hookId);
    if (!(world.permissions(world.bot.id, hook.channelId) & P.ManageWebhooks)) throw apiErrors.missingPermissions();
    return hook;
  };
  return [
    {
      method: 'POST',
      pattern: '/webhooks/:webhook/:token',
      auth: 'none',
      handle: ({ params, body, query }) =>
        isInteraction(params.webhook) ? followUp(ctx, params.token!, body) : execute(params.webhook!, params.token!, body, query.get('wait') === 'true'),
    },
    {
      method: 'GET',
      pattern: '/webhooks/:webhook/:token',
      auth: 'none',
      handle: ({ params }) => {
        const { user: _user, ...hook } = webhooks.toApi(webhooks.find(params.webhook!, params.token!));
        return ok(hook);
      },
    },
    { method: 'GET', pattern: '/webhooks/:webhook', auth: 'bot', handle: ({ params }) => ok(webhooks.toApi(botOwns(params.webhook!))) },
    {
      method: 'DELETE',
      pattern: '/webhooks/:webhook/:token',
      auth: 'none',
      handle: ({ params }) => {
        webhooks.delete(webhooks.find(params.webhook!, params.token!).id);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhooks/:webhook',
      auth: 'bot',
      handle: ({ params }) => {
        webhooks.delete(botOwns(params.webhook!).id);
        return noContent();
      },
    },
    {
      method: 'GET',
      pattern: '/webhooks/:webhook/:token/messages/:message',
      auth: 'none',
      handle: ({ params }) =>
        isInteraction(params.webhook)
          ? getInteractionMessage(ctx, params.token!, params.message!)
          : ok(store.live(hookMessage(params.webhook!, params.token!, params.message!)).message),
    },
    {
      method: 'PATCH',
      pattern: '/webhooks/:webhook/:token/messages/:message',
      auth: 'none',
      handle: ({ params, body }) => {
        if (isInteraction(params.webhook)) return editInteractionMessage(ctx, params.token!, params.message!, body);
        const id = hookMessage(params.webhook!, params.token!, params.message!);
        checkMessage(body, { creating: false, allowedFlags: WEBHOOK_FLAGS });
        return ok(store.edit(id, asObject(body)).message);
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhooks/:webhook/:token/messages/:message',
      auth: 'none',
      handle: ({ params }) => {
        if (isInteraction(params.webhook)) return deleteInteractionMessage(ctx, params.token!, params.message!);
        store.delete(hookMessage(params.webhook!, params.token!, params.message!));
        return noContent();
      },
    },
  ];
}
