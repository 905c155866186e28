/**
 * Channel webhook URLs. Only the id and token are kept from what a user pastes: requests go to the
 * configured API base (discord.com, or the emulator in tests), never to a host taken from user input.
 */
import { DigestInputError } from './errors.js';

export interface WebhookRef {
  id: string;
  token: string;
}

const WEBHOOK_PATH = /\/api(?:\/v\d+)?\/webhooks\/(\d{17,20})\/([\w-]{20,})\/?$/;
const DISCORD_HOST = /^(?:(?:ptb|canary)\.)?discord(?:app)?\.com$/;

/** Reads `https://discord.com/api/webhooks/{id}/{token}` (also ptb/canary/discordapp.com and versioned paths). */
export function parseWebhookUrl(text: string, allowedHosts: readonly string[] = []): WebhookRef {
  const help = 'paste the URL from Channel settings → Integrations → Webhooks → Copy Webhook URL (https://discord.com/api/webhooks/…)';
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DigestInputError('webhook', `That is not a URL: ${help}.`);
  }
  const match = WEBHOOK_PATH.exec(url.pathname);
  const hostAllowed = (url.protocol === 'https:' && DISCORD_HOST.test(url.hostname)) || allowedHosts.includes(url.host);
  if (!match || !hostAllowed || url.search !== '') {
    throw new DigestInputError('webhook', `That is not a Discord webhook URL: ${help}.`);
  }
  return { id: match[1] as string, token: match[2] as string };
}

/** How a schedule's webhook is shown back: its id only, never the token. */
export function maskWebhook(ref: WebhookRef): string {
  return `webhook ${ref.id} (token hidden)`;
}
