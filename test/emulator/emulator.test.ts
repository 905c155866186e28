/**
 * The emulator driven by the real discord.js Client: login, interactions and their rules, REST limits,
 * faults (429, 500, dropped gateway), channel permissions, nonces, webhooks and command registration.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  WebhookClient,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';

type Handler = (interaction: Interaction) => Promise<unknown>;

interface Harness {
  emu: Emulator;
  client: Client;
  /** What the bot does with the next interactions; errors are kept in `errors` instead of crashing. */
  setHandler(handler: Handler): void;
  /** Resolves when every handler started so far has finished. */
  settled(): Promise<unknown>;
  errors: unknown[];
}

async function startHarness(options: Parameters<typeof startEmulator>[0] = {}): Promise<Harness> {
  const emu = await startEmulator(options);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl }, allowedMentions: { parse: [] } });
  const errors: unknown[] = [];
  let handler: Handler = async () => undefined;
  const running = new Set<Promise<unknown>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const run = handler(interaction).catch((error: unknown) => errors.push(error));
    running.add(run);
    void run.finally(() => running.delete(run));
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(emu.botToken);
  await ready;
  return { emu, client, errors, setHandler: (next) => (handler = next), settled: () => Promise.all([...running]) };
}

async function stopHarness(harness: Harness | undefined): Promise<void> {
  await harness?.client.destroy();
  await harness?.emu.close();
}

/** The DiscordAPIError a promise rejects with (fails the test if it resolves). */
async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a discord.js client on the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => stopHarness(h));
  afterEach(() => {
    expect(h.errors).toEqual([]);
    h.emu.clearFaults();
    h.emu.settings.interactionDeadlineMs = 3000;
    h.emu.settings.interactionTokenLifetimeMs = 15 * 60_000;
    h.errors.length = 0;
  });

  it('logs in and sees the server, its channels and which channel it may not write to', () => {
    const { client, emu } = h;
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(emu.botUser.id);
    const guild = client.guilds.cache.get(emu.guild.id)!;
    expect(guild.name).toBe(emu.guild.name);
    expect(guild.members.me?.id).toBe(emu.botUser.id);
    const me = guild.members.me!;
    const general = guild.channels.cache.get(emu.channels.general) as TextChannel;
    const readOnly = guild.channels.cache.get(emu.channels.readOnly) as TextChannel;
    expect(general.type).toBe(ChannelType.GuildText);
    expect(general.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(readOnly.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(readOnly.permissionsFor(me).has(PermissionFlagsBits.ViewChannel)).toBe(true);
    // discord.js found the gateway through GET /gateway/bot on the emulator and nowhere else.
    expect(emu.requests.some((r) => r.path === '/gateway/bot' && r.status === 200)).toBe(true);
  });

  it('delivers a slash command with options and records the reply the user sees', async () => {
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: `quotes by ${i.options.getString('person', true)} (limit ${i.options.getInteger('limit')})` });
    });
    const handle = h.emu.interact.command('quotes', { person: 'Putin', limit: 3 });
    const reply = await handle.waitForReply();
    expect(reply.content).toBe('quotes by Putin (limit 3)');
    expect(reply.ephemeral).toBe(false);
    expect(reply.allowedMentions).toEqual({ parse: [] });
    expect(handle.acknowledgedWith).toBe(4);
    expect(h.emu.messagesIn(h.emu.channels.general).map((m) => m.id)).toContain(reply.id);
    const payloads = h.emu.messagePayloads().filter((p) => p.request.path.includes(handle.id));
    expect(payloads.map((p) => p.kind)).toEqual(['interaction-reply']);
    expect(payloads[0]!.allowedMentions).toEqual({ parse: [] });
  });

  it('passes subcommands, and shows a deferred reply only once it is edited', async () => {
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(50);
      await i.editReply(`${i.options.getSubcommand()} at ${i.options.getString('time')}`);
    });
    const handle = h.emu.interact.command('digest add', { time: '09:00' });
    await handle.waitForAck();
    expect(handle.acknowledgedWith).toBe(5);
    const reply = await handle.waitForReply();
    expect(reply.content).toBe('add at 09:00');
    expect(reply.ephemeral).toBe(true);
    expect(reply.loading).toBe(false);
    expect(handle.requests().map((r) => `${r.method} ${r.route}`)).toEqual([
      'POST /interactions/:interaction/:token/callback',
      'PATCH /webhooks/:webhook/:token/messages/:message',
    ]);
    // The '@' of @original arrives URL-encoded and is decoded in the recorded path.
    expect(handle.requests()[1]!.path.endsWith('/messages/@original')).toBe(true);
    expect(h.emu.messagesIn(h.emu.channels.general).some((m) => m.id === reply.id)).toBe(false);
  });

  it('rejects a first response after the deadline with 10062, and the handle says nobody answered', async () => {
    h.emu.settings.interactionDeadlineMs = 100;
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      await sleep(200);
      failure = await apiError(i.reply('too late'));
    });
    const handle = h.emu.interact.command('search', { query: 'sanctions' });
    await expect(handle.waitForReply()).rejects.toThrow(/not acknowledged within 100 ms/);
    await h.emu.waitForRequest((r) => r.path.includes(handle.id));
    await h.settled();
    expect(failure?.status).toBe(404);
    expect(failure?.code).toBe(10062);
  });

  it('rejects a second initial response with 40060', async () => {
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('first');
      failure = await apiError(
        i.client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'second' } }, auth: false }),
      );
    });
    const handle = h.emu.interact.command('help');
    expect((await handle.waitForReply()).content).toBe('first');
    await h.emu.waitForRequest((r) => r.path.includes(handle.id) && r.status === 400);
    await h.settled();
    expect(failure?.code).toBe(40060);
    expect(failure?.status).toBe(400);
  });

  it('rejects content over 2000 characters with 50035 naming the field, and lets the bot answer again', async () => {
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      failure = await apiError(i.reply('x'.repeat(2001)));
      await i.reply('shorter');
    });
    const handle = h.emu.interact.command('summary');
    expect((await handle.waitForReply()).content).toBe('shorter');
    expect(failure?.code).toBe(50035);
    expect(failure?.rawError).toMatchObject({ errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
  });

  it('answers an empty reply with 50006', async () => {
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      failure = await apiError(i.reply({ content: '   ' }));
      await i.reply('ok');
    });
    await h.emu.interact.command('help').waitForReply();
    expect(failure?.code).toBe(50006);
  });

  it('makes discord.js wait out a 429 on the callback and then succeed', async () => {
    h.emu.failNext(1, { status: 429, route: '/callback', retryAfter: 0.05 });
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) await i.reply('after the rate limit');
    });
    const handle = h.emu.interact.command('help');
    expect((await handle.waitForReply()).content).toBe('after the rate limit');
    const [limited, accepted] = handle.requests();
    expect(limited?.status).toBe(429);
    expect(limited?.fault).toBe('429');
    expect(accepted?.status).toBe(204);
    expect(h.emu.pendingFaults).toBe(0);
  });

  it('sends the 429 headers and body Discord sends', async () => {
    h.emu.failNext(1, { status: 429, route: 'GET /users/@me', retryAfter: 0.05 });
    const response = await fetch(`${h.emu.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${h.emu.botToken}` } });
    expect(response.status).toBe(429);
    for (const header of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket', 'x-ratelimit-scope']) {
      expect(response.headers.get(header)).toBeTruthy();
    }
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await response.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.05, global: false });
  });

  it('lets discord.js retry a 500, and surfaces the error when every retry fails', async () => {
    h.emu.failNext(1, { status: 500, route: '/callback' });
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) await i.reply('after one 500');
    });
    const first = h.emu.interact.command('help');
    expect((await first.waitForReply()).content).toBe('after one 500');
    expect(first.requests().map((r) => r.status)).toEqual([500, 204]);

    h.emu.failNext(4, { status: 500, route: '/callback' });
    let failure: unknown;
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) failure = await i.reply('never').catch((e: unknown) => e);
    });
    const second = h.emu.interact.command('help');
    await expect.poll(() => failure).toBeDefined();
    expect(second.acknowledgedWith).toBeUndefined();
    expect(second.requests().map((r) => r.status)).toEqual([500, 500, 500, 500]);
    expect((failure as { status?: number }).status).toBe(500);
  });

  it('keeps the session across a dropped gateway connection: RESUME, replay, still ready', async () => {
    const { emu, client } = h;
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) await i.reply(`still here: ${i.commandName}`);
    });
    const sessionBefore = emu.gateway.sessionId;
    const since = Date.now();
    await emu.dropGateway();
    // Injected while the bot is disconnected: Discord holds it and replays it on RESUME.
    const missed = emu.interact.command('help');
    await emu.waitForResume({ since });
    expect(emu.gateway.sessionId).toBe(sessionBefore);
    expect(emu.gateway.events.some((e) => e.kind === 'identify' && e.at >= since)).toBe(false);
    expect((await missed.waitForReply()).content).toBe('still here: help');
    expect(client.isReady()).toBe(true);
    expect((await emu.interact.command('search', { query: 'x' }).waitForReply()).content).toBe('still here: search');
  });

  it('resumes after a dead socket and after op 7 Reconnect', async () => {
    const { emu } = h;
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) await i.reply('pong');
    });
    let since = Date.now();
    await emu.dropGateway({ raw: true });
    await emu.waitForResume({ since });
    expect((await emu.interact.command('help').waitForReply()).content).toBe('pong');
    since = Date.now();
    emu.requestReconnect();
    await emu.waitForResume({ since });
    expect((await emu.interact.command('help').waitForReply()).content).toBe('pong');
  });

  it('re-identifies when the session is invalidated', async () => {
    const { emu, client } = h;
    const since = Date.now();
    const before = emu.gateway.sessionId;
    emu.gateway.invalidateSession(false);
    await emu.gateway.waitFor('ready', { since });
    expect(emu.gateway.sessionId).not.toBe(before);
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) await i.reply('new session');
    });
    expect((await emu.interact.command('help').waitForReply()).content).toBe('new session');
    expect(client.isReady()).toBe(true);
  });

  it('posts once for two sends with the same nonce and enforce_nonce, even when the first answer was lost', async () => {
    const { emu, client } = h;
    const channel = (await client.channels.fetch(emu.channels.announcements)) as TextChannel;
    const before = emu.messagesIn(channel.id).length;
    const first = await channel.send({ content: 'digest 2026-03-01', nonce: 'slot-1', enforceNonce: true });
    const again = await channel.send({ content: 'digest 2026-03-01', nonce: 'slot-1', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(first.nonce).toBe('slot-1');
    // Read back later, a message no longer carries its nonce: history cannot tell which send it was.
    expect(await client.rest.get(Routes.channelMessage(channel.id, first.id))).not.toHaveProperty('nonce');
    // The send takes effect but its answer is a 500; discord.js retries with the same nonce.
    emu.failNext(1, { status: 500, route: `POST /channels/${channel.id}/messages`, applied: true });
    const retried = await channel.send({ content: 'digest 2026-03-02', nonce: 'slot-2', enforceNonce: true });
    const contents = emu.messagesIn(channel.id).slice(before).map((m) => m.content);
    expect(contents).toEqual(['digest 2026-03-01', 'digest 2026-03-02']);
    expect(emu.message(retried.id)?.content).toBe('digest 2026-03-02');
    // Without enforce_nonce a nonce does not de-duplicate.
    await channel.send({ content: 'plain', nonce: 'slot-3' });
    await channel.send({ content: 'plain', nonce: 'slot-3', enforceNonce: false });
    expect(emu.messagesIn(channel.id).filter((m) => m.content === 'plain')).toHaveLength(2);
  });

  it('refuses posts to a channel the bot may not write to (403 50013) until it is allowed again', async () => {
    const { emu, client } = h;
    const channel = (await client.channels.fetch(emu.channels.readOnly)) as TextChannel;
    const refused = await apiError(channel.send('hello'));
    expect(refused.status).toBe(403);
    expect(refused.code).toBe(50013);
    emu.setChannelWritable(channel.id, true);
    await expect.poll(() => channel.permissionsFor(client.user!)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    const sent = await channel.send('hello again');
    expect(emu.messagesIn(channel.id).map((m) => m.id)).toContain(sent.id);
    emu.setChannelWritable(channel.id, false);
    expect((await apiError(channel.send('and again'))).code).toBe(50013);
  });

  it('answers 404 10003 for a deleted channel, and 401 without the bot token', async () => {
    const { emu, client } = h;
    const doomed = emu.createChannel('doomed');
    await expect.poll(() => client.channels.cache.has(doomed)).toBe(true);
    emu.deleteChannel(doomed);
    await expect.poll(() => client.channels.cache.has(doomed)).toBe(false);
    const gone = await apiError(client.rest.post(Routes.channelMessages(doomed), { body: { content: 'anyone?' } }));
    expect([gone.status, gone.code]).toEqual([404, 10003]);
    const response = await fetch(`${emu.apiUrl}/v10/channels/${emu.channels.general}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bot wrong-token' },
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  it('executes channel webhooks, created by the bot or by an admin, with ?wait=true returning the message', async () => {
    const { emu, client } = h;
    const channel = (await client.channels.fetch(emu.channels.announcements)) as TextChannel;
    const created = await channel.createWebhook({ name: 'Newsdesk digest' });
    const hook = new WebhookClient({ id: created.id, token: created.token! }, { rest: { api: emu.apiUrl }, allowedMentions: { parse: [] } });
    const sent = await hook.send({ content: 'via webhook', username: 'Newsdesk' });
    hook.destroy();
    const seen = emu.message(sent.id)!;
    expect(seen.source).toBe('webhook');
    expect(seen.message.webhook_id).toBe(created.id);
    expect(seen.allowedMentions).toEqual({ parse: [] });

    const manual = emu.createWebhook(emu.channels.readOnly);
    expect(manual.discordUrl).toMatch(/^https:\/\/discord\.com\/api\/webhooks\/\d{17,20}\/[\w-]{68}$/);
    const noWait = await fetch(manual.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'fire and forget' }) });
    expect(noWait.status).toBe(204);
    const wait = await fetch(`${manual.url}?wait=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'and wait' }) });
    expect(((await wait.json()) as { content: string }).content).toBe('and wait');
    // Webhooks do not need the bot's permission to send in the channel.
    expect(emu.messagesIn(emu.channels.readOnly).map((m) => m.content)).toEqual(expect.arrayContaining(['fire and forget', 'and wait']));
    const wrongToken = await fetch(`${manual.url.slice(0, -3)}abc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content":"x"}' });
    expect(((await wrongToken.json()) as { code: number }).code).toBe(50027);
  });

  it('updates the clicked message for a button, and refuses buttons that are not there', async () => {
    const { emu } = h;
    h.setHandler(async (i) => {
      const row = (page: number) =>
        new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(`page:${page + 1}`).setLabel('Next').setStyle(ButtonStyle.Primary));
      if (i.isChatInputCommand()) await i.reply({ content: 'page 1', components: [row(1)] });
      if (i.isButton()) {
        const page = Number(i.customId.split(':')[1]);
        expect(i.message.content).toBe(`page ${page - 1}`);
        await i.update({ content: `page ${page}`, components: [row(page)] });
      }
    });
    const first = await emu.interact.command('summary').waitForReply();
    const click = emu.interact.button('page:2', first);
    const second = await click.waitForReply();
    expect(click.acknowledgedWith).toBe(7);
    expect(second.id).toBe(first.id);
    expect(second.content).toBe('page 2');
    expect(() => emu.interact.button('page:2', second)).toThrow(/no component with custom_id "page:2".*"page:3"/);
  });

  it('delivers the values picked in a select menu, and refuses values it does not offer', async () => {
    const { emu } = h;
    h.setHandler(async (i) => {
      const select = { type: 3, custom_id: 'pick', options: [{ label: 'One', value: '1' }, { label: 'Two', value: '2' }] };
      if (i.isChatInputCommand()) await i.reply({ content: 'choose', components: [{ type: 1, components: [select] }] });
      if (i.isStringSelectMenu()) await i.update({ content: `chose ${i.values.join(',')}`, components: [] });
    });
    const menu = await emu.interact.command('summary').waitForReply();
    expect(() => emu.interact.component('pick', menu, { values: ['3'] })).toThrow(/offers "1", "2"; it has no "3"/);
    expect(() => emu.interact.component('pick', menu, { values: ['1', '2'] })).toThrow(/takes 1–1 values, not 2/);
    expect((await emu.interact.component('pick', menu, { values: ['2'] }).waitForReply()).content).toBe('chose 2');
  });

  it('rejects duplicate custom_ids and custom_ids over 100 characters', async () => {
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      // Raw component objects: discord.js's builders would refuse a 101-character custom_id before sending.
      const button = (id: string) => ({ type: 2, custom_id: id, label: 'x', style: 2 });
      failure = await apiError(i.reply({ content: 'x', components: [{ type: 1, components: [button('a'), button('a'), button('b'.repeat(101))] }] }));
      await i.reply('fine');
    });
    await h.emu.interact.command('help').waitForReply();
    expect(failure?.code).toBe(50035);
    expect(failure?.rawError).toMatchObject({
      errors: {
        data: {
          components: {
            0: { components: { 1: { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' }] } }, 2: { custom_id: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
          },
        },
      },
    });
  });

  it('collects autocomplete choices and rejects more than 25', async () => {
    h.setHandler(async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      const names = ['Vladimir Putin', 'Volodymyr Zelensky', 'Donald Trump'].filter((n) => n.toLowerCase().includes(typed.toLowerCase()));
      await i.respond(names.map((name) => ({ name, value: name })));
    });
    const handle = h.emu.interact.autocomplete('quotes', { name: 'person', value: 'v' });
    expect(await handle.waitForChoices()).toEqual([
      { name: 'Vladimir Putin', value: 'Vladimir Putin' },
      { name: 'Volodymyr Zelensky', value: 'Volodymyr Zelensky' },
    ]);
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (i.isAutocomplete()) failure = await apiError(i.respond(Array.from({ length: 26 }, (_, n) => ({ name: `n${n}`, value: `v${n}` }))));
    });
    const tooMany = h.emu.interact.autocomplete('quotes', { name: 'person', value: '' });
    await h.emu.waitForRequest((r) => r.path.includes(tooMany.id));
    await h.settled();
    expect(failure?.code).toBe(50035);
    expect(failure?.rawError).toMatchObject({ errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
  });

  it('sends follow-ups, which only work after the initial response', async () => {
    let early: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      early = await apiError(i.webhook.send('too early'));
      await i.reply('first');
      await i.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
    });
    const handle = h.emu.interact.command('help');
    const [follow] = await handle.waitForFollowUps(1);
    expect(follow?.content).toBe('second');
    expect(follow?.ephemeral).toBe(true);
    expect(early?.code).toBe(10015);
    const kinds = h.emu.messagePayloads().filter((p) => handle.requests().includes(p.request)).map((p) => [p.kind, p.request.status]);
    expect(kinds).toEqual([['follow-up', 404], ['interaction-reply', 204], ['follow-up', 200]]);
  });

  it('records which mentions would notify: none when allowed_mentions parse is empty', async () => {
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: `@everyone <@${h.emu.users.member.id}> look` });
      await i.followUp({ content: `@everyone <@${h.emu.users.member.id}> look`, allowedMentions: { parse: ['everyone', 'users'] } });
    });
    const handle = h.emu.interact.command('help');
    const reply = await handle.waitForReply();
    const [loud] = await handle.waitForFollowUps(1);
    expect(reply.mentions).toEqual({ everyone: false, users: [], roles: [] });
    expect(loud?.mentions).toEqual({ everyone: true, users: [h.emu.users.member.id], roles: [] });
  });

  it('refuses edits once the interaction token has expired (401 50027)', async () => {
    h.emu.settings.interactionTokenLifetimeMs = 150;
    let failure: DiscordAPIError | undefined;
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('soon stale');
      await sleep(200);
      failure = await apiError(i.editReply('too late to edit'));
    });
    const handle = h.emu.interact.command('help');
    await handle.waitForReply();
    await expect.poll(() => failure).toBeDefined();
    expect([failure?.status, failure?.code]).toEqual([401, 50027]);
    expect(handle.original()?.content).toBe('soon stale');
  });

  it('answers 100 interactions injected at once', async () => {
    h.setHandler(async (i) => {
      if (i.isChatInputCommand()) await i.reply(`answer ${i.options.getInteger('n')}`);
    });
    const handles = Array.from({ length: 100 }, (_, n) => h.emu.interact.command('search', { n }));
    const replies = await Promise.all(handles.map((handle) => handle.waitForReply()));
    expect(replies.map((r) => r.content)).toEqual(handles.map((_, n) => `answer ${n}`));
  });

  it('lists channel messages newest first, as the bot reads them back', async () => {
    const { emu, client } = h;
    const channel = (await client.channels.fetch(emu.channels.general)) as TextChannel;
    await channel.send('older');
    await channel.send('newer');
    const fetched = await channel.messages.fetch({ limit: 2, cache: false });
    expect([...fetched.values()].map((m) => m.content)).toEqual(['newer', 'older']);
  });

  it('refuses to inject interactions no user could start', () => {
    expect(() => h.emu.interact.button('x', '123')).toThrow(/does not exist/);
  });
});

describe('command registration on the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ interactionDeadlineMs: 3000 });
  });
  afterAll(() => stopHarness(h));

  const commands = [
    new SlashCommandBuilder()
      .setName('quotes')
      .setDescription('Quotes by a person')
      .addStringOption((o) => o.setName('person').setDescription('Who').setRequired(true).setAutocomplete(true))
      .addBooleanOption((o) => o.setName('hide').setDescription('Only you see the answer')),
    new SlashCommandBuilder()
      .setName('digest')
      .setDescription('Scheduled digests')
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .addSubcommand((s) =>
        s
          .setName('add')
          .setDescription('Add a schedule')
          .addChannelOption((o) => o.setName('channel').setDescription('Where').setRequired(true))
          .addIntegerOption((o) => o.setName('max').setDescription('Articles per post').setMinValue(1).setMaxValue(20)),
      ),
  ].map((c) => c.toJSON());

  it('stores guild and global commands with ids, keeps ids on re-deploy, and serves them back', async () => {
    const { emu, client } = h;
    const guildSet = await client.application!.commands.set(commands, emu.guild.id);
    expect([...guildSet.values()].map((c) => c.name).sort()).toEqual(['digest', 'quotes']);
    const firstIds = emu.registeredCommands({ guildId: emu.guild.id }).map((c) => c.id);
    expect(firstIds.every((id) => /^\d{17,20}$/.test(id))).toBe(true);
    await client.application!.commands.set(commands, emu.guild.id);
    expect(emu.registeredCommands({ guildId: emu.guild.id }).map((c) => c.id)).toEqual(firstIds);
    await client.application!.commands.set(commands);
    expect(emu.registeredCommands().map((c) => c.name).sort()).toEqual(['digest', 'quotes']);
    const fetched = await client.rest.get(Routes.applicationCommands(emu.applicationId));
    expect((fetched as { name: string }[]).map((c) => c.name).sort()).toEqual(['digest', 'quotes']);
    const put = emu.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.route)).toEqual([
      '/applications/:application/guilds/:guild/commands',
      '/applications/:application/guilds/:guild/commands',
      '/applications/:application/commands',
    ]);
  });

  it('rejects commands Discord would reject, naming the field', async () => {
    const bad = [{ name: 'Search', description: 'Upper-case name' }, { name: 'ok', description: '', options: [{ type: 3, name: 'q', description: 'x'.repeat(101) }] }];
    const failure = await apiError(h.client.rest.put(Routes.applicationGuildCommands(h.emu.applicationId, h.emu.guild.id), { body: bad }));
    expect(failure.code).toBe(50035);
    expect(failure.rawError).toMatchObject({
      errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } }, 1: { description: {}, options: { 0: { description: {} } } } },
    });
  });

  it('types options from the registered schema and resolves channels; refuses what the client would not send', async () => {
    const { emu } = h;
    let seen = '';
    h.setHandler(async (i) => {
      if (!i.isChatInputCommand()) return;
      const channel = i.options.getChannel('channel', true);
      seen = `${i.options.getSubcommand()} ${channel.id} ${i.options.getInteger('max')}`;
      await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    await emu.interact.command('digest add', { channel: emu.channels.announcements, max: 5 }, { user: 'admin' }).waitForReply();
    expect(seen).toBe(`add ${emu.channels.announcements} 5`);
    expect(() => emu.interact.command('digest add', { channel: emu.channels.announcements })).toThrow(/needs permissions/);
    expect(() => emu.interact.command('digest add', { channel: emu.channels.announcements, max: 50 }, { user: 'admin' })).toThrow(/at most 20/);
    expect(() => emu.interact.command('digest', {}, { user: 'admin' })).toThrow(/needs a subcommand: add/);
    expect(() => emu.interact.command('quotes', {})).toThrow(/missing required option\(s\): person/);
    expect(() => emu.interact.command('nosuch')).toThrow(/not registered/);
    expect(() => emu.interact.autocomplete('quotes', { name: 'hide', value: 't' })).toThrow(/does not have autocomplete/);
  });
});

describe('logging in to the emulator', () => {
  it('refuses a wrong token the way Discord does', async () => {
    const emu = await startEmulator();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
    try {
      await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
      expect(emu.requests[0]?.status).toBe(401);
    } finally {
      await client.destroy();
      await emu.close();
    }
  });

  it('refuses to deliver interactions before a bot has identified', async () => {
    const emu = await startEmulator();
    try {
      expect(() => emu.interact.command('help')).toThrow(/No bot has identified/);
    } finally {
      await emu.close();
    }
  });
});
