/** Channel webhooks (POST /channels/{id}/webhooks): a name, a channel and a secret token. */
import type { APIWebhook } from 'discord.js';
import { randomToken, snowflake } from './clock.js';
import { FormErrors, apiErrors } from './errors.js';
import { length } from './limits.js';
import type { World } from './world.js';

export interface StoredWebhook {
  id: string;
  token: string;
  channelId: string;
  name: string;
}

export class WebhookStore {
  private readonly hooks = new Map<string, StoredWebhook>();

  constructor(private readonly world: World, private readonly origin: () => string) {}

  create(channelId: string, name: unknown): APIWebhook {
    const errors = new FormErrors();
    if (typeof name !== 'string' || length(name) < 1 || length(name) > 80) {
      errors.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 80 in length.');
    } else if (/clyde|discord/i.test(name)) {
      errors.add(['name'], 'USERNAME_INVALID_CONTAINS', `Username cannot contain "${/clyde/i.test(name) ? 'clyde' : 'discord'}"`);
    }
    errors.throwIfAny();
    const hook: StoredWebhook = { id: snowflake(), token: randomToken(68), channelId, name: name as string };
    this.hooks.set(hook.id, hook);
    return this.toApi(hook);
  }

  inChannel(channelId: string): APIWebhook[] {
    return [...this.hooks.values()].filter((h) => h.channelId === channelId).map((h) => this.toApi(h));
  }

  /** The webhook, checking its token when one is given: 10015 Unknown Webhook or 50027 Invalid Webhook Token. */
  find(id: string, token?: string): StoredWebhook {
    const hook = this.hooks.get(id);
    if (!hook || !this.world.channels.has(hook.channelId)) throw apiErrors.unknownWebhook();
    if (token !== undefined && token !== hook.token) throw apiErrors.invalidWebhookToken();
    return hook;
  }

  delete(id: string): void {
    this.hooks.delete(id);
  }

  /** Deleting a channel deletes its webhooks, as on Discord. */
  forgetChannel(channelId: string): void {
    for (const hook of this.hooks.values()) if (hook.channelId === channelId) this.hooks.delete(hook.id);
  }

  /** The URL a person would copy from the channel settings, pointing at the emulator. */
  url(hook: StoredWebhook): string {
    return `${this.origin()}/api/webhooks/${hook.id}/${hook.token}`;
  }

  toApi(hook: StoredWebhook): APIWebhook {
    return {
      id: hook.id,
      type: 1,
      guild_id: this.world.guildId,
      channel_id: hook.channelId,
      name: hook.name,
      avatar: null,
      token: hook.token,
      application_id: this.world.applicationId,
      user: this.world.bot,
      url: this.url(hook),
    } as APIWebhook;
  }
}
