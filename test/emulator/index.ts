/**
 * A strict Discord emulator for tests: REST under http://127.0.0.1:PORT/api and the gateway on the same
 * port, for the real discord.js Client (`new Client({ rest: { api: emulator.apiUrl } })`). It answers as
 * Discord does, rejects what Discord rejects with Discord's status and code, records every request, and can
 * inject rate limits, server errors and gateway drops. Nothing here talks to discord.com.
 */
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIUser } from 'discord.js';
import { now, waitUntil } from './clock.js';
import { CommandRegistry } from './commands.js';
import type { Context, Settings } from './context.js';
import { Faults, type FaultSpec } from './faults.js';
import { Gateway, type GatewayEvent, type GatewayEventKind } from './gateway.js';
import { Interactions, type ComponentOptions, type InteractionHandle, type InteractOptions, type Who } from './interactions.js';
import { MessageStore, type EmulatedMessage } from './messages.js';
import type { OptionInput } from './options.js';
import { Recorder, type RecordedRequest } from './recorder.js';
import { basicRoutes } from './routes-basics.js';
import { channelRoutes } from './routes-channels.js';
import { commandRoutes } from './routes-commands.js';
import { interactionRoutes } from './routes-interactions.js';
import { webhookRoutes } from './routes-webhooks.js';
import { createApiServer } from './server.js';
import { WebhookStore } from './webhooks.js';
import { World } from './world.js';

export type { AutocompleteChoice, InteractionHandle, InteractOptions, ComponentOptions, Who } from './interactions.js';
export type { EmulatedMessage, ResolvedMentions } from './messages.js';
export type { RecordedRequest } from './recorder.js';
export type { FaultSpec } from './faults.js';
export type { GatewayEvent, GatewayEventKind } from './gateway.js';
export type { OptionInput } from './options.js';
export type { Settings } from './context.js';

export interface EmulatorOptions {
  /** Time allowed for the first response to an interaction. Default 3000 ms, as on Discord. */
  interactionDeadlineMs?: number;
  /** How long interaction tokens work for @original and follow-ups. Default 15 minutes. */
  interactionTokenLifetimeMs?: number;
  /** How long a nonce sent with enforce_nonce is remembered per channel. Default 2 minutes. */
  nonceWindowMs?: number;
  /** The bot token the emulator accepts. Default: a fresh random one (read it from `botToken`). */
  botToken?: string;
  /** The token the gateway accepts, if not botToken: a token revoked after REST accepted it (IDENTIFY closes 4004). */
  gatewayToken?: string;
  /** HELLO's heartbeat interval. Default 41250 ms, as on Discord. */
  heartbeatIntervalMs?: number;
  /** Privileged intents enabled "in the developer portal" (bits of GuildMembers, GuildPresences, MessageContent). Default none. */
  privilegedIntents?: number;
  /** The application's and bot's name. Default "Newsdesk". */
  applicationName?: string;
  /** Deal interactions out to every logged-in bot session in turn (several bot processes); see gateway.ts. */
  spreadInteractions?: boolean;
}

/** A message body the bot sent (to create or edit a message), with the allowed_mentions it carried. */
export interface MessagePayload {
  request: RecordedRequest;
  kind: 'channel-message' | 'channel-edit' | 'interaction-reply' | 'interaction-update' | 'follow-up' | 'interaction-edit' | 'webhook-message' | 'webhook-edit';
  payload: Record<string, unknown>;
  allowedMentions: unknown;
}

export interface CreatedWebhook {
  id: string;
  token: string;
  channelId: string;
  /** The webhook URL on the emulator: http://127.0.0.1:PORT/api/webhooks/ID/TOKEN. */
  url: string;
  /** The same webhook as a user would paste it from Discord: https://discord.com/api/webhooks/ID/TOKEN. */
  discordUrl: string;
}

export interface Emulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** http://127.0.0.1:PORT/api — give it to discord.js as `rest: { api }` (or DISCORD_API_URL). */
  readonly apiUrl: string;
  /** ws://127.0.0.1:PORT — what GET /gateway/bot and READY's resume_gateway_url point at. */
  readonly gatewayUrl: string;
  readonly port: number;
  readonly applicationId: string;
  readonly botToken: string;
  readonly botUser: APIUser;
  readonly guild: { id: string; name: string };
  /** Channel ids: two the bot may write to, one it may read but not write to (403 50013 on post). */
  readonly channels: { general: string; announcements: string; readOnly: string };
  /** An ordinary member (the default user of interactions) and the admin (server owner, Manage Server). */
  readonly users: { member: APIUser; admin: APIUser };
  /** Deadlines and windows; tests may change them at any time. */
  readonly settings: Settings;

  /** Inject interactions as a user would start them; each returns a handle to await the bot's answer. */
  readonly interact: {
    /** `/name` or `/name sub` or `/name group sub`, with options by name, e.g. command('quotes', { person: 'Putin' }). */
    command(name: string, options?: Record<string, OptionInput>, how?: InteractOptions & { subcommand?: string; group?: string }): InteractionHandle;
    /** The user is typing `focused.value` into option `focused.name`; `others` are options already filled in. */
    autocomplete(name: string, focused: { name: string; value: string }, others?: Record<string, OptionInput>, how?: InteractOptions & { subcommand?: string; group?: string }): InteractionHandle;
    /** Right-click a message → Apps → `name`: a message context-menu command. */
    messageCommand(name: string, message: EmulatedMessage | string, how?: InteractOptions): InteractionHandle;
    /** A member of the server posts a message in a channel (to right-click it, for instance). */
    say(channelId: string, content: string, how?: { user?: Who }): EmulatedMessage;
    /** Click the button with this custom_id on a message (a message or its id). */
    button(customId: string, message: EmulatedMessage | string, how?: InteractOptions): InteractionHandle;
    /** Use any component (button or select menu; `values` for selects). */
    component(customId: string, message: EmulatedMessage | string, how?: ComponentOptions): InteractionHandle;
  };

  /** Every HTTP request so far, in arrival order (live array). */
  readonly requests: RecordedRequest[];
  waitForRequest(predicate: (request: RecordedRequest) => boolean, options?: { timeoutMs?: number }): Promise<RecordedRequest>;
  /** Every message body the bot sent to create or edit a message, with its allowed_mentions. */
  messagePayloads(): MessagePayload[];
  /** Messages everyone sees in a channel, oldest first (no ephemeral or deleted ones). */
  messagesIn(channelId: string): EmulatedMessage[];
  message(id: string): EmulatedMessage | undefined;
  /** Resolves with the first message in the channel matching `predicate` (default: any). */
  waitForMessage(channelId: string, predicate?: (message: EmulatedMessage) => boolean, options?: { timeoutMs?: number }): Promise<EmulatedMessage>;
  /** Registered commands: global by default, or a guild's. */
  registeredCommands(options?: { guildId?: string }): APIApplicationCommand[];

  /** Answer the next `count` requests (matching `spec.route`) with a 429, a 5xx or a hang-up. */
  failNext(count: number, spec: FaultSpec): void;
  readonly pendingFaults: number;
  clearFaults(): void;

  /** Gateway state and events (connect, identify, ready, resume, resumed, close, invalid-session). */
  readonly gateway: {
    readonly connected: boolean;
    readonly sessionId: string | undefined;
    readonly events: GatewayEvent[];
    waitFor(kind: GatewayEventKind, options?: { since?: number; timeoutMs?: number }): Promise<GatewayEvent>;
    invalidateSession(resumable?: boolean): void;
    dispatch(event: string, data: unknown): void;
  };
  /** Drop the bot's gateway connection (close code 4000, or `raw: true` for a dead socket); it should RESUME. */
  dropGateway(options?: { code?: number; raw?: boolean }): Promise<void>;
  /** Send op 7 Reconnect; the client reconnects and resumes. */
  requestReconnect(): void;
  /** Resolves when the bot has resumed (RESUMED sent) after `since` (default: now). */
  waitForResume(options?: { since?: number; timeoutMs?: number }): Promise<GatewayEvent>;

  /** Allow or forbid the bot to post in a channel (a member overwrite; CHANNEL_UPDATE is dispatched). */
  setChannelWritable(channelId: string, writable: boolean): void;
  /** Delete a channel (and its webhooks); CHANNEL_DELETE is dispatched; later posts get 404 10003. */
  deleteChannel(channelId: string): void;
  /** Add a text channel; CHANNEL_CREATE is dispatched. Returns its id. */
  createChannel(name: string, options?: { writable?: boolean }): string;
  /** The id of the channel with this name (`general` or `#general`); throws naming the channels there are. */
  channelId(name: string): string;
  /** Create a channel webhook as a server admin would, and get its URLs. */
  createWebhook(channelId: string, name?: string): CreatedWebhook;

  /** Closes the gateway and the HTTP server, ending every connection. */
  close(): Promise<void>;
}

/** Which kind of message body a request carries, if any (from its route, method and callback type). */
function messageKind(request: RecordedRequest, applicationId: string): MessagePayload['kind'] | undefined {
  const interaction = request.path.split('/')[2] === applicationId;
  switch (`${request.method} ${request.route}`) {
    case 'POST /channels/:channel/messages':
      return 'channel-message';
    case 'PATCH /channels/:channel/messages/:message':
      return 'channel-edit';
    case 'POST /interactions/:interaction/:token/callback': {
      const type = (request.body as { type?: number } | undefined)?.type;
      return type === 4 ? 'interaction-reply' : type === 7 ? 'interaction-update' : undefined;
    }
    case 'POST /webhooks/:webhook/:token':
      return interaction ? 'follow-up' : 'webhook-message';
    case 'PATCH /webhooks/:webhook/:token/messages/:message':
      return interaction ? 'interaction-edit' : 'webhook-edit';
    default:
      return undefined;
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const world = new World(options.applicationName !== undefined ? { applicationName: options.applicationName } : {});
  const general = world.addChannel('general', { topic: 'Talk about the news' }).id;
  const announcements = world.addChannel('news-digest', { topic: 'Daily digests' }).id;
  const readOnly = world.addChannel('rules', { writable: false, topic: 'Read only' }).id;
  const botToken = options.botToken ?? `${Buffer.from(world.bot.id).toString('base64url')}.emulator.${Math.random().toString(36).slice(2)}`;
  const settings: Settings = {
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
    nonceWindowMs: options.nonceWindowMs ?? 2 * 60_000,
  };
  let origin = '';
  const store = new MessageStore(world);
  const commands = new CommandRegistry(world.applicationId, (id) => id === world.guildId);
  const webhooks = new WebhookStore(world, () => origin);
  const recorder = new Recorder();
  const faults = new Faults();
  // The gateway needs the HTTP server, which needs the routes, which need this: resolved at call time.
  const dispatch = (t: string, d: unknown): void => gateway.dispatch(t, d);
  const interactions = new Interactions({
    world,
    store,
    commands,
    deadlineMs: () => settings.interactionDeadlineMs,
    tokenLifetimeMs: () => settings.interactionTokenLifetimeMs,
    defaultChannelId: () => general,
    dispatch,
  });
  const ctx: Context = { world, store, commands, interactions, webhooks, settings, origin: () => origin };
  const server = createApiServer({
    routes: [...basicRoutes(ctx), ...channelRoutes(ctx), ...webhookRoutes(ctx), ...interactionRoutes(ctx), ...commandRoutes(ctx)],
    recorder,
    faults,
    token: () => botToken,
    onRequest: (request) => {
      const [first, id, token] = request.path.split('/').filter(Boolean);
      const record =
        first === 'interactions' ? interactions.get(id ?? '') : first === 'webhooks' && id === world.applicationId ? interactions.withToken(token ?? '') : undefined;
      record?.requests.push(request);
    },
  });
  const gateway = new Gateway(server, {
    token: () => options.gatewayToken ?? botToken,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? 0,
    resumeUrl: () => origin.replace(/^http/, 'ws'),
    spreadInteractions: options.spreadInteractions ?? false,
    ready: () => ({
      v: 10,
      user: world.bot,
      guilds: [{ id: world.guildId, unavailable: true }],
      shard: [0, 1],
      application: { id: world.applicationId, flags: 0 },
      session_type: 'normal',
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['emulator'],
    }),
    guildCreate: () => world.guild(true),
    guildMembers: () => [...world.members.keys()].map((id) => world.guildMember(id)),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  const withSubcommand = (name: string, how?: { subcommand?: string; group?: string }): string =>
    [name, how?.group, how?.subcommand].filter((part): part is string => Boolean(part)).join(' ');
  const strip = <T extends object>(how: T | undefined): T => {
    if (!how) return {} as T;
    const { subcommand: _s, group: _g, ...rest } = how as T & { subcommand?: string; group?: string };
    return rest as T;
  };

  return {
    url: origin,
    apiUrl: `${origin}/api`,
    gatewayUrl: origin.replace(/^http/, 'ws'),
    port,
    applicationId: world.applicationId,
    botToken,
    botUser: world.bot,
    guild: { id: world.guildId, name: world.guildName },
    channels: { general, announcements, readOnly },
    users: world.people,
    settings,
    interact: {
      command: (name, opts, how) => interactions.command(withSubcommand(name, how), opts, strip(how)),
      autocomplete: (name, focused, others, how) => interactions.autocomplete(withSubcommand(name, how), focused, others, strip(how)),
      messageCommand: (name, message, how) => interactions.messageCommand(name, message, how),
      say: (channelId, content, how) =>
        store.create({ channelId, author: how?.user === 'admin' ? world.people.admin : typeof how?.user === 'object' ? how.user : world.people.member, body: { content }, source: 'channel' }),
      button: (customId, message, how) => interactions.component(customId, message, how),
      component: (customId, message, how) => interactions.component(customId, message, how),
    },
    requests: recorder.requests,
    waitForRequest: (predicate, opts) => recorder.waitFor(predicate, opts?.timeoutMs),
    messagePayloads: () =>
      recorder.requests.flatMap((request) => {
        const kind = messageKind(request, world.applicationId);
        if (!kind) return [];
        const body = (request.body ?? {}) as Record<string, unknown>;
        const payload = (kind === 'interaction-reply' || kind === 'interaction-update' ? body.data ?? {} : body) as Record<string, unknown>;
        return [{ request, kind, payload, allowedMentions: payload.allowed_mentions }];
      }),
    messagesIn: (channelId) => store.inChannel(channelId),
    message: (id) => store.get(id),
    waitForMessage: (channelId, predicate = () => true, opts) =>
      waitUntil(
        () => store.inChannel(channelId).find(predicate),
        (listener) => store.subscribe(listener),
        opts?.timeoutMs ?? 10_000,
        () => `no matching message in channel ${channelId}; it has ${store.inChannel(channelId).length}`,
      ),
    registeredCommands: (opts) => commands.list(opts?.guildId ?? null),
    failNext: (count, spec) => faults.add(count, spec),
    get pendingFaults() {
      return faults.pending;
    },
    clearFaults: () => faults.clear(),
    gateway: {
      get connected() {
        return gateway.connected;
      },
      get sessionId() {
        return gateway.sessionId;
      },
      events: gateway.events,
      waitFor: (kind, opts) => gateway.waitFor(kind, opts),
      invalidateSession: (resumable) => gateway.invalidateSession(resumable),
      dispatch: (event, data) => gateway.dispatch(event, data),
    },
    dropGateway: (opts) => gateway.drop(opts),
    requestReconnect: () => gateway.requestReconnect(),
    waitForResume: (opts) => gateway.waitFor('resumed', { since: opts?.since ?? now(), ...(opts?.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }),
    setChannelWritable: (channelId, writable) => {
      const channel = world.setBotCanSend(channelId, writable);
      if (gateway.sessionId) gateway.dispatch('CHANNEL_UPDATE', channel);
    },
    deleteChannel: (channelId) => {
      const channel = world.deleteChannel(channelId);
      webhooks.forgetChannel(channelId);
      if (gateway.sessionId) gateway.dispatch('CHANNEL_DELETE', channel);
    },
    createChannel: (name, opts) => {
      const channel = world.addChannel(name, opts);
      if (gateway.sessionId) gateway.dispatch('CHANNEL_CREATE', channel);
      return channel.id;
    },
    channelId: (name) => {
      const wanted = name.replace(/^#/, '');
      const channel = [...world.channels.values()].find((c) => c.name === wanted || c.id === wanted);
      if (!channel) throw new Error(`No channel named ${name}; there are: ${[...world.channels.values()].map((c) => `#${c.name}`).join(', ')}.`);
      return channel.id;
    },
    createWebhook: (channelId, name = 'Newsdesk digest') => {
      world.channel(channelId);
      const hook = webhooks.create(channelId, name);
      return {
        id: hook.id,
        token: hook.token!,
        channelId,
        url: hook.url!,
        discordUrl: `https://discord.com/api/webhooks/${hook.id}/${hook.token}`,
      };
    },
    close: async () => {
      interactions.close();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
