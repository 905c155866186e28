/**
 * /follow end to end: the real catalog watching a corpus folder, the digest service, the emulator. A new
 * file quoting a followed person (by any alias) or matching a followed topic is posted once; a restart on
 * the same DATA_DIR does not post it again.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import follow from '../../commands/follow.js';
import type { OptionValue } from '../../commands/index.js';
import { DigestService } from '../../src/digest/service.js';
import type { LiveCatalog } from '../../src/index/catalog.js';
import { viewToText } from '../../src/render/text.js';
import type { DigestHarness } from './harness.js';
import { watchedCorpus, type WatchedCorpus } from './watchedCorpus.js';

let corpus: WatchedCorpus;
let h: DigestHarness;
let catalog: LiveCatalog;

const EXISTING = ` date 2026-05-01 Talks in Moscow\n\nRussian President Vladimir Putin met the envoy on Monday. "We are ready to talk," Putin said.\n`;

beforeEach(async () => {
  corpus = await watchedCorpus('2026-05-04T06:00:00.000Z', { 'existing.txt': EXISTING });
  ({ h, catalog } = corpus);
});

afterEach(async () => {
  await corpus.close();
});

async function run(subcommand: string, options: Record<string, OptionValue | undefined> = {}): Promise<string> {
  const invocation = { subcommand, options, guildId: h.emulator.guild.id, userId: h.emulator.users.admin.id };
  return viewToText(await follow.answer(invocation, h.context));
}

const write = (name: string, text: string) => corpus.write(name, text);

const posted = (channelId: string) =>
  h.emulator.messagesIn(channelId).map((message) => message.embeds.map((embed) => `${embed.title}\n${embed.description}`).join('\n').replace(/\\(.)/g, '$1'));

describe('/follow', () => {
  it('posts each new article quoting the person or matching the topic once, and not again after a restart', async () => {
    const { general, announcements } = h.emulator.channels;
    const added = await run('person', { name: 'President Putin', channel: general });
    expect(added).toContain('Follow #1 added');
    expect(added).toContain('New articles quoting Vladimir Putin are posted in #general');
    expect(await run('topic', { query: 'ferry', channel: announcements })).toContain('New articles matching ferry are posted in #news-digest');

    // Nothing new yet: the article already in the corpus is not posted.
    h.clock.set('2026-05-04T06:05:00.000Z');
    await h.service.tick();
    expect(posted(general)).toEqual([]);

    h.clock.set('2026-05-04T07:00:00.000Z');
    await write('kremlin.txt', ` date 2026-05-04 Kremlin answers on grain deal\n\nPresident Vladimir Putin replied on Thursday. "The deal is over," Putin told reporters in Moscow.\n`);
    await write('ferry.txt', ` date 2026-05-04 Ferry service resumes\n\nThe ferry to the island runs again from Monday, the operator said.\n`);
    h.clock.set('2026-05-04T07:01:00.000Z');
    await h.service.tick();
    expect(posted(general)).toHaveLength(1);
    expect(posted(general)[0]).toContain('Kremlin answers on grain deal');
    expect(posted(general)[0]).toContain('The deal is over');
    expect(posted(general)[0]).not.toContain('Ferry service resumes');
    expect(posted(announcements)).toHaveLength(1);
    expect(posted(announcements)[0]).toContain('Ferry service resumes');

    const list = await run('list');
    expect(list).toContain('2 follows.');
    expect(list).toContain('Follow #1 (ok)');

    // A restart on the same DATA_DIR: nothing is posted twice.
    await h.service.stop();
    const restarted = new DigestService({
      config: { DATA_DIR: h.dataDir, DIGEST_CATCHUP_HOURS: 24, DISCORD_API_URL: h.emulator.apiUrl },
      catalog,
      now: h.clock.now,
      logger: pino({ level: 'silent' }),
    });
    restarted.connect(h.client);
    h.clock.set('2026-05-04T07:02:00.000Z');
    await restarted.tick();
    await restarted.stop();
    expect(posted(general)).toHaveLength(1);
    expect(posted(announcements)).toHaveLength(1);
  });

  it('answers clearly: an empty query, a channel the bot cannot post in, a person not quoted yet; removes a follow', async () => {
    expect(await run('topic', { query: '   ', channel: h.emulator.channels.general })).toMatch(/query: Give a search query/);
    expect(await run('topic', { query: 'ferry', channel: h.emulator.channels.readOnly })).toMatch(/channel: Cannot post in #rules: Missing Permissions/);
    expect(await run('person', { name: 'Ada Okonkwo', channel: h.emulator.channels.general })).toMatch(/No one called Ada Okonkwo is in the articles yet/);
    const names = follow.autocomplete?.('name', 'puti', h.context) ?? [];
    expect(names.map((choice) => choice.value)).toContain('Vladimir Putin');
    expect(await run('remove', { id: 1 })).toContain('Follow #1 removed');
    expect(await run('remove', { id: 1 })).toContain('no follow #1');
    expect(await run('list')).toContain('No follows on this server yet');
  });
});
