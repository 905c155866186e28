/**
 * End to end over a real corpus folder: the real catalog (src/index) watching the folder, the digest
 * service, the emulator. A file that appears between two slots is in the next post; a file touched but not
 * changed is not new again; a file whose text changed is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import digest from '../../commands/digest.js';
import type { LiveCatalog } from '../../src/index/catalog.js';
import type { DigestHarness } from './harness.js';
import { watchedCorpus, type WatchedCorpus } from './watchedCorpus.js';

let corpus: WatchedCorpus;
let h: DigestHarness;
let catalog: LiveCatalog;
let corpusDir: string;

const story = (title: string, sentence: string) => ` date 2026-05-0${title.length % 9} ${title}\n\n${sentence} The council met on Tuesday to discuss it.\n`;

beforeEach(async () => {
  corpus = await watchedCorpus('2026-05-04T06:00:00.000Z', { 'existing.txt': story('Existing bridge report', 'The old bridge will close for repairs.') });
  ({ h, catalog, corpusDir } = corpus);
});

afterEach(async () => {
  await corpus.close();
});

/** The article as a digest sees it: in catalog.all(), which a sync updates after get() (at its end). */
const listed = (id: string) => catalog.all().find((article) => article.id === id);

const write = (name: string, text: string, indexed: () => boolean) => corpus.write(name, text, indexed);

const postedText = () =>
  h.emulator
    .messagesIn(h.emulator.channels.general)
    .map((message) => message.embeds.map((embed) => `${embed.title}\n${embed.description}`).join('\n'))
    .join('\n---\n')
    .replace(/\\(.)/g, '$1');

describe('digests over a watched corpus folder', () => {
  it('posts a file that appeared between two slots, once; a touched file is not new again, a changed one is', async () => {
    const invocation = { subcommand: 'add', guildId: h.emulator.guild.id, options: { channel: h.emulator.channels.general, time: '09:00', timezone: 'Europe/Berlin' } };
    await digest.answer(invocation, h.context);

    h.clock.set('2026-05-04T07:00:00.000Z'); // 09:00 in Berlin (CEST)
    await h.service.tick();
    expect(postedText()).toBe(''); // nothing arrived since the digest was made

    h.clock.set('2026-05-04T12:00:00.000Z');
    await write('ferry.txt', story('Ferry service resumes', 'The ferry to the island runs again from Monday.'), () => listed('ferry.txt') !== undefined);
    h.clock.set('2026-05-05T07:00:00.000Z');
    await h.service.tick();
    const first = postedText();
    expect(first).toContain('Ferry service resumes');
    expect(first).toContain('The ferry to the island runs again from Monday.');
    expect(first).not.toContain('Existing bridge report');

    h.clock.set('2026-05-05T12:00:00.000Z');
    const ferry = fs.readFileSync(path.join(corpusDir, 'ferry.txt'), 'utf8');
    const future = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(corpusDir, 'ferry.txt'), future, future);
    await catalog.sync();
    await write('market.txt', story('Market moves indoors', 'The weekly market moves into the old hall.'), () => listed('market.txt') !== undefined);
    h.clock.set('2026-05-06T07:00:00.000Z');
    await h.service.tick();
    const second = postedText().split('\n---\n').slice(1).join('\n');
    expect(second).toContain('Market moves indoors');
    expect(second).not.toContain('Ferry service resumes');

    h.clock.set('2026-05-06T12:00:00.000Z');
    await write('ferry.txt', ferry.replace('from Monday', 'from Thursday, a week late'), () => listed('ferry.txt')?.addedAt === '2026-05-06T12:00:00.000Z');
    h.clock.set('2026-05-07T07:00:00.000Z');
    await h.service.tick();
    const third = postedText().split('\n---\n').slice(2).join('\n');
    expect(third).toContain('Ferry service resumes');
    expect(third).not.toContain('Market moves indoors');
    expect(h.emulator.messagesIn(h.emulator.channels.general)).toHaveLength(3);
  });
});
