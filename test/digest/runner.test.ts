import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { embedLength } from '../../src/discord/present.js';
import { DigestRunner } from '../../src/digest/runner.js';
import { SqliteDigestStore } from '../../src/digest/store.js';
import { article, DAY, FakeCatalog, FakeChannel, forbidden, HOUR, scheduleDraft, TestClock, transient } from './fakes.js';

const NO_WAIT = { attempts: 3, backoffMs: () => 0, sleep: async () => undefined };

/** An article long enough that a few of them fill more than one Discord message. */
const longArticle = (title: string, addedAt: string) =>
  article({ id: `${title}.txt`, title, date: '2026-03-31', addedAt, summary: ['A summary sentence that goes on and on. '.repeat(20)] });

interface SetupOptions {
  created: string;
  pattern?: string;
  timezone?: string;
  filter?: string | null;
  max?: number;
  catchupHours?: number;
}

async function setup(options: SetupOptions) {
  const clock = new TestClock(new Date(options.created));
  const catalog = new FakeCatalog();
  const store = SqliteDigestStore.open(':memory:');
  const channel = new FakeChannel();
  const draft = scheduleDraft({
    timezone: options.timezone ?? 'UTC',
    pattern: options.pattern ?? '0 9 * * *',
    filter: options.filter ?? null,
    max: options.max ?? 10,
  });
  const schedule = await store.addSchedule(draft, options.created);
  const runner = () =>
    new DigestRunner({
      store,
      catalog: () => catalog,
      now: clock.now,
      catchupMs: (options.catchupHours ?? 24) * HOUR,
      deliveryFor: () => channel.delivery(),
      retry: NO_WAIT,
    });
  return { clock, catalog, store, channel, schedule, runner: runner(), restart: runner };
}

describe('DigestRunner', () => {
  it('lists in the first post only articles added after the schedule was made', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T08:00:00.000Z' });
    catalog.add(
      article({ id: 'old.txt', title: 'Old news from the backlog', addedAt: '2026-03-20T10:00:00.000Z' }),
      article({ id: 'new.txt', title: 'Fresh morning report', addedAt: '2026-04-01T08:30:00.000Z' }),
    );
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(1);
    expect(channel.text()).toContain('Fresh morning report');
    expect(channel.text()).not.toContain('Old news from the backlog');
  });

  it('does not post a slot that was due before the schedule was made', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T10:00:00.000Z' });
    catalog.add(article({ id: 'a.txt', addedAt: '2026-04-01T10:01:00.000Z' }));
    clock.set('2026-04-01T10:05:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(0);
    clock.set('2026-04-02T09:00:30.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(1);
  });

  it('puts an article that appears between two slots into the next post, and only there', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'first.txt', title: 'First story', addedAt: '2026-04-01T05:00:00.000Z' }));
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    clock.set('2026-04-01T15:00:00.000Z');
    catalog.add(article({ id: 'second.txt', title: 'Second story', addedAt: '2026-04-01T15:00:00.000Z' }));
    await runner.tick();
    expect(channel.posted).toHaveLength(1);
    clock.set('2026-04-02T09:00:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(2);
    const second = JSON.stringify(channel.posted[1]?.message);
    expect(second).toContain('Second story');
    expect(second).not.toContain('First story');
  });

  it('makes no post when nothing is new, records the slot as skipped, and posts when something arrives', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(0);
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('skipped');
    catalog.add(article({ id: 'late.txt', title: 'Late arrival', addedAt: '2026-04-01T20:00:00.000Z' }));
    clock.set('2026-04-02T09:00:00.000Z');
    await runner.tick();
    expect(channel.text()).toContain('Late arrival');
  });

  it('posts once after being down for three days, covering everything since the last post', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'd1.txt', title: 'Day one', addedAt: '2026-04-01T06:00:00.000Z' }));
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    // Down from here; articles keep arriving (the index records when it first saw each).
    catalog.add(
      article({ id: 'd2.txt', title: 'Day two', addedAt: '2026-04-02T06:00:00.000Z' }),
      article({ id: 'd3.txt', title: 'Day three', addedAt: '2026-04-03T06:00:00.000Z' }),
      article({ id: 'd4.txt', title: 'Day four', addedAt: '2026-04-04T06:00:00.000Z' }),
    );
    clock.set('2026-04-04T11:00:00.000Z');
    const restarted = new DigestRunner({ store, catalog: () => catalog, now: clock.now, catchupMs: DAY, deliveryFor: () => channel.delivery(), retry: NO_WAIT });
    await restarted.tick();
    await restarted.tick();
    clock.advance(HOUR);
    await restarted.tick();
    expect(channel.posted).toHaveLength(2);
    const catchUp = JSON.stringify(channel.posted[1]?.message);
    for (const title of ['Day two', 'Day three', 'Day four']) expect(catchUp).toContain(title);
    expect((await store.entries(schedule.id)).map((entry) => [entry.slot, entry.state])).toEqual([
      ['2026-04-01T09:00:00.000Z', 'sent'],
      ['2026-04-04T09:00:00.000Z', 'sent'],
    ]);
  });

  it('does not post a missed slot older than the catch-up window; the next slot carries its articles', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T00:00:00.000Z', catchupHours: 2 });
    catalog.add(article({ id: 'a.txt', title: 'Waiting story', addedAt: '2026-04-01T06:00:00.000Z' }));
    clock.set('2026-04-01T12:00:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(0);
    clock.set('2026-04-02T09:01:00.000Z');
    await runner.tick();
    expect(channel.text()).toContain('Waiting story');
  });

  it('caps a post at max articles and says how many more there are', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T00:00:00.000Z', max: 3 });
    for (let index = 0; index < 7; index++) {
      catalog.add(article({ id: `a${index}.txt`, title: `Story ${index}`, date: `2026-03-0${index + 1}`, addedAt: '2026-04-01T05:00:00.000Z' }));
    }
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    const text = channel.text();
    expect(text).toContain('Story 6');
    expect(text).not.toContain('Story 3');
    expect(JSON.stringify(channel.posted)).toContain('4 more articles not shown');
  });

  it('applies the filter', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T00:00:00.000Z', filter: 'sanctions' });
    catalog.add(
      article({ id: 'a.txt', title: 'New sanctions announced', addedAt: '2026-04-01T05:00:00.000Z' }),
      article({ id: 'b.txt', title: 'Football results', addedAt: '2026-04-01T05:00:00.000Z' }),
    );
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect(channel.text()).toContain('New sanctions announced');
    expect(channel.text()).not.toContain('Football results');
  });

  it('splits a long post into messages within Discord limits, in order', async () => {
    const { clock, catalog, channel, runner } = await setup({ created: '2026-04-01T00:00:00.000Z', max: 25 });
    for (let index = 0; index < 25; index++) {
      catalog.add(
        article({
          id: `long${index}.txt`,
          title: `Long story ${String(index).padStart(2, '0')} ${'with a very long title '.repeat(8)}`,
          date: '2026-03-31',
          addedAt: `2026-04-01T05:${String(index).padStart(2, '0')}:00.000Z`,
          summary: ['A summary sentence that goes on and on. '.repeat(20)],
          quotes: [{ text: 'Words a person said at length. '.repeat(30), speaker: 'Jane Doe' }],
        }),
      );
    }
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect(channel.posted.length).toBeGreaterThan(1);
    for (const { message } of channel.posted) {
      expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    }
    // Newest added first (same date), so story 24 opens the post and story 00 ends it.
    expect(channel.text().indexOf('Long story 24')).toBeLessThan(channel.text().indexOf('Long story 00'));
    expect(new Set(channel.posted.map((post) => post.nonce)).size).toBe(channel.posted.length);
    expect(channel.posted.every((post) => post.nonce.length <= 25)).toBe(true);
  });

  it('marks the schedule failing when the channel refuses, retries at the next slot, then recovers', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'a.txt', title: 'Blocked story', addedAt: '2026-04-01T05:00:00.000Z' }));
    channel.failNext(1, forbidden());
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect((await store.schedule(schedule.id))).toMatchObject({ status: 'failing', failure: expect.stringMatching(/Missing Permissions/) });
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('failed');
    const sends = channel.sends;
    clock.advance(HOUR);
    await runner.tick();
    expect(channel.sends).toBe(sends);
    clock.set('2026-04-02T09:00:00.000Z');
    await runner.tick();
    expect(channel.text()).toContain('Blocked story');
    expect((await store.schedule(schedule.id))).toMatchObject({ status: 'ok', failure: null });
  });

  it('posts a follow at the next pass after a match arrives, retries a refusing channel after a while rather than every pass, and lists each article once', async () => {
    const { clock, catalog, channel, store, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    const follow = (await store.addSchedule({ ...scheduleDraft(), kind: 'follow', filter: 'harbour' }, '2026-04-01T00:00:00.000Z'));
    catalog.add(article({ id: 'h.txt', title: 'Harbour crane arrives', addedAt: '2026-04-01T05:00:00.000Z' }));
    channel.failNext(1, forbidden());
    clock.set('2026-04-01T05:01:00.000Z');
    await runner.tick();
    expect((await store.schedule(follow.id))).toMatchObject({ status: 'failing', failure: expect.stringMatching(/Missing Permissions/) });
    const sends = channel.sends;
    clock.advance(60_000);
    await runner.tick();
    expect(channel.sends).toBe(sends);
    clock.advance(15 * 60_000);
    await runner.tick();
    clock.advance(60_000);
    catalog.add(article({ id: 'h2.txt', title: 'Harbour opens at night', addedAt: clock.now().toISOString() }));
    await runner.tick();
    await runner.tick();
    expect(channel.posted).toHaveLength(2);
    expect(channel.text().split('**Harbour crane arrives**')).toHaveLength(2);
    expect(channel.text().split('**Harbour opens at night**')).toHaveLength(2);
    expect((await store.schedule(follow.id))?.status).toBe('ok');
  });

  it('keeps retrying a post Discord did not answer, without posting it twice', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'a.txt', title: 'Flaky story', addedAt: '2026-04-01T05:00:00.000Z' }));
    // Every try fails, and the first one did create the message.
    channel.failNext(1, transient(), true);
    channel.failNext(2, transient());
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('intended');
    expect((await store.schedule(schedule.id))?.status).toBe('failing');
    clock.advance(60_000);
    await runner.tick();
    expect(channel.posted).toHaveLength(1);
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('sent');
    expect((await store.schedule(schedule.id))?.status).toBe('ok');
  });

  it('resends an intended post after a restart with the same nonces, so it appears once', async () => {
    const { clock, catalog, channel, store, schedule, runner, restart } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'a.txt', title: 'Crash story', addedAt: '2026-04-01T05:00:00.000Z' }));
    channel.failNext(3, transient(), true);
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    const nonce = channel.posted[0]?.nonce;
    const after = restart();
    await after.tick();
    expect(channel.posted).toHaveLength(1);
    expect(channel.posted[0]?.nonce).toBe(nonce);
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('sent');
  });

  it('finds the message in the channel when the nonce has expired', async () => {
    const { clock, catalog, channel, runner, restart } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'a.txt', title: 'Crash story', addedAt: '2026-04-01T05:00:00.000Z' }));
    channel.failNext(3, transient(), true);
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    channel.honourNonce = false;
    channel.historyVisible = true;
    clock.advance(3 * HOUR);
    await restart().tick();
    expect(channel.posted).toHaveLength(1);
  });

  it('gives up on an interrupted post older than the catch-up window; its articles go into the next post', async () => {
    const { clock, catalog, channel, store, schedule, runner, restart } = await setup({ created: '2026-04-01T00:00:00.000Z', catchupHours: 2 });
    catalog.add(article({ id: 'a.txt', title: 'Interrupted story', addedAt: '2026-04-01T05:00:00.000Z' }));
    channel.failNext(3, transient());
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    clock.set('2026-04-02T09:00:00.000Z');
    await restart().tick();
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('failed');
    expect(channel.posted).toHaveLength(1);
    expect(channel.text()).toContain('Interrupted story');
  });

  it('lists an article stamped just before a post but indexed just after it in the next post, once', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.add(article({ id: 'on-time.txt', title: 'On time story', addedAt: '2026-04-01T08:00:00.000Z' }));
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    // Stamped a second before that post was composed; the catalog shows it only now.
    catalog.add(article({ id: 'late.txt', title: 'Late indexed story', addedAt: '2026-04-01T08:59:59.000Z' }));
    catalog.add(article({ id: 'next.txt', title: 'Next day story', addedAt: '2026-04-01T12:00:00.000Z' }));
    clock.set('2026-04-02T09:00:00.000Z');
    await runner.tick();
    clock.set('2026-04-03T09:00:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(2);
    const second = JSON.stringify(channel.posted[1]?.message);
    expect(second).toContain('Late indexed story');
    expect(second).toContain('Next day story');
    expect(second).not.toContain('On time story');
    expect((await store.entry(schedule.id, '2026-04-03T09:00:00.000Z'))?.state).toBe('skipped');
  });

  it('finishes a post that failed part way at the next slot, with the same nonces, listing nothing twice', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z', max: 25 });
    const titles = Array.from({ length: 12 }, (_, index) => `First batch story ${String(index).padStart(2, '0')}`);
    titles.forEach((title, index) => catalog.add(longArticle(title, `2026-04-01T05:${String(index).padStart(2, '0')}:00.000Z`)));
    channel.succeedNext(1);
    channel.failNext(1, forbidden());
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    const partial = (await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'));
    expect(partial?.messages.length).toBeGreaterThan(2);
    expect(partial?.state).toBe('failed');
    expect((await store.schedule(schedule.id))?.status).toBe('failing');
    expect(channel.posted).toHaveLength(1);
    clock.advance(HOUR);
    await runner.tick();
    expect(channel.posted).toHaveLength(1); // a refusal is retried at the next slot, not every tick

    titles.push('Second day story');
    catalog.add(longArticle('Second day story', '2026-04-01T20:00:00.000Z'));
    clock.set('2026-04-02T09:00:00.000Z');
    await runner.tick();
    const finished = (await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'));
    const next = (await store.entry(schedule.id, '2026-04-02T09:00:00.000Z'));
    expect([finished?.state, next?.state]).toEqual(['sent', 'sent']);
    expect(channel.posted.map((post) => post.nonce)).toEqual([...(partial?.nonces ?? []), ...(next?.nonces ?? [])]);
    expect(next?.articleCount).toBe(1);
    for (const title of titles) expect([title, channel.text().split(title).length - 1]).toEqual([title, 1]);
    expect((await store.schedule(schedule.id))?.status).toBe('ok');
  });

  it('after a restart, finishes a post Discord stopped answering part way, looking for each part before sending it', async () => {
    const { clock, catalog, channel, store, schedule, runner, restart } = await setup({ created: '2026-04-01T00:00:00.000Z', max: 25 });
    for (let index = 0; index < 12; index++) catalog.add(longArticle(`Story ${String(index).padStart(2, '0')}`, '2026-04-01T05:00:00.000Z'));
    channel.succeedNext(1);
    channel.failNext(1, transient(), true); // the second part lands, but no answer says so
    channel.failNext(2, transient()); // and the retries of this run fail
    channel.honourNonce = false; // by the time of the next resend, the nonce is forgotten
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    const entry = (await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'));
    expect(entry?.state).toBe('intended');
    expect(channel.posted).toHaveLength(2);
    channel.historyVisible = true;
    const looksBefore = channel.looks;
    clock.advance(10 * 60_000);
    await restart().tick();
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('sent');
    expect(channel.posted.map((post) => post.nonce)).toEqual(entry?.nonces);
    // Every part not recorded was looked for: the one that had landed, and the ones after it.
    expect(channel.looks - looksBefore).toBe((entry?.messages.length ?? 0) - 1);
  });

  it('finishes rather than gives up an expired post whose first part is in the channel, so its articles are not listed again', async () => {
    const { clock, catalog, channel, store, schedule, runner, restart } = await setup({ created: '2026-04-01T00:00:00.000Z', catchupHours: 2 });
    catalog.add(article({ id: 'a.txt', title: 'Landed story', addedAt: '2026-04-01T05:00:00.000Z' }));
    channel.failNext(3, transient(), true);
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect(channel.posted).toHaveLength(1);
    channel.historyVisible = true;
    catalog.add(article({ id: 'b.txt', title: 'Next story', addedAt: '2026-04-01T12:00:00.000Z' }));
    clock.set('2026-04-02T09:00:00.000Z');
    await restart().tick();
    expect((await store.entry(schedule.id, '2026-04-01T09:00:00.000Z'))?.state).toBe('sent');
    expect(channel.posted).toHaveLength(2);
    const second = JSON.stringify(channel.posted[1]?.message);
    expect(second).toContain('Next story');
    expect(second).not.toContain('Landed story');
  });

  it('waits while the corpus is loading rather than posting an empty or partial digest', async () => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: '2026-04-01T00:00:00.000Z' });
    catalog.ready = false;
    clock.set('2026-04-01T09:00:00.000Z');
    await runner.tick();
    expect((await store.entries(schedule.id))).toEqual([]);
    catalog.add(article({ id: 'a.txt', title: 'Loaded late', addedAt: '2026-04-01T05:00:00.000Z' }));
    catalog.ready = true;
    clock.advance(60_000);
    await runner.tick();
    expect(channel.text()).toContain('Loaded late');
  });

  it.each([
    ['Europe/Berlin', '2026-03-27', '2026-04-01'],
    ['America/New_York', '2026-03-06', '2026-03-10'],
  ])('posts at 09:00 local in %s every day across the daylight-saving change', async (timezone, from, to) => {
    const { clock, catalog, channel, store, schedule, runner } = await setup({ created: `${from}T00:00:00.000Z`, timezone });
    // A new article every 6 hours; the runner ticks every 15 minutes.
    const end = Date.parse(`${to}T23:59:00.000Z`);
    let count = 0;
    for (let at = Date.parse(`${from}T00:00:00.000Z`); at <= end; at += 15 * 60_000) {
      clock.set(new Date(at).toISOString());
      if (at % (6 * HOUR) === 0) catalog.add(article({ id: `a${count++}.txt`, addedAt: new Date(at).toISOString() }));
      await runner.tick();
    }
    const local = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    const sent = (await store.entries(schedule.id)).filter((entry) => entry.state === 'sent');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.map((entry) => local(entry.slot))).toEqual(sent.map(() => '09:00'));
    // The UTC hour of the slot changes with the clocks, the local one does not.
    expect(new Set(sent.map((entry) => entry.slot.slice(11, 13))).size).toBe(2);
    expect(channel.posted).toHaveLength(sent.length);
    // Every article added after the schedule was made and before the last post is in exactly one post.
    const text = channel.text();
    const lastCutoff = Date.parse(sent.at(-1)?.cutoff ?? '');
    const covered = catalog.all().filter((entry) => Date.parse(entry.addedAt) > Date.parse(schedule.createdAt) && Date.parse(entry.addedAt) <= lastCutoff);
    expect(covered.length).toBeGreaterThan(10);
    for (const item of covered) expect([item.title, text.split(item.title).length - 1]).toEqual([item.title, 1]);
  });
});
