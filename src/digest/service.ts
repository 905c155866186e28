/**
 * DigestService: what the /digest command and the bot use. It owns the digest database, validates new
 * schedules (and checks the bot can post before accepting one), and runs the scheduler loop.
 */
import { REST } from '@discordjs/rest';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Catalog } from '../index/types.js';
import type { View } from '../render/view.js';
import { botDelivery, DeliveryError, webhookDelivery, type Delivery, type RetryOptions } from './deliver.js';
import { DigestInputError } from './errors.js';
import type { DigestMessage } from './messages.js';
import { clientChannelCheck } from './permissions.js';
import { DigestRunner, slotsStart, type PostOutcome } from './runner.js';
import { cadenceLabel, describeTiming, formatSlot, parseCadence, parseTime, parseTimezone, slotClock, timingPattern } from './slots.js';
import { SqliteDigestStore, type DigestStore, type Schedule, type ScheduleChanges, type ScheduleKind } from './store.js';
import { maskWebhook, parseWebhookUrl } from './webhook.js';

export const MAX_ARTICLES_PER_POST = 25;
export const DEFAULT_ARTICLES_PER_POST = 10;
export const MAX_SCHEDULES_PER_GUILD = 25;
const MAX_FILTER_LENGTH = 200;
/** The scheduler wakes at the next slot, and at least this often (to retry, and to notice new schedules). */
const MAX_SLEEP_MS = 60_000;
const DISCORD_API = 'https://discord.com/api';
/** `/digest now` takes at most one coming slot per use; past this many taken in a row, stop looking. */
const MAX_TAKEN_SLOTS = 100;

export const MAX_FOLLOWS_PER_GUILD = 25;
/** A follow post lists at most this many articles; more wait for the next pass. */
const FOLLOW_ARTICLES_PER_POST = 10;
/** Stored for follows, never used: they post when something matches, not at slots. */
const FOLLOW_PATTERN = '0 0 1 1 *';

export interface AddFollowInput {
  guildId: string;
  channelId: string;
  kind: 'person' | 'topic';
  /** The person's name (any alias) or the topic's search query. */
  target: string;
  createdBy?: string;
}

/** A follow as shown to people. */
export interface FollowInfo {
  id: number;
  channel: string;
  kind: 'person' | 'topic';
  /** The person's canonical name, or the query. */
  target: string;
  status: 'ok' | 'failing';
  failure: string | null;
  lastPostAt: string | null;
  /** A person no article mentions yet (as far as the directory knows when the follow is made). */
  unknownPerson: boolean;
  /** For such a person: names in the corpus close to it. */
  suggestions: string[];
}

/** `/digest edit`: what to change; the rest stays. */
export interface EditDigestInput {
  channelId?: string;
  time?: string;
  timezone?: string;
  cadence?: string;
  /** A new search query, or "none" to post every new article. */
  filter?: string;
  max?: number;
}

/** The filter value that removes a digest's filter. */
const CLEAR_FILTER = /^\s*none\s*$/i;

function parseChannel(text: string): string {
  const channelId = text.trim();
  if (!/^\d{17,20}$/.test(channelId)) throw new DigestInputError('channel', 'Pick a text channel of this server.');
  return channelId;
}

function parseMax(max: number): number {
  if (!Number.isInteger(max) || max < 1 || max > MAX_ARTICLES_PER_POST) {
    throw new DigestInputError('max', `max must be a whole number from 1 to ${MAX_ARTICLES_PER_POST} (articles per post).`);
  }
  return max;
}

function parseFilter(text: string | undefined): string | null {
  const filter = text?.trim() || null;
  if (filter !== null && filter.length > MAX_FILTER_LENGTH) {
    throw new DigestInputError('filter', `filter is ${filter.length} characters long; keep it under ${MAX_FILTER_LENGTH}.`);
  }
  return filter;
}

export interface AddDigestInput {
  guildId: string;
  channelId: string;
  /** "HH:MM" in `timezone`. */
  time: string;
  timezone: string;
  /** daily (default), hourly, weekly [day], or a cron expression. */
  cadence?: string;
  /** A search query limiting the articles. */
  filter?: string;
  /** 1–25 articles per post (default 10). */
  max?: number;
  /** A channel webhook URL to post through instead of the bot. */
  webhook?: string;
  createdBy?: string;
}

/** A schedule as shown to people: the webhook token is never included. */
export interface ScheduleInfo {
  id: number;
  guildId: string | null;
  channelId: string;
  /** "#news" when the bot knows the channel's name, else "channel 123…" (mentions do not render in answers). */
  channel: string;
  /** "the bot", or "webhook 123… (token hidden)". */
  delivery: string;
  /** "daily at 09:00 (Europe/Berlin)". */
  timing: string;
  filter: string | null;
  max: number;
  createdAt: string;
  status: 'ok' | 'failing';
  /** When the digest was paused (ISO), or null while it runs. */
  pausedAt: string | null;
  failure: string | null;
  failingSince: string | null;
  lastPostAt: string | null;
  /** The next slot (ISO) and how it reads in the schedule's timezone. */
  nextSlot: string | null;
  nextSlotLabel: string | null;
}

export interface PreviewResult {
  schedule: ScheduleInfo;
  /** The post exactly as it would go out now (empty: no post would be made). */
  view: View;
  messages: DigestMessage[];
  articleCount: number;
  since: string;
}

export interface NowResult {
  schedule: ScheduleInfo;
  /** The slot this post counts as (ISO), and how it reads. */
  slot: string;
  slotLabel: string;
  outcome: PostOutcome;
}

export interface DigestServiceOptions {
  config: Pick<Config, 'DATA_DIR' | 'DIGEST_CATCHUP_HOURS' | 'DISCORD_API_URL'>;
  /** The loaded corpus (or a getter, if the catalog object is replaced on reload). */
  catalog: Catalog | (() => Catalog);
  logger?: Logger;
  /** The clock. Default: the system clock. */
  now?: () => Date;
  /** An already open store (PostgreSQL, or tests); default: DATA_DIR/digests.sqlite, closed by stop(). */
  store?: DigestStore;
  /**
   * A REST client with the bot's token and `retries: 0` (delivery retries itself, looking before each
   * resend), if known at construction; otherwise call connect(client) once logged in.
   */
  rest?: REST;
  /** Why the bot cannot post in a channel, or null; connect(client) sets one from discord.js. */
  checkChannel?: (channelId: string) => Promise<string | null>;
  retry?: RetryOptions;
}

export class DigestService {
  readonly store: DigestStore;
  private readonly runner: DigestRunner;
  private readonly now: () => Date;
  private readonly apiBase: string;
  private readonly webhookHosts: string[];
  private rest: REST | undefined;
  private client: Client | undefined;
  private webhookRest: REST | undefined;
  private checkChannel: ((channelId: string) => Promise<string | null>) | undefined;
  private channelName: (channelId: string) => string | undefined = () => undefined;
  private readonly catalog: () => Catalog;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: DigestServiceOptions) {
    const catalog = options.catalog;
    this.now = options.now ?? (() => new Date());
    this.store = options.store ?? SqliteDigestStore.open(options.config.DATA_DIR);
    this.apiBase = (options.config.DISCORD_API_URL ?? DISCORD_API).replace(/\/+$/, '');
    this.webhookHosts = options.config.DISCORD_API_URL ? [new URL(this.apiBase).host] : [];
    this.rest = options.rest;
    this.checkChannel = options.checkChannel;
    this.catalog = typeof catalog === 'function' ? catalog : () => catalog;
    this.runner = new DigestRunner({
      store: this.store,
      catalog: this.catalog,
      now: this.now,
      catchupMs: options.config.DIGEST_CATCHUP_HOURS * 3_600_000,
      deliveryFor: (schedule) => this.deliveryTo(schedule.channelId, schedule.webhookUrl),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /**
   * Uses the logged-in bot: its token for posts and channel reads, its caches for permission checks. Posts
   * go through a REST client of their own that never retries by itself: the client's retries resend
   * without the look at the channel that makes a resend safe once Discord has forgotten the nonce.
   */
  connect(client: Client): void {
    this.client = client;
    this.checkChannel = clientChannelCheck(client);
    this.channelName = (channelId) => {
      const channel = client.channels.cache.get(channelId);
      return channel && 'name' in channel && channel.name ? channel.name : undefined;
    };
  }

  private channelLabel(channelId: string): string {
    const name = this.channelName(channelId);
    return name ? `#${name}` : `channel ${channelId}`;
  }

  async add(input: AddDigestInput): Promise<ScheduleInfo> {
    const channelId = parseChannel(input.channelId);
    const timing = this.parseTimingInput(input);
    const max = parseMax(input.max ?? DEFAULT_ARTICLES_PER_POST);
    const filter = parseFilter(input.filter);
    const webhookUrl = input.webhook?.trim() || null;
    if (webhookUrl !== null) parseWebhookUrl(webhookUrl, this.webhookHosts);
    if ((await this.store.schedules(input.guildId)).length >= MAX_SCHEDULES_PER_GUILD) {
      throw new DigestInputError('channel', `This server already has ${MAX_SCHEDULES_PER_GUILD} digests; remove one first (/digest remove).`);
    }
    const draft = { guildId: input.guildId, channelId, webhookUrl, ...timing, filter, max, createdBy: input.createdBy ?? null };
    await this.checkCanPost(channelId, webhookUrl);
    return this.info(await this.store.addSchedule(draft, this.now().toISOString()));
  }

  /**
   * Changes a digest; options not given stay. A new time, timezone or cadence takes effect from its next
   * slot: no slot of the new timing that is already past is posted. The ledger stays, so nothing posted
   * before is listed again. Null when there is no such digest here.
   */
  edit(guildId: string, id: number, input: EditDigestInput): Promise<ScheduleInfo | null> {
    return this.runner.exclusive(async () => {
      const schedule = await this.find(guildId, id);
      if (!schedule) return null;
      const changes: ScheduleChanges = {};
      if (input.time !== undefined || input.timezone !== undefined || input.cadence !== undefined) {
        const timing = this.parseTimingInput({
          time: input.time ?? schedule.time,
          timezone: input.timezone ?? schedule.timezone,
          cadence: input.cadence ?? schedule.cadence,
        });
        Object.assign(changes, timing);
        if (timing.pattern !== schedule.pattern || timing.timezone !== schedule.timezone) changes.slotsFrom = this.now().toISOString();
      }
      if (input.max !== undefined) changes.max = parseMax(input.max);
      if (input.filter !== undefined) changes.filter = CLEAR_FILTER.test(input.filter) ? null : parseFilter(input.filter);
      if (input.channelId !== undefined && parseChannel(input.channelId) !== schedule.channelId) {
        const channelId = parseChannel(input.channelId);
        if ((await this.store.unfinished(id)).length > 0) {
          throw new DigestInputError('channel', `Digest #${id} has a post still going out to ${this.channelLabel(schedule.channelId)}; try again once it is out.`);
        }
        await this.checkCanPost(channelId, schedule.webhookUrl);
        changes.channelId = channelId;
      }
      if (Object.keys(changes).length === 0) throw new DigestInputError('id', 'Give at least one option to change: time, timezone, cadence, filter, max or channel.');
      await this.store.updateSchedule(id, changes);
      return this.info((await this.store.schedule(id)) ?? schedule);
    });
  }

  /**
   * Pauses or resumes a digest. A paused digest posts nothing (not even the rest of a post in progress).
   * Resuming does not post the slots missed while paused: the next post is at the next slot, and lists
   * everything new since the last post, so no article is lost. Null when there is no such digest here.
   */
  setPaused(guildId: string, id: number, paused: boolean): Promise<ScheduleInfo | null> {
    return this.runner.exclusive(async () => {
      const schedule = await this.find(guildId, id);
      if (!schedule) return null;
      const at = this.now().toISOString();
      if (paused && schedule.pausedAt === null) await this.store.setPaused(id, at);
      if (!paused && schedule.pausedAt !== null) await this.store.setPaused(id, null, at);
      return this.info((await this.store.schedule(id)) ?? schedule);
    });
  }

  private parseTimingInput(input: { time: string; timezone: string; cadence?: string | undefined }) {
    const { hour, minute } = parseTime(input.time);
    const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    const timezone = parseTimezone(input.timezone);
    const cadence = parseCadence(input.cadence);
    return { cadence: cadenceLabel(cadence), time, timezone, pattern: timingPattern({ cadence, time, timezone }) };
  }

  private async checkCanPost(channelId: string, webhookUrl: string | null): Promise<void> {
    const problem = await this.deliveryTo(channelId, webhookUrl).check();
    if (problem) throw new DigestInputError(webhookUrl ? 'webhook' : 'channel', `Cannot post in ${this.channelLabel(channelId)}: ${problem}`);
  }

  /**
   * Follows a person (resolved through the people directory: any alias names the same person) or a topic
   * (a search query) in a channel: a post whenever a new article quotes them or matches it.
   */
  async addFollow(input: AddFollowInput): Promise<FollowInfo> {
    const channelId = parseChannel(input.channelId);
    const typed = input.target.replace(/\s+/g, ' ').trim();
    const option = input.kind === 'person' ? 'name' : 'query';
    if (typed === '') throw new DigestInputError(option, input.kind === 'person' ? 'Give the name of a person.' : 'Give a search query.');
    if (typed.length > MAX_FILTER_LENGTH) throw new DigestInputError(option, `That is ${typed.length} characters long; keep it under ${MAX_FILTER_LENGTH}.`);
    let person: string | null = null;
    let suggestions: string[] = [];
    let unknownPerson = false;
    if (input.kind === 'person') {
      const found = this.catalog().people().lookup(typed);
      if (found.kind === 'ambiguous') {
        const names = found.candidates.slice(0, 5).map((candidate) => candidate.name);
        throw new DigestInputError('name', `"${typed}" could be ${names.join(', ')}: give the full name.`);
      }
      person = found.kind === 'found' ? found.person.name : typed;
      unknownPerson = found.kind === 'unknown';
      suggestions = found.kind === 'unknown' ? found.suggestions.slice(0, 3).map((candidate) => candidate.name) : [];
    }
    if ((await this.store.schedules(input.guildId, 'follow')).length >= MAX_FOLLOWS_PER_GUILD) {
      throw new DigestInputError('channel', `This server already has ${MAX_FOLLOWS_PER_GUILD} follows; remove one first (/follow remove).`);
    }
    await this.checkCanPost(channelId, null);
    const follow = await this.store.addSchedule(
      {
        kind: 'follow',
        person,
        filter: person === null ? typed : null,
        guildId: input.guildId,
        channelId,
        webhookUrl: null,
        // Follows have no slots; these fields only satisfy the table.
        cadence: 'on new articles',
        time: '00:00',
        timezone: 'UTC',
        pattern: FOLLOW_PATTERN,
        max: FOLLOW_ARTICLES_PER_POST,
        createdBy: input.createdBy ?? null,
      },
      this.now().toISOString(),
    );
    return { ...this.followInfo(follow), unknownPerson, suggestions };
  }

  async listFollows(guildId: string): Promise<FollowInfo[]> {
    return (await this.store.schedules(guildId, 'follow')).map((follow) => this.followInfo(follow));
  }

  /** Removes a follow of this guild; null when there is no such follow here. */
  async removeFollow(guildId: string, id: number): Promise<FollowInfo | null> {
    const follow = await this.find(guildId, id, 'follow');
    if (!follow) return null;
    await this.store.removeSchedule(id);
    this.runner.forget(id);
    return this.followInfo(follow);
  }

  private followInfo(follow: Schedule): FollowInfo {
    return {
      id: follow.id,
      channel: this.channelLabel(follow.channelId),
      kind: follow.person !== null ? 'person' : 'topic',
      target: follow.person ?? follow.filter ?? '',
      status: follow.status,
      failure: follow.failure,
      lastPostAt: follow.lastPostAt,
      unknownPerson: false,
      suggestions: [],
    };
  }

  async list(guildId: string): Promise<ScheduleInfo[]> {
    return Promise.all((await this.store.schedules(guildId)).map((schedule) => this.info(schedule)));
  }

  /** Removes a schedule of this guild; null when there is no such schedule here. */
  async remove(guildId: string, id: number): Promise<ScheduleInfo | null> {
    const schedule = await this.find(guildId, id);
    if (!schedule) return null;
    await this.store.removeSchedule(id);
    return this.info(schedule);
  }

  /** Exactly what the next post would contain if it went out now. */
  async preview(guildId: string, id: number): Promise<PreviewResult | null> {
    const schedule = await this.find(guildId, id);
    if (!schedule) return null;
    const now = this.now();
    const slot = await this.slotForNow(schedule, now);
    const window = await this.runner.window(schedule, now);
    const { answer, view, messages } = this.runner.compose(schedule, slot, window);
    return { schedule: await this.info(schedule), view, messages, articleCount: answer.items.length, since: window.since };
  }

  /**
   * Posts now, counted as the current slot (if due and not yet posted) or else the next one, so the
   * scheduled post for that slot does not happen again.
   */
  postNow(guildId: string, id: number): Promise<NowResult | null> {
    return this.runner.exclusive(async () => {
      const schedule = await this.find(guildId, id);
      if (!schedule) return null;
      const now = this.now();
      const slot = await this.slotForNow(schedule, now);
      const outcome: PostOutcome =
        schedule.pausedAt !== null
          ? { kind: 'idle', reason: `Digest #${id} is paused, so nothing was posted: /digest resume id:${id} first.` }
          : await this.runner.post(schedule, slot, 'now', now);
      return {
        schedule: await this.info((await this.store.schedule(id)) ?? schedule),
        slot: slot.toISOString(),
        slotLabel: `${formatSlot(slot, schedule.timezone)} (${schedule.timezone})`,
        outcome,
      };
    });
  }

  /** One scheduler pass (the loop calls this; tests call it with an injected clock). */
  tick(): Promise<void> {
    return this.runner.tick();
  }

  /** Runs a pass now (catching up on slots missed while down), then at every slot. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // Another process's edit may move a slot earlier than this one's wake-up: wake now and look again.
    this.unsubscribe = this.store.onScheduleChange(() => this.wake());
    void this.loop();
  }

  /** Runs a pass at once if the loop is asleep (a pass running now reads the schedules when it sleeps again). */
  private wake(): void {
    if (!this.running || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.loop();
  }

  /** Stops the loop, waits for a post in progress, and closes the database if this service opened it. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.runner.exclusive(async () => undefined);
    this.unsubscribe?.();
    if (!this.options.store) await this.store.close();
  }

  private async loop(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    await this.tick().catch((error: unknown) => this.options.logger?.error({ err: error }, 'digest tick failed'));
    const sleep = await this.sleepMs().catch(() => MAX_SLEEP_MS);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.loop(), sleep);
  }

  /** Until the earliest next slot of any schedule (plus a second, so croner sees it as due), at most a minute. */
  private async sleepMs(): Promise<number> {
    const now = this.now();
    let wait = MAX_SLEEP_MS;
    for (const schedule of await this.store.schedules()) {
      // Follows are looked at on every pass (at least once a minute).
      if (schedule.kind === 'follow') continue;
      const next = slotClock(schedule.pattern, schedule.timezone).next(now);
      if (next) wait = Math.min(wait, next.getTime() - now.getTime() + 1000);
    }
    return Math.max(1000, wait);
  }

  private async find(guildId: string, id: number, kind: ScheduleKind = 'digest'): Promise<Schedule | undefined> {
    const schedule = await this.store.schedule(id);
    return schedule && schedule.guildId === guildId && schedule.kind === kind ? schedule : undefined;
  }

  /** The slot a post made now counts as: the latest due one if it is still open, else the next one. */
  private async slotForNow(schedule: Schedule, now: Date): Promise<Date> {
    const slots = slotClock(schedule.pattern, schedule.timezone);
    const latest = slots.latest(now);
    const catchupMs = this.options.config.DIGEST_CATCHUP_HOURS * 3_600_000;
    const open = async (slot: Date | null): Promise<boolean> => slot !== null && !(await this.store.entry(schedule.id, slot.toISOString()));
    if (latest && (await open(latest)) && latest.getTime() > slotsStart(schedule) && now.getTime() - latest.getTime() <= catchupMs) return latest;
    const next = slots.next(now);
    if (next && (await open(next))) return next;
    // Both taken (e.g. /digest now twice): an extra post of its own, keyed by this second.
    return new Date(Math.floor(now.getTime() / 1000) * 1000);
  }

  /** The bot's REST client for digests (made once the connected client has its token), if any. */
  private botRest(): REST | undefined {
    const token = this.client?.token;
    if (!this.rest && token) this.rest = new REST({ api: this.apiBase, retries: 0 }).setToken(token);
    return this.rest;
  }

  /** Through the webhook when the schedule has one (no gateway needed), else as the bot. */
  private deliveryTo(channelId: string, webhookUrl: string | null): Delivery {
    if (webhookUrl) {
      const webhook = parseWebhookUrl(webhookUrl, this.webhookHosts);
      // Its own client, without automatic retries of server errors: Discord does not de-duplicate webhook posts.
      this.webhookRest ??= new REST({ api: this.apiBase, retries: 0 });
      return webhookDelivery(this.webhookRest, webhook, channelId, this.botRest());
    }
    const rest = this.botRest();
    if (!rest) throw new DeliveryError(false, 'The bot is not connected to Discord yet; the post will be retried.');
    return botDelivery(rest, channelId, this.checkChannel);
  }

  /**
   * The next slot that will be posted: after now, and not already taken (by `/digest now`, which counts
   * as the coming slot). None while paused.
   */
  private async nextOpenSlot(schedule: Schedule): Promise<Date | null> {
    if (schedule.pausedAt !== null) return null;
    const slots = slotClock(schedule.pattern, schedule.timezone);
    let next = slots.next(this.now());
    for (let skipped = 0; next && skipped < MAX_TAKEN_SLOTS && (await this.store.entry(schedule.id, next.toISOString())); skipped++) next = slots.next(next);
    return next;
  }

  private async info(schedule: Schedule): Promise<ScheduleInfo> {
    const timing = describeTiming({ cadence: parseCadence(schedule.cadence), time: schedule.time, timezone: schedule.timezone });
    const next = await this.nextOpenSlot(schedule);
    let delivery = 'the bot';
    if (schedule.webhookUrl) {
      try {
        delivery = maskWebhook(parseWebhookUrl(schedule.webhookUrl, this.webhookHosts));
      } catch {
        delivery = 'a webhook (URL no longer valid)';
      }
    }
    return {
      id: schedule.id,
      guildId: schedule.guildId,
      channelId: schedule.channelId,
      channel: this.channelLabel(schedule.channelId),
      delivery,
      timing,
      filter: schedule.filter,
      max: schedule.max,
      createdAt: schedule.createdAt,
      status: schedule.status,
      pausedAt: schedule.pausedAt,
      failure: schedule.failure,
      failingSince: schedule.failingSince,
      lastPostAt: schedule.lastPostAt,
      nextSlot: next?.toISOString() ?? null,
      nextSlotLabel: next ? `${formatSlot(next, schedule.timezone)} (${schedule.timezone})` : null,
    };
  }
}

/** Builds the service from the configuration. Call connect(client) once the bot is logged in, then start(). */
export function createDigestService(options: DigestServiceOptions): DigestService {
  return new DigestService(options);
}
