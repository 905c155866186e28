import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, sendWithRetry, type Delivery } from '../../src/digest/deliver.js';
import { DigestInputError } from '../../src/digest/errors.js';
import { digestNonce, NONCE_LENGTH } from '../../src/digest/nonce.js';
import { maskWebhook, parseWebhookUrl } from '../../src/digest/webhook.js';
import { transient } from './fakes.js';

const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.com/api/v10/x', { body: undefined, files: undefined });

describe('explain', () => {
  it.each([
    [403, 50013, 'channel', true, /Missing Permissions \(50013\).*Send Messages/],
    [403, 50001, 'channel', true, /Missing Access \(50001\).*View Channel/],
    [404, 10003, 'channel', true, /Unknown Channel \(10003\).*deleted/],
    [404, 10015, 'webhook', true, /webhook no longer works/],
    [401, 50027, 'webhook', true, /webhook no longer works/],
    [400, 50035, 'channel', true, /Discord refused the post \(400 50035/],
    [429, 0, 'channel', false, /Rate limited/],
  ] as const)('turns %i %i on a %s into a reason an admin can act on', (status, code, target, permanent, reason) => {
    const failure = explain(apiError(status, code, 'Discord says no'), target);
    expect(failure.permanent).toBe(permanent);
    expect(failure.reason).toMatch(reason);
  });

  it('treats server errors and network failures as transient', () => {
    expect(explain(new HTTPError(503, 'Service Unavailable', 'POST', 'u', { body: undefined, files: undefined }), 'channel')).toMatchObject({ permanent: false });
    expect(explain(new TypeError('fetch failed'), 'webhook')).toMatchObject({ permanent: false, reason: expect.stringMatching(/fetch failed/) });
  });
});

describe('sendWithRetry', () => {
  const message = { embeds: [{ title: 't', description: 'd' }] };
  const part = { nonce: 'n', since: '2026-01-01T00:00:00.000Z', mayExist: false };
  const fake = (overrides: Partial<Delivery>): Delivery => ({
    send: async () => '1',
    check: async () => null,
    findExisting: async () => ({ kind: 'absent' }),
    ...overrides,
  });

  it('backs off and retries transient failures, then gives up with the reason', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = fake({ send: async () => (calls++, Promise.reject(transient())) });
    await expect(sendWithRetry(failing, message, { ...part, retry: { attempts: 4, backoffMs: (retry) => 100 * 2 ** retry, sleep: async (ms) => void waits.push(ms) } })).rejects.toThrow(/HTTP 500/);
    expect(calls).toBe(4);
    expect(waits).toEqual([200, 400, 800]);
  });

  it('does not retry a permanent failure, and returns a message found in the channel instead of resending', async () => {
    let calls = 0;
    const forbidden = fake({ send: async () => (calls++, Promise.reject(apiError(403, 50013, 'Missing Permissions'))) });
    await expect(sendWithRetry(forbidden, message, { ...part, retry: { attempts: 4, backoffMs: () => 0, sleep: async () => undefined } })).rejects.toMatchObject({ permanent: true });
    expect(calls).toBe(1);
    let sends = 0;
    const landed = fake({ send: async () => (sends++, Promise.reject(transient())), findExisting: async () => ({ kind: 'found', id: '42' }) });
    await expect(sendWithRetry(landed, message, { ...part, retry: { attempts: 4, backoffMs: () => 0, sleep: async () => undefined } })).resolves.toBe('42');
    expect(sends).toBe(1);
  });

  it('looks before the first send when an earlier attempt may have gone out, and retries a look that failed', async () => {
    const order: string[] = [];
    let looks = 0;
    const delivery = fake({
      send: async () => (order.push('send'), '7'),
      findExisting: async () => {
        order.push('look');
        if (looks++ === 0) throw transient();
        return { kind: 'absent' };
      },
    });
    await expect(sendWithRetry(delivery, message, { ...part, mayExist: true, retry: { attempts: 3, backoffMs: () => 0, sleep: async () => undefined } })).resolves.toBe('7');
    expect(order).toEqual(['look', 'look', 'send']);
  });

  it('says so when it must resend without being able to look', async () => {
    const blind: string[] = [];
    const webhookOnly = fake({ findExisting: async () => ({ kind: 'unreadable', why: 'no bot connection' }), send: async () => '9' });
    await expect(sendWithRetry(webhookOnly, message, { ...part, mayExist: true, onBlindResend: (why) => blind.push(why) })).resolves.toBe('9');
    expect(blind).toEqual(['no bot connection']);
  });
});

describe('digestNonce', () => {
  it('is at most 25 characters, the same for the same part, and different for any other part', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.date({ noInvalidDate: true }), fc.nat(20), (id, slot, part) => {
        const schedule = { id, createdAt: '2026-01-01T00:00:00.000Z' };
        const nonce = digestNonce(schedule, slot.toISOString(), part);
        expect(nonce.length).toBeLessThanOrEqual(NONCE_LENGTH);
        expect(digestNonce(schedule, slot.toISOString(), part)).toBe(nonce);
        expect(digestNonce(schedule, slot.toISOString(), part + 1)).not.toBe(nonce);
        expect(digestNonce({ ...schedule, id: id + 1 }, slot.toISOString(), part)).not.toBe(nonce);
        expect(digestNonce({ ...schedule, createdAt: '2026-01-02T00:00:00.000Z' }, slot.toISOString(), part)).not.toBe(nonce);
      }),
    );
  });
});

describe('webhook URLs', () => {
  const token = 'a'.repeat(68);

  it('reads the id and token from the URLs Discord hands out', () => {
    for (const url of [
      `https://discord.com/api/webhooks/123456789012345678/${token}`,
      `https://discordapp.com/api/webhooks/123456789012345678/${token}/`,
      `https://canary.discord.com/api/v10/webhooks/123456789012345678/${token}`,
    ]) {
      expect(parseWebhookUrl(url)).toEqual({ id: '123456789012345678', token });
    }
    expect(maskWebhook({ id: '123456789012345678', token })).toBe('webhook 123456789012345678 (token hidden)');
  });

  it('refuses other hosts (unless configured), plain http, queries and malformed paths', () => {
    for (const url of [
      'not a url',
      `http://discord.com/api/webhooks/123456789012345678/${token}`,
      `https://evil.example/api/webhooks/123456789012345678/${token}`,
      `https://discord.com/api/webhooks/123456789012345678/${token}?wait=true`,
      'https://discord.com/api/webhooks/123/short',
      `http://127.0.0.1:9999/api/webhooks/123456789012345678/${token}`,
    ]) {
      expect(() => parseWebhookUrl(url)).toThrow(DigestInputError);
    }
    expect(parseWebhookUrl(`http://127.0.0.1:9999/api/webhooks/123456789012345678/${token}`, ['127.0.0.1:9999']).id).toBe('123456789012345678');
  });
});
