/**
 * Digests against the Discord emulator: the /digest command's answers, posts at their slots in a non-UTC
 * timezone, permission failure and recovery, deleted channels, webhooks, and server faults.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import digest from '../../commands/digest.js';
import type { Invocation, OptionValue } from '../../commands/index.js';
import { paginateView } from '../../src/discord/present.js';
import type { View } from '../../src/render/view.js';
import { viewToText } from '../../src/render/text.js';
import { DigestService } from '../../src/digest/service.js';
import { article, HOUR } from './fakes.js';
import { digestHarness, type DigestHarness } from './harness.js';

let h: DigestHarness;
beforeEach(async () => {
  h = await digestHarness('2026-03-27T12:00:00.000Z');
});
afterEach(async () => {
  await h.close();
});

function answer(subcommand: string, options: Record<string, OptionValue | undefined> = {}): Promise<View> {
  const invocation: Invocation = { subcommand, options, guildId: h.emulator.guild.id, channelId: h.emulator.channels.general, userId: h.emulator.users.admin.id };
  return Promise.resolve(digest.answer(invocation, h.context));
}

async function run(subcommand: string, options: Record<string, OptionValue | undefined> = {}): Promise<string> {
  return viewToText(await answer(subcommand, options));
}

const addDaily = (channel: string, extra: Record<string, OptionValue> = {}) =>
  run('add', { channel, time: '09:00', timezone: 'Europe/Berlin', ...extra });

const channelPosts = (channelId: string) => h.emulator.messagesIn(channelId);
const postBodies = () =>
  h.emulator.requests.filter((request) => request.method === 'POST' && /^\/(channels\/\d+\/messages|webhooks\/\d+\/[^/]+)$/.test(request.path));

describe('/digest through the emulator', () => {
  it('adds, lists, previews, posts now and removes a digest', async () => {
    const { general } = h.emulator.channels;
    const added = await addDaily(general, { filter: 'harbour', max: 5 });
    expect(added).toContain('Digest #1 added');
    expect(added).toContain('daily at 09:00 (Europe/Berlin) in #general, via the bot');

    h.clock.advance(HOUR);
    h.catalog.add(
      article({ id: 'h.txt', title: 'Harbour expansion approved', date: '2026-03-27', addedAt: '2026-03-27T12:30:00.000Z' }),
      article({ id: 'f.txt', title: 'Football results', date: '2026-03-27', addedAt: '2026-03-27T12:30:00.000Z' }),
    );

    const list = await run('list');
    expect(list).toContain('Digest #1 (ok)');
    expect(list).toContain('only articles matching harbour');
    expect(list).toContain('Next post: Sat 28 Mar 2026, 09:00 (Europe/Berlin)');

    const preview = await run('preview', { id: 1 });
    expect(preview).toContain('Harbour expansion approved');
    expect(preview).not.toContain('Football results');
    expect(channelPosts(general)).toHaveLength(0);

    const now = await run('now', { id: 1 });
    expect(now).toContain('Posted 1 article to #general in 1 message');
    expect(now).toContain('Sat 28 Mar 2026, 09:00');
    const posts = channelPosts(general);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.embeds[0]?.description).toContain('Harbour expansion approved');
    // The preview showed exactly what was posted.
    expect(preview).toContain(posts[0]?.embeds[0]?.title?.replace(/^Newsdesk/, '') ?? 'missing');

    // The slot /digest now counted as does not post again.
    h.catalog.add(article({ id: 'h2.txt', title: 'Harbour reopens at night', addedAt: '2026-03-27T20:00:00.000Z' }));
    h.clock.set('2026-03-28T08:00:30.000Z');
    await h.service.tick();
    expect(channelPosts(general)).toHaveLength(1);

    expect(await run('now', { id: 1 })).toContain('Posted 1 article');
    expect(await run('now', { id: 1 })).toContain('Nothing new since the last post');
    expect(channelPosts(general)).toHaveLength(2);

    expect(await run('remove', { id: 1 })).toContain('Digest #1 removed');
    expect(await run('list')).toContain('No digests on this server yet');
    expect(await run('preview', { id: 1 })).toContain('no digest #1');
  });

  it('explains every invalid option by name', async () => {
    const { general } = h.emulator.channels;
    expect(await run('add', { channel: general, time: '25:00', timezone: 'Europe/Berlin' })).toMatch(/time: .*HH:MM/);
    expect(await run('add', { channel: general, time: '09:00', timezone: 'Europe/Berln' })).toMatch(/timezone: .*Did you mean Europe\/Berlin/);
    expect(await run('add', { channel: general, time: '09:00', timezone: 'UTC', cadence: '*/5 * * * *' })).toMatch(/cadence: .*at most every 15 minutes/);
    expect(await run('add', { channel: general, time: '09:00', timezone: 'UTC', max: 40 })).toMatch(/max: .*1 to 25/);
    expect(await run('add', { channel: general, time: '09:00', timezone: 'UTC', webhook: 'https://example.com/hook' })).toMatch(/webhook: .*not a Discord webhook URL/);
    expect(await run('list')).toContain('No digests');
  });

  it('refuses a channel the bot cannot post in, before accepting the schedule', async () => {
    const answer = await addDaily(h.emulator.channels.readOnly);
    expect(answer).toMatch(/Could not add the digest\s+channel: Cannot post in #rules: Missing Permissions: the bot lacks Send Messages/);
    expect(await run('list')).toContain('No digests');
  });

  it('posts at 09:00 Berlin time on both sides of the daylight-saving change', async () => {
    const { announcements } = h.emulator.channels;
    await addDaily(announcements);
    const times: string[] = [];
    for (const day of ['2026-03-28', '2026-03-29', '2026-03-30']) {
      h.catalog.add(article({ id: `${day}.txt`, title: `News of ${day}`, date: day, addedAt: `${day}T05:00:00.000Z` }));
      // Tick every 30 minutes through the morning (UTC).
      for (let minute = 5 * 60; minute <= 9 * 60; minute += 30) {
        h.clock.set(new Date(Date.parse(`${day}T00:00:00.000Z`) + minute * 60_000).toISOString());
        const before = channelPosts(announcements).length;
        await h.service.tick();
        if (channelPosts(announcements).length > before) times.push(h.clock.now().toISOString());
      }
    }
    // 09:00 CET is 08:00 UTC; from 29 March, 09:00 CEST is 07:00 UTC.
    expect(times).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    const posts = channelPosts(announcements);
    expect(posts.map((post) => post.embeds[0]?.title)).toEqual([
      'Newsdesk digest #1 · Sat 28 Mar 2026, 09:00',
      'Newsdesk digest #1 · Sun 29 Mar 2026, 09:00',
      'Newsdesk digest #1 · Mon 30 Mar 2026, 09:00',
    ]);
    for (const body of postBodies()) {
      expect(body.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
      expect(String((body.body as { nonce: string }).nonce).length).toBeLessThanOrEqual(25);
    }
  });

  it('marks a digest failing when the bot loses Send Messages, shows why, and recovers at the next slot', async () => {
    const { general } = h.emulator.channels;
    await addDaily(general);
    h.catalog.add(article({ id: 'a.txt', title: 'Blocked story', addedAt: '2026-03-27T13:00:00.000Z' }));
    h.emulator.setChannelWritable(general, false);
    h.clock.set('2026-03-28T08:00:00.000Z');
    await h.service.tick();
    expect(channelPosts(general)).toHaveLength(0);
    const failing = await run('list');
    expect(failing).toContain('Digest #1 (failing)');
    expect(failing).toMatch(/Failing: Missing Permissions \(50013\)/);

    h.emulator.setChannelWritable(general, true);
    h.clock.set('2026-03-28T12:00:00.000Z');
    await h.service.tick();
    expect(channelPosts(general)).toHaveLength(0); // retried at the next slot, not every tick

    h.clock.set('2026-03-29T07:00:00.000Z');
    await h.service.tick();
    expect(channelPosts(general)).toHaveLength(1);
    expect(channelPosts(general)[0]?.embeds[0]?.description).toContain('Blocked story');
    expect(await run('list')).toContain('Digest #1 (ok)');
  });

  it('reports a deleted channel', async () => {
    const channel = h.emulator.createChannel('temporary');
    await new Promise((resolve) => setTimeout(resolve, 50)); // CHANNEL_CREATE reaches the client cache
    await addDaily(channel);
    h.catalog.add(article({ id: 'a.txt', addedAt: '2026-03-27T13:00:00.000Z' }));
    h.emulator.deleteChannel(channel);
    h.clock.set('2026-03-28T08:00:00.000Z');
    await h.service.tick();
    expect(await run('list')).toMatch(/Failing: Unknown Channel \(10003\)/);
  });

  it('posts through a channel webhook pasted as a discord.com URL, without showing its token', async () => {
    const { announcements } = h.emulator.channels;
    const hook = h.emulator.createWebhook(announcements);
    const added = await addDaily(announcements, { webhook: hook.discordUrl });
    expect(added).toContain(`via webhook ${hook.id} (token hidden)`);
    expect(added).not.toContain(hook.token);
    h.catalog.add(article({ id: 'w.txt', title: 'Webhook story', addedAt: '2026-03-27T13:00:00.000Z' }));
    h.clock.set('2026-03-28T08:00:00.000Z');
    await h.service.tick();
    const posts = channelPosts(announcements);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.source).toBe('webhook');
    expect(posts[0]?.embeds[0]?.description).toContain('Webhook story');
    expect(await run('list')).not.toContain(hook.token);
  });

  it('refuses a webhook of another channel, and marks a digest failing when its webhook is deleted', async () => {
    const { announcements, general } = h.emulator.channels;
    const other = h.emulator.createWebhook(general);
    expect(await addDaily(announcements, { webhook: other.discordUrl })).toMatch(/webhook: .*posts to channel/);
    const hook = h.emulator.createWebhook(announcements);
    await addDaily(announcements, { webhook: hook.url });
    await fetch(hook.url, { method: 'DELETE' });
    h.catalog.add(article({ id: 'a.txt', addedAt: '2026-03-27T13:00:00.000Z' }));
    h.clock.set('2026-03-28T08:00:00.000Z');
    await h.service.tick();
    expect(await run('list')).toMatch(/Failing: The webhook no longer works/);
  });

  it('posts once when Discord fails after creating the message (bot and webhook)', async () => {
    const { general, announcements } = h.emulator.channels;
    await addDaily(general);
    const hook = h.emulator.createWebhook(announcements);
    await addDaily(announcements, { webhook: hook.discordUrl });
    h.catalog.add(article({ id: 'a.txt', title: 'Fault story', addedAt: '2026-03-27T13:00:00.000Z' }));
    h.emulator.failNext(1, { status: 500, route: /^POST \/channels\/\d+\/messages/, applied: true });
    h.emulator.failNext(1, { status: 429, route: /^POST \/webhooks\//, retryAfter: 0.05 });
    h.emulator.failNext(1, { status: 502, route: /^POST \/webhooks\//, applied: true });
    h.clock.set('2026-03-28T08:00:00.000Z');
    await h.service.tick();
    expect(h.emulator.pendingFaults).toBe(0);
    expect(channelPosts(general)).toHaveLength(1);
    expect(channelPosts(announcements)).toHaveLength(1);
    // The bot post was not sent again (found in the channel); the webhook post was, after the 429 only.
    expect(postBodies().filter((request) => request.path.startsWith('/channels/'))).toHaveLength(1);
    expect(postBodies().filter((request) => request.path.startsWith('/webhooks/'))).toHaveLength(2);
    expect(await run('list')).not.toContain('failing');
  });

  it('on start, posts the slot missed while the bot was down, and a restart does not post it again', async () => {
    const { announcements } = h.emulator.channels;
    await addDaily(announcements);
    h.catalog.add(article({ id: 'down.txt', title: 'Posted on return', addedAt: '2026-03-27T18:00:00.000Z' }));
    // Down from before the 28 March slot until three hours after it.
    h.clock.set('2026-03-28T11:00:00.000Z');
    h.service.start();
    const post = await h.emulator.waitForMessage(announcements);
    expect(post?.embeds[0]?.description).toContain('Posted on return');
    await h.service.stop();

    const again = new DigestService({
      config: { DATA_DIR: h.dataDir, DIGEST_CATCHUP_HOURS: 24, DISCORD_API_URL: h.emulator.apiUrl },
      catalog: h.catalog,
      now: h.clock.now,
    });
    again.connect(h.client);
    again.start();
    await again.stop();
    expect(channelPosts(announcements)).toHaveLength(1);
  });

  it('autocompletes timezones and cadences', () => {
    const zones = digest.autocomplete?.('timezone', 'new_y') ?? [];
    expect(zones.map((choice) => choice.value)).toContain('America/New_York');
    const cadences = digest.autocomplete?.('cadence', 'week') ?? [];
    expect(cadences.map((choice) => choice.value)).toEqual(expect.arrayContaining(['weekly mon', 'weekdays']));
  });

  it('keeps every answer on one page, so a paging button can never re-run a command that posts', async () => {
    const { general } = h.emulator.channels;
    for (let index = 0; index < 3; index++) await addDaily(general, { filter: 'x'.repeat(150) });
    const views = [await answer('list'), await answer('now', { id: 1 }), await answer('remove', { id: 2 }), await answer('add', { channel: general, time: '9', timezone: 'x' })];
    expect(views.map((view) => paginateView(view).length)).toEqual([1, 1, 1, 1]);
  });
});
