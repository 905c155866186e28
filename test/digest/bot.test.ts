/** /digest through the real bot: INTERACTION_CREATE in the emulator, the bot's dispatcher, the digest service. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REST, Routes } from 'discord.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import digest from '../../commands/digest.js';
import follow from '../../commands/follow.js';
import type { CommandContext } from '../../commands/index.js';
import { startBot, type Bot } from '../../src/discord/bot.js';
import { DigestService } from '../../src/digest/service.js';
import { startEmulator, type EmulatedMessage, type Emulator } from '../emulator/index.js';
import { article, FakeCatalog, TestClock } from './fakes.js';

let emulator: Emulator;
let bot: Bot;
let service: DigestService;
let dataDir: string;
const clock = new TestClock(new Date('2026-06-01T10:00:00.000Z'));
const catalog = new FakeCatalog();

beforeAll(async () => {
  emulator = await startEmulator();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-digest-bot-'));
  const logger = pino({ level: 'silent' });
  service = new DigestService({
    config: { DATA_DIR: dataDir, DIGEST_CATCHUP_HOURS: 24, DISCORD_API_URL: emulator.apiUrl },
    catalog,
    now: clock.now,
    logger,
  });
  const context: CommandContext = { catalog, commands: [digest, follow], logger, services: { digests: service } };
  await new REST({ api: emulator.apiUrl })
    .setToken(emulator.botToken)
    .put(Routes.applicationGuildCommands(emulator.applicationId, emulator.guild.id), { body: [digest.data, follow.data] });
  bot = await startBot({ config: { DISCORD_TOKEN: emulator.botToken, DISCORD_API_URL: emulator.apiUrl }, commands: [digest, follow], context });
  service.connect(bot.client);
});

afterAll(async () => {
  await service.stop();
  await bot.stop();
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What a reader sees: the text with Markdown escapes resolved. */
const seen = (message: EmulatedMessage) =>
  [message.content, ...message.embeds.map((embed) => `${embed.title}\n${embed.description}`)].join('\n').replace(/\\(.)/g, '$1');

async function digestCommand(subcommand: string, options: Record<string, string | number> = {}): Promise<EmulatedMessage> {
  return emulator.interact.command('digest', options, { subcommand, user: 'admin' }).waitForReply();
}

describe('/digest in Discord', () => {
  it('is registered, with /follow, for Manage Server, in servers only, and hidden from ordinary members', () => {
    const registered = emulator.registeredCommands({ guildId: emulator.guild.id });
    expect(registered.map((command) => [command.name, command.default_member_permissions, command.contexts])).toEqual([
      ['digest', '32', [0]],
      ['follow', '32', [0]],
    ]);
    expect(() => emulator.interact.command('digest', {}, { subcommand: 'list' })).toThrow(/cannot see \/digest/);
    expect(() => emulator.interact.command('follow', {}, { subcommand: 'list' })).toThrow(/cannot see \/follow/);
  });

  it('adds, lists, previews, posts now and removes through interactions', async () => {
    const { announcements, readOnly } = emulator.channels;
    expect(seen(await digestCommand('add', { channel: readOnly, time: '09:00', timezone: 'Europe/Paris' }))).toMatch(/Missing Permissions/);
    const added = seen(await digestCommand('add', { channel: announcements, time: '09:00', timezone: 'Europe/Paris', cadence: 'weekdays' }));
    expect(added).toContain('Digest #1 added');
    expect(added).toContain('weekdays at 09:00 (Europe/Paris) in #news-digest');

    catalog.add(article({ id: 'x.txt', title: 'Tram line opens', date: '2026-06-01', addedAt: '2026-06-01T10:30:00.000Z' }));
    clock.set('2026-06-01T11:00:00.000Z');
    expect(seen(await digestCommand('list'))).toContain('Next post: Tue 2 Jun 2026, 09:00 (Europe/Paris)');
    expect(seen(await digestCommand('preview', { id: 1 }))).toContain('Tram line opens');
    expect(emulator.messagesIn(announcements)).toHaveLength(0);

    expect(seen(await digestCommand('now', { id: 1 }))).toContain('Posted 1 article');
    const [post] = emulator.messagesIn(announcements);
    expect(post?.embeds[0]?.description).toContain('Tram line opens');
    expect(post?.allowedMentions).toEqual({ parse: [] });

    // The 2 June slot was used by /digest now: at 09:00 nothing more is posted.
    clock.set('2026-06-02T07:00:30.000Z');
    await service.tick();
    expect(emulator.messagesIn(announcements)).toHaveLength(1);

    expect(seen(await digestCommand('remove', { id: 1 }))).toContain('Digest #1 removed');
    expect(seen(await digestCommand('list'))).toContain('No digests on this server yet');
  });

  it('autocompletes the timezone', async () => {
    const choices = await emulator.interact
      .autocomplete('digest', { name: 'timezone', value: 'tokyo' }, { channel: emulator.channels.general, time: '09:00' }, { subcommand: 'add', user: 'admin' })
      .waitForChoices();
    expect(choices.map((choice) => choice.value)).toEqual(['Asia/Tokyo']);
  });

  it('follows a topic through interactions, privately, and posts a new matching article once', async () => {
    const { general } = emulator.channels;
    clock.set('2026-06-03T10:00:00.000Z');
    const reply = await emulator.interact.command('follow', { query: 'harbour', channel: general }, { subcommand: 'topic', user: 'admin' }).waitForReply();
    expect(reply.ephemeral).toBe(true);
    expect(seen(reply)).toMatch(/Follow #\d+ added[\s\S]*New articles matching \*\*harbour\*\* are posted in #general/);
    catalog.add(article({ id: 'harbour.txt', title: 'Harbour crane arrives', addedAt: '2026-06-03T10:05:00.000Z' }));
    clock.set('2026-06-03T10:06:00.000Z');
    await service.tick();
    await service.tick();
    expect(emulator.messagesIn(general).map((message) => message.embeds[0]?.description ?? '')).toEqual([expect.stringContaining('Harbour crane arrives')]);
  });
});
