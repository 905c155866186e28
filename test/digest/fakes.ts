/**
 * Small stand-ins for digest tests: an in-memory Catalog whose articles can be added while a test runs,
 * and an in-memory channel that behaves like Discord for posts (ids, nonce + enforce_nonce, failures).
 */
import type { Quote } from '../../src/analysis/types.js';
import { articleMeta } from '../../src/index/articleMeta.js';
import { compareNewestFirst } from '../../src/index/suggest.js';
import type { ArticleMeta, Catalog, IndexedArticle, SearchHit } from '../../src/index/types.js';
import { DeliveryError, type Delivery } from '../../src/digest/deliver.js';
import type { DigestMessage } from '../../src/digest/messages.js';
import type { NewSchedule } from '../../src/digest/store.js';

/** A daily 09:00 schedule as the store keeps it; tests override what they vary. */
export function scheduleDraft(overrides: Partial<NewSchedule> = {}): NewSchedule {
  return {
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    webhookUrl: null,
    cadence: 'daily',
    time: '09:00',
    timezone: 'UTC',
    pattern: '0 9 * * *',
    filter: null,
    max: 10,
    createdBy: null,
    ...overrides,
  };
}

export interface ArticleInput {
  id: string;
  title?: string;
  date?: string | null;
  addedAt: string;
  body?: string;
  summary?: string[];
  quotes?: Partial<Quote>[];
  source?: string | null;
}

export function article(input: ArticleInput): IndexedArticle {
  const body = input.body ?? `${input.title ?? input.id} body text.`;
  return {
    id: input.id,
    title: input.title ?? `Title of ${input.id}`,
    titleDerived: false,
    date: input.date === undefined ? null : input.date,
    source: input.source ?? null,
    url: null,
    author: null,
    blocks: [{ kind: 'paragraph', text: body }],
    addedAt: input.addedAt,
    analysis: {
      sentences: [],
      people: [],
      quotes: (input.quotes ?? []).map((quote) => ({
        text: quote.text ?? '',
        kind: quote.kind ?? 'direct',
        speaker: quote.speaker ?? null,
        speakerType: quote.speakerType ?? 'person',
        start: 0,
        end: 0,
      })),
      summary: input.summary ?? [`Summary of ${input.title ?? input.id}.`],
    },
  };
}

/** A Catalog over a mutable list. search: articles whose title or body contains every query word. */
export class FakeCatalog implements Catalog {
  ready = true;
  private readonly articles: IndexedArticle[] = [];

  constructor(articles: IndexedArticle[] = []) {
    this.articles.push(...articles);
  }

  add(...articles: IndexedArticle[]): void {
    this.articles.push(...articles);
  }

  get size(): number {
    return this.articles.length;
  }

  all(): readonly ArticleMeta[] {
    return this.articles.map((item) => articleMeta(item, item.analysis.summary, item.addedAt));
  }

  quotesOf(id: string): readonly Quote[] {
    return this.get(id)?.analysis.quotes ?? [];
  }

  metaOf(id: string): ArticleMeta | undefined {
    return this.all().find((meta) => meta.id === id);
  }

  newest(): readonly ArticleMeta[] {
    return [...this.all()].sort(compareNewestFirst);
  }

  get(id: string): IndexedArticle | undefined {
    return this.articles.find((item) => item.id === id);
  }

  search(query: string, options: { limit?: number; within?: ReadonlySet<string> } = {}): SearchHit[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return this.articles
      .filter((item) => {
        if (options.within && !options.within.has(item.id)) return false;
        const text = `${item.title} ${item.blocks.map((block) => block.text).join(' ')}`.toLowerCase();
        return words.length > 0 && words.every((word) => text.includes(word));
      })
      .slice(0, options.limit ?? 10)
      .map((item) => ({ id: item.id, score: 1, terms: words }));
  }

  suggestArticles(): ArticleMeta[] {
    return [];
  }

  people() {
    return {
      list: () => [],
      lookup: () => ({ kind: 'unknown' as const, suggestions: [] }),
      canonicalName: (_articleId: string, name: string) => name,
    };
  }

  skipped() {
    return [];
  }
}

export interface PostedMessage {
  id: string;
  nonce: string;
  message: DigestMessage;
}

/**
 * A channel as the runner sees it through a Delivery. `failWith` makes the next sends fail; `applied`
 * makes a failing send still create the message first (the bot cannot know it went through).
 */
export class FakeChannel {
  readonly posted: PostedMessage[] = [];
  sends = 0;
  /** How many times the channel was searched for a message (findExisting). */
  looks = 0;
  /** What the next sends do, in order: fail (after creating the message when `applied`), or succeed (no error). */
  private failures: { error?: DeliveryError; applied: boolean }[] = [];
  private nextId = 1;
  /** Honour enforce_nonce (Discord does, for a few minutes). */
  honourNonce = true;
  /** Let findExisting read the channel (the bot has Read Message History). */
  historyVisible = false;

  failNext(count: number, error: DeliveryError, applied = false): void {
    for (let index = 0; index < count; index++) this.failures.push({ error, applied });
  }

  /** Let the next `count` sends through before any failure queued after this call. */
  succeedNext(count: number): void {
    for (let index = 0; index < count; index++) this.failures.push({ applied: true });
  }

  delivery(): Delivery {
    return {
      send: async (message, nonce) => {
        this.sends += 1;
        const failure = this.failures.shift();
        if (failure?.error && !failure.applied) throw failure.error;
        const earlier = this.honourNonce ? this.posted.find((post) => post.nonce === nonce) : undefined;
        const id = earlier?.id ?? this.create(message, nonce);
        if (failure?.error) throw failure.error;
        return id;
      },
      check: async () => null,
      findExisting: async (message) => {
        this.looks += 1;
        if (!this.historyVisible) return { kind: 'unreadable', why: 'the test hides the channel' };
        const id = this.posted.find((post) => JSON.stringify(post.message) === JSON.stringify(message))?.id;
        return id ? { kind: 'found', id } : { kind: 'absent' };
      },
    };
  }

  private create(message: DigestMessage, nonce: string): string {
    const id = String(this.nextId++);
    this.posted.push({ id, nonce, message });
    return id;
  }

  /** Every embed title and description posted, joined: what a reader of the channel sees. */
  text(): string {
    return this.posted.flatMap((post) => post.message.embeds.map((embed) => `${embed.title}\n${embed.description}`)).join('\n');
  }
}

export const transient = () => new DeliveryError(false, 'Discord did not answer (HTTP 500); retrying.');
export const forbidden = () => new DeliveryError(true, 'Missing Permissions (50013): give the bot View Channel, Send Messages and Embed Links in this channel.');

/** A clock that tests move by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An intended two-part post of one article for a store test. */
export function intendedPost(scheduleId: number, slot: string, cutoff: string) {
  const message = { embeds: [{ title: 'Digest', description: 'one' }] };
  return {
    scheduleId,
    slot,
    trigger: 'schedule' as const,
    since: '2026-01-01T00:00:00.000Z',
    cutoff,
    articleCount: 1,
    messages: [message, message],
    nonces: ['n0', 'n1'],
    articles: [],
  };
}
