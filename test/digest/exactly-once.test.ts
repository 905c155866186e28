/**
 * Exactly-once delivery when Discord's answer is lost after it created the message, and the nonce no longer
 * helps (Discord remembers a nonce only a few minutes; here the emulator forgets it at once). Before any
 * resend of a part that may have gone out, the runner must find it in the channel and record it instead.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import digest from '../../commands/digest.js';
import { DigestService } from '../../src/digest/service.js';
import { SqliteDigestStore } from '../../src/digest/store.js';
import { article } from './fakes.js';
import type { FaultSpec } from '../emulator/index.js';
import { digestHarness, type DigestHarness } from './harness.js';

let h: DigestHarness;
beforeEach(async () => {
  h = await digestHarness('2026-03-27T12:00:00.000Z');
  // Any resend that is not preceded by a look at the channel now posts a second message.
  h.emulator.settings.nonceWindowMs = 1;
});
afterEach(async () => {
  await h.close();
});

const SLOT = '2026-03-28T08:00:00.000Z'; // 09:00 in Berlin
const CHANNEL_POST = /^POST \/channels\/\d+\/messages$/;
const WEBHOOK_POST = /^POST \/webhooks\/\d+\/[^/]+$/;

async function addDigest(channel: string, webhook?: string): Promise<void> {
  const options = { channel, time: '09:00', timezone: 'Europe/Berlin', ...(webhook ? { webhook } : {}) };
  await digest.answer({ subcommand: 'add', options, guildId: h.emulator.guild.id, userId: h.emulator.users.admin.id }, h.context);
}

interface LifeOptions {
  /** Logged in to Discord (the bot can read the channel), or running on a webhook alone. */
  connected: boolean;
  attempts?: number;
  /** Receives the warnings logged. */
  warnings?: string[];
}

/** A bot process started again on the same DATA_DIR: nothing in memory survives, only the ledger. */
function restarted(options: LifeOptions): DigestService {
  const warnings = options.warnings;
  const service = new DigestService({
    config: { DATA_DIR: h.dataDir, DIGEST_CATCHUP_HOURS: 24, DISCORD_API_URL: h.emulator.apiUrl },
    catalog: h.catalog,
    now: h.clock.now,
    logger: warnings ? pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }) : pino({ level: 'silent' }),
    retry: { attempts: options.attempts ?? 3, backoffMs: () => 5, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  });
  if (options.connected) service.connect(h.client);
  return service;
}

/** One run of a restarted bot: a scheduler pass, then shut down. */
async function liveOnce(options: LifeOptions): Promise<void> {
  const life = restarted(options);
  await life.tick();
  await life.stop();
}

async function ledger(): Promise<{ state: string; messageIds: (string | null)[] }[]> {
  const store = SqliteDigestStore.open(h.dataDir);
  try {
    return (await store.entries(1)).map(({ state, messageIds }) => ({ state, messageIds }));
  } finally {
    await store.close();
  }
}

/** A digest in `channel` with one new article, the clock at its slot, and `fault` waiting for its first post. */
async function dueWithFault(channel: string, title: string, fault: Omit<FaultSpec, 'route'>, webhook?: string): Promise<void> {
  await addDigest(channel, webhook);
  h.catalog.add(article({ id: `${title}.txt`, title, addedAt: '2026-03-27T13:00:00.000Z' }));
  h.emulator.failNext(1, { ...fault, route: webhook ? WEBHOOK_POST : CHANNEL_POST });
  h.clock.set(SLOT);
}

const ids = (channelId: string) => h.emulator.messagesIn(channelId).map((message) => message.id);

describe('a send that reached Discord but whose answer was lost', () => {
  it.each([
    ['a 500 after the message was created', { status: 500, applied: true }],
    ['a connection dropped after the message was created', { status: 'hangup', applied: true }],
  ] as const)('is found in the channel, not posted again, after %s and a restart', async (_, fault) => {
    const { general } = h.emulator.channels;
    await dueWithFault(general, 'Lost answer story', fault);
    await liveOnce({ connected: true, attempts: 1 });
    expect(h.emulator.pendingFaults).toBe(0);
    expect(ids(general)).toHaveLength(1);
    expect(await ledger()).toEqual([{ state: 'intended', messageIds: [null] }]);

    // Well past any nonce window: the next life looks before it sends.
    h.clock.set('2026-03-28T08:30:00.000Z');
    await liveOnce({ connected: true });
    expect(ids(general)).toHaveLength(1);
    expect(await ledger()).toEqual([{ state: 'sent', messageIds: ids(general) }]);
  });

  it('is found however many messages came after it (the look pages back to when the post was intended)', async () => {
    const { general } = h.emulator.channels;
    await dueWithFault(general, 'Buried story', { status: 500, applied: true });
    await liveOnce({ connected: true, attempts: 1 });
    // A busy channel: 250 messages after the digest's, more than two pages of history.
    for (let index = 0; index < 250; index++) {
      await fetch(`${h.emulator.apiUrl}/v10/channels/${general}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${h.emulator.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `chatter ${index}` }),
      });
    }
    h.clock.set('2026-03-28T08:30:00.000Z');
    await liveOnce({ connected: true });
    const digests = h.emulator.messagesIn(general).filter((message) => message.embeds.length > 0);
    expect(digests).toHaveLength(1);
    expect(await ledger()).toEqual([{ state: 'sent', messageIds: [digests[0]?.id] }]);
  });

  it('is found in the channel before a retry in the same run, without relying on the nonce', async () => {
    const { general } = h.emulator.channels;
    await dueWithFault(general, 'Retried story', { status: 502, applied: true });
    await h.service.tick();
    expect(ids(general)).toHaveLength(1);
    expect(await ledger()).toEqual([{ state: 'sent', messageIds: ids(general) }]);
    // Exactly one POST: the retry found the message instead of sending it again.
    expect(h.emulator.requests.filter((request) => `${request.method} ${request.path}`.match(CHANNEL_POST))).toHaveLength(1);
  });

  it('through a webhook: sent with ?wait=true, and looked for through the bot before any resend', async () => {
    const { announcements } = h.emulator.channels;
    const hook = h.emulator.createWebhook(announcements);
    await dueWithFault(announcements, 'Webhook story', { status: 500, applied: true }, hook.discordUrl);
    await liveOnce({ connected: true, attempts: 1 });
    expect(ids(announcements)).toHaveLength(1);
    h.clock.set('2026-03-28T08:30:00.000Z');
    await liveOnce({ connected: true });
    expect(ids(announcements)).toHaveLength(1);
    expect(await ledger()).toEqual([{ state: 'sent', messageIds: ids(announcements) }]);
    const posts = h.emulator.requests.filter((request) => `${request.method} ${request.path}`.match(WEBHOOK_POST));
    expect(posts.every((request) => request.query.wait === 'true')).toBe(true);
  });

  it('through a webhook with no bot connection: cannot look, so a resend may post twice, and the log says so', async () => {
    const { announcements } = h.emulator.channels;
    const hook = h.emulator.createWebhook(announcements);
    await dueWithFault(announcements, 'Webhook only story', { status: 500, applied: true }, hook.discordUrl);
    const warnings: string[] = [];
    await liveOnce({ connected: false, attempts: 2, warnings });
    expect(await ledger()).toEqual([{ state: 'sent', messageIds: [ids(announcements)[1]] }]);
    // The known limit of webhook-only delivery (README: "Digests through a webhook"): Discord has no nonce for webhooks.
    expect(ids(announcements)).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/resent without a look at the channel.*may appear twice/);
  });
});
