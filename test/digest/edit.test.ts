/** /digest edit, pause and resume, and what list and preview say the next post is, through the emulator. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import digest from '../../commands/digest.js';
import type { OptionValue } from '../../commands/index.js';
import { viewToText } from '../../src/render/text.js';
import { article } from './fakes.js';
import { digestHarness, type DigestHarness } from './harness.js';

let h: DigestHarness;
beforeEach(async () => {
  h = await digestHarness('2026-03-27T12:00:00.000Z');
});
afterEach(async () => {
  await h.close();
});

async function run(subcommand: string, options: Record<string, OptionValue | undefined> = {}): Promise<string> {
  const invocation = { subcommand, options, guildId: h.emulator.guild.id, userId: h.emulator.users.admin.id };
  return viewToText(await digest.answer(invocation, h.context));
}

const posts = (channelId: string) => h.emulator.messagesIn(channelId);
const postedText = (channelId: string) => posts(channelId).flatMap((post) => post.embeds.map((embed) => `${embed.title}\n${embed.description}`)).join('\n');

/** Ticks the scheduler at `iso`. */
async function tickAt(iso: string): Promise<void> {
  h.clock.set(iso);
  await h.service.tick();
}

describe('/digest edit, pause and resume', () => {
  it('shows the slot after the one /digest now used as the next post, in list and preview', async () => {
    await run('add', { channel: h.emulator.channels.general, time: '09:00', timezone: 'Europe/Berlin' });
    h.catalog.add(article({ id: 'a.txt', title: 'Council votes on budget', addedAt: '2026-03-27T12:30:00.000Z' }));
    h.clock.set('2026-03-27T13:00:00.000Z');
    expect(await run('now', { id: 1 })).toContain('It counts as the Sat 28 Mar 2026, 09:00');

    expect(await run('list')).toContain('Next post: Sun 29 Mar 2026, 09:00 (Europe/Berlin)');
    h.catalog.add(article({ id: 'b.txt', title: 'Library opens late', addedAt: '2026-03-27T14:00:00.000Z' }));
    h.clock.set('2026-03-27T15:00:00.000Z');
    const preview = await run('preview', { id: 1 });
    expect(preview).toContain('Library opens late');
    expect(preview).toContain('Next slot: Sun 29 Mar 2026, 09:00');
    expect(preview).not.toContain('Sat 28 Mar');
  });

  it('changes the time from the next slot on, without posting a slot of the new time that is already past', async () => {
    const { general } = h.emulator.channels;
    await run('add', { channel: general, time: '09:00', timezone: 'Europe/Berlin' });
    h.catalog.add(article({ id: 'a.txt', title: 'Tram strike called off', addedAt: '2026-03-27T12:10:00.000Z' }));
    h.clock.set('2026-03-27T12:20:00.000Z');
    const edited = await run('edit', { id: 1, time: '10:00', cadence: 'weekdays' });
    expect(edited).toContain('Digest #1 changed');
    expect(edited).toContain('weekdays at 10:00 (Europe/Berlin)');
    expect(edited).toContain('Next post: Mon 30 Mar 2026, 10:00');
    // 10:00 Berlin today is 09:00 UTC: before the edit, so it is not posted as a missed slot.
    await tickAt('2026-03-27T12:21:00.000Z');
    expect(posts(general)).toHaveLength(0);
    // Saturday and Sunday are no longer slots; Monday 10:00 (CEST) is.
    await tickAt('2026-03-28T08:00:30.000Z');
    await tickAt('2026-03-30T08:00:30.000Z');
    expect(posts(general)).toHaveLength(1);
    expect(postedText(general)).toContain('Tram strike called off');
  });

  it('changes the filter, clears it with "none", changes max, and moves to another channel only where the bot can post', async () => {
    const { general, announcements, readOnly } = h.emulator.channels;
    await run('add', { channel: general, time: '09:00', timezone: 'UTC', filter: 'harbour' });
    expect(await run('edit', { id: 1, filter: 'ferry', max: 3 })).toMatch(/Up to 3 articles per post; only articles matching ferry/);
    expect(await run('edit', { id: 1, filter: 'None' })).not.toContain('only articles matching');
    expect(await run('edit', { id: 1, channel: readOnly })).toMatch(/Could not change the digest\s+channel: Cannot post in #rules: Missing Permissions/);
    expect(await run('edit', { id: 1 })).toMatch(/Give at least one option to change/);
    expect(await run('edit', { id: 1, timezone: 'Mars/Olympus' })).toMatch(/timezone: .*not an IANA timezone/);
    expect(await run('edit', { id: 9, max: 2 })).toContain('no digest #9');
    expect(await run('edit', { id: 1, channel: announcements })).toContain('in #news-digest');

    h.catalog.add(article({ id: 'm.txt', title: 'Market hall reopens', addedAt: '2026-03-27T13:00:00.000Z' }));
    await tickAt('2026-03-28T09:00:30.000Z');
    expect(posts(general)).toHaveLength(0);
    expect(postedText(announcements)).toContain('Market hall reopens');
  });

  it('posts nothing while paused, and after resuming posts at the next slot what arrived meanwhile, not the missed slots', async () => {
    const { general } = h.emulator.channels;
    await run('add', { channel: general, time: '09:00', timezone: 'UTC' });
    const paused = await run('pause', { id: 1 });
    expect(paused).toContain('Digest #1 paused');
    expect(await run('list')).toMatch(/1 digest, 1 paused\.[\s\S]*Digest #1 \(paused\)[\s\S]*Paused since 2026-03-27 12:00 UTC/);

    h.catalog.add(article({ id: 'p.txt', title: 'Harbour crane arrives', addedAt: '2026-03-27T18:00:00.000Z' }));
    await tickAt('2026-03-28T09:00:30.000Z');
    expect(posts(general)).toHaveLength(0);
    expect(await run('now', { id: 1 })).toContain('is paused, so nothing was posted');
    expect(posts(general)).toHaveLength(0);

    h.clock.set('2026-03-28T10:00:00.000Z');
    const resumed = await run('resume', { id: 1 });
    expect(resumed).toContain('Digest #1 resumed');
    expect(resumed).toContain('Next post: Sun 29 Mar 2026, 09:00 (UTC)');
    await tickAt('2026-03-28T10:00:30.000Z');
    expect(posts(general)).toHaveLength(0);
    await tickAt('2026-03-29T09:00:30.000Z');
    expect(posts(general)).toHaveLength(1);
    expect(postedText(general)).toContain('Harbour crane arrives');
  });
});
