/** What the REST routes share: the emulated server and its stores, and the settings tests may change. */
import type { CommandRegistry } from './commands.js';
import type { Interactions } from './interactions.js';
import type { MessageStore } from './messages.js';
import type { ApiResponse } from './server.js';
import type { WebhookStore } from './webhooks.js';
import type { World } from './world.js';

export interface Settings {
  /** How long after INTERACTION_CREATE the first response is accepted (Discord: 3000 ms). */
  interactionDeadlineMs: number;
  /** How long the interaction token works for @original and follow-ups (Discord: 15 minutes). */
  interactionTokenLifetimeMs: number;
  /** How long a channel message nonce with enforce_nonce is remembered (Discord: "a few minutes"). */
  nonceWindowMs: number;
}

export interface Context {
  world: World;
  store: MessageStore;
  commands: CommandRegistry;
  interactions: Interactions;
  webhooks: WebhookStore;
  settings: Settings;
  /** http://127.0.0.1:PORT */
  origin: () => string;
}

export type Json = Record<string, unknown>;

export const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });
export const noContent = (): ApiResponse => ({ status: 204 });

/** The body as an object; Discord treats anything else like an empty form. */
export const asObject = (body: unknown): Json => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {});
