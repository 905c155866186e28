/**
 * The contract every search engine passes (engine.ts): the same documents give the same answers' shape and the
 * same relevant article first, changes are seen at once after a flush, and a reopened engine holds exactly what
 * was flushed (SQLite, PostgreSQL) or saved (MiniSearch). The suite awaits every answer, so the PostgreSQL engine
 * (asynchronous: postgresEngine.ts, on the run's real server, both rankings) runs the very same checks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { IndexDocument } from '../../src/index/engine.js';
import { MiniSearchEngine } from '../../src/index/minisearchEngine.js';
import { CATALOG_MIGRATIONS } from '../../src/index/postgresCatalog.js';
import { PostgresEngine, type PostgresRanking } from '../../src/index/postgresEngine.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { migrate } from '../../src/lib/postgres/migrate.js';
import type { SearchHit, SearchOptions } from '../../src/index/types.js';
import { freshDatabase } from '../helpers/postgres.js';
import { SqliteEngine } from '../../src/index/sqliteEngine.js';
import { CatalogStore } from '../../src/index/store.js';
import { fixtureDocuments } from './helpers.js';

type Awaitable<T> = T | Promise<T>;

/** What the suite uses of an engine: the embedded ones answer at once, the PostgreSQL one through a promise. */
interface ContractEngine {
  readonly size: number;
  has(id: string): boolean;
  coveredHash(id: string): string | undefined;
  covered(): IterableIterator<[string, string]>;
  put(document: IndexDocument): void;
  remove(id: string): void;
  search(query: string, options?: SearchOptions & { textOf?: (id: string) => string | undefined }): Awaitable<SearchHit[]>;
  knows(term: string): Awaitable<boolean>;
  documentFrequency(term: string): Awaitable<number>;
}

interface EngineKind {
  name: string;
  open(store: CatalogStore): Promise<ContractEngine>;
  /** Makes the changes so far visible to searches, the way the catalog does. */
  flush(store: CatalogStore, engine: ContractEngine): Promise<void>;
  /** Makes what was put durable, the way the catalog does. */
  persist(store: CatalogStore, engine: ContractEngine): Promise<void>;
  /** Removes what open() made beside the store. */
  close?(): Promise<void>;
}

const embeddedFlush = async (store: CatalogStore, engine: ContractEngine) => store.transaction(() => (engine as SqliteEngine).flush());

/** The PostgreSQL engine on a database of its own per test (reopened on the same database). */
function postgresKind(ranking: PostgresRanking): EngineKind {
  let database: { url: string; drop: () => Promise<void>; pool: pg.Pool } | undefined;
  const flush = (_store: CatalogStore, engine: ContractEngine) => (engine as PostgresEngine).flush();
  return {
    name: `postgres (${ranking})`,
    open: async () => {
      if (!database) {
        const fresh = await freshDatabase();
        const pool = await openPostgres({ url: fresh.url, attempts: 1 });
        await migrate(pool, [CATALOG_MIGRATIONS]);
        database = { ...fresh, pool };
      }
      return PostgresEngine.open(database.pool, { ranking });
    },
    flush,
    persist: flush,
    close: async () => {
      if (!database) return;
      await database.pool.end();
      await database.drop();
      database = undefined;
    },
  };
}

const kinds: EngineKind[] = [
  {
    name: 'minisearch',
    open: async (store) => (await MiniSearchEngine.restore(store)).engine,
    flush: embeddedFlush,
    persist: async (store, engine) => {
      store.transaction(() => (engine as MiniSearchEngine).flush());
      await (engine as MiniSearchEngine).save();
    },
  },
  {
    name: 'sqlite',
    open: (store) => SqliteEngine.open(store.database),
    flush: embeddedFlush,
    persist: embeddedFlush,
  },
  postgresKind('bm25f'),
  postgresKind('ts_rank_cd'),
];

let documents: IndexDocument[];
beforeAll(async () => {
  documents = (await fixtureDocuments()).map((document) => ({ ...document, source: null, hash: `hash-of-${document.id}` }));
});

const ids = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id);

describe.each(kinds)('the $name engine', (kind) => {
  let root: string;
  let store: CatalogStore;
  const cleanups: Array<() => Promise<void>> = [];

  async function filled(): Promise<ContractEngine> {
    root = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-engine-'));
    store = CatalogStore.open(root, path.join(root, 'corpus'));
    cleanups.push(async () => {
      store.close();
      await kind.close?.();
      await rm(root, { recursive: true, force: true });
    });
    const engine = await kind.open(store);
    for (const document of documents) engine.put(document);
    await kind.persist(store, engine);
    return engine;
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('ranks the article about the query first, through stemming', async () => {
    const engine = await filled();
    expect(ids(await engine.search('sanctions against Russia'))[0]).toBe('world/eu-sanctions.md');
    expect(ids(await engine.search('interest rates'))[0]).toBe('markets/rates.md');
    expect(ids(await engine.search('wildfire evacuate'))[0]).toBe('wildfire.txt');
    expect(ids(await engine.search('sanction'))).toContain('world/eu-sanctions.md');
  });

  it('answers hits with a positive score, best first, and the matched query terms', async () => {
    const engine = await filled();
    const hits = await engine.search('oil sanctions');
    expect(hits.length).toBeGreaterThan(1);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.terms.length).toBeGreaterThan(0);
      expect(['oil', 'sanction']).toEqual(expect.arrayContaining(hit.terms));
    }
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
  });

  it('finds nothing for stop words or punctuation, and honours the limit', async () => {
    const engine = await filled();
    expect(await engine.search('the and of')).toEqual([]);
    expect(await engine.search('  ?!  ')).toEqual([]);
    expect((await engine.search('said', { limit: 2 })).length).toBeLessThanOrEqual(2);
  });

  it('keeps only dated articles inside a date range', async () => {
    const engine = await filled();
    const dated = documents.filter((document) => document.date !== null).map((document) => document.date!).sort();
    const middle = dated[Math.floor(dated.length / 2)]!;
    const hits = await engine.search('the market rates oil sanctions wildfire match talks', { from: middle, limit: 50 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const date = documents.find((document) => document.id === hit.id)!.date;
      expect(date).not.toBeNull();
      expect(date! >= middle).toBe(true);
    }
  });

  it('sees a replaced document at once and forgets a removed one', async () => {
    const engine = await filled();
    const wildfire = documents.find((document) => document.id === 'wildfire.txt')!;
    engine.put({ ...wildfire, title: 'Lighthouse keepers', body: 'A lighthouse keeper retired after forty years.', hash: 'new-hash' });
    await kind.flush(store, engine);
    expect(ids(await engine.search('lighthouse'))).toEqual(['wildfire.txt']);
    expect(ids(await engine.search('evacuate'))).not.toContain('wildfire.txt');
    expect(engine.coveredHash('wildfire.txt')).toBe('new-hash');
    engine.remove('wildfire.txt');
    await kind.flush(store, engine);
    expect(await engine.search('lighthouse')).toEqual([]);
    expect(engine.has('wildfire.txt')).toBe(false);
    expect(engine.size).toBe(documents.length - 1);
  });

  it('honours the query syntax: phrases in order, exclusions, every word required, source', async () => {
    const engine = await filled();
    const texts = new Map<string, string>();
    const extra = (id: string, body: string, source: string | null = null) => {
      texts.set(id, `Story ${id}\n\n${body}`);
      engine.put({ id, title: `Story ${id}`, body, date: '2026-01-02', source, hash: id });
    };
    // The catalog gives engines the article text, to check phrases.
    const textOf = (id: string) => texts.get(id);
    extra('a.md', 'The harbour reopened after the storm, officials said.', 'Reuters');
    extra('b.md', 'Officials reopened roads; the harbour stayed shut after the storm.', 'AP');
    await kind.flush(store, engine);
    // Phrase matches rank first; the other articles with its words may follow.
    expect(ids(await engine.search('"harbour reopened"', { textOf }))[0]).toBe('a.md');
    expect(ids(await engine.search('"harbour reopened"', { textOf, match: 'all' }))).toEqual(['a.md']);
    expect(ids(await engine.search('harbour -shut'))).toEqual(['a.md']);
    expect(ids(await engine.search('harbour storm', { match: 'all' })).sort()).toEqual(['a.md', 'b.md']);
    expect(ids(await engine.search('harbour sanctions', { match: 'all' }))).toEqual([]);
    expect(ids(await engine.search('harbour', { source: 'ap' }))).toEqual(['b.md']);
    // A digest filter asks only about a slot's new articles.
    expect(ids(await engine.search('harbour storm', { match: 'all', within: new Set(['b.md', 'sport.txt']) }))).toEqual(['b.md']);
    expect(ids(await engine.search('harbour', { within: new Set(['a.md']), source: 'ap' }))).toEqual([]);
    expect(ids(await engine.search('harbour', { within: new Set() }))).toEqual([]);
  });

  it('counts the documents that contain a term', async () => {
    const engine = await filled();
    expect(await engine.knows('sanction')).toBe(true);
    expect(await engine.documentFrequency('sanction')).toBeGreaterThanOrEqual(2);
    expect(await engine.documentFrequency('zzzunknownterm')).toBe(0);
    expect(await engine.knows('zzzunknownterm')).toBe(false);
  });

  it('reopens with exactly what was made durable, and the hashes it covers', async () => {
    const engine = await filled();
    engine.remove('sport.txt');
    await kind.persist(store, engine);
    const reopened = await kind.open(store);
    expect(reopened.size).toBe(documents.length - 1);
    expect(new Map(reopened.covered())).toEqual(new Map(documents.filter((d) => d.id !== 'sport.txt').map((d) => [d.id, d.hash])));
    expect(ids(await reopened.search('sanctions against Russia'))[0]).toBe('world/eu-sanctions.md');
  });
});

describe('the sqlite engine on a large corpus', () => {
  it('ranks by the rarer terms of a query, and still answers with the common ones when the rarer ones run out', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-engine-'));
    const store = CatalogStore.open(root, path.join(root, 'corpus'));
    try {
      // Every document says "market"; two also say "tanker". A corpus this size counts as large here.
      const engine = await SqliteEngine.open(store.database, { pruneFromDocuments: 10 });
      for (let index = 0; index < 40; index += 1) {
        const tanker = index === 7 || index === 23 ? ' An oil tanker ran aground.' : '';
        engine.put({ id: `a${index}.txt`, title: `Day ${index}`, body: `The market moved.${tanker}`, date: null, source: null, hash: `h${index}` });
      }
      store.transaction(() => engine.flush());
      expect(ids(engine.search('market tanker', { limit: 2 })).sort()).toEqual(['a23.txt', 'a7.txt']);
      const wider = engine.search('market tanker', { limit: 5 });
      expect(wider).toHaveLength(5);
      expect(ids(wider).slice(0, 2).sort()).toEqual(['a23.txt', 'a7.txt']);
    } finally {
      store.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
