/**
 * The catalog on PostgreSQL: one process indexes the folder and publishes; another, without the folder, answers
 * the same from its local working copy; edits reach it; the indexer's death hands the lease over; a wiped
 * DATA_DIR is rebuilt from PostgreSQL without analysing anything. Against the run's real PostgreSQL server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { analyzeArticle } from '../../src/analysis/analyze.js';
import { search } from '../../src/answers/search.js';
import { quotesBy, type QuotesAnswer } from '../../src/answers/quotes.js';
import { summaries } from '../../src/answers/summaries.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { LEASE_MIGRATIONS } from '../../src/lib/postgres/lease.js';
import { migrate } from '../../src/lib/postgres/migrate.js';
import { CATALOG_MIGRATIONS } from '../../src/index/postgresCatalog.js';
import { openReplicatedCatalog, type ReplicatedCatalog, type ReplicatedCatalogOptions } from '../../src/index/replica.js';
import { freshDatabase } from '../helpers/postgres.js';
import { scratchCorpus } from './helpers.js';

let corpusDir: string;
let cleanup: () => Promise<void>;
let pool: pg.Pool;
let dropDatabase: () => Promise<void>;
let dataRoot: string;
const opened: ReplicatedCatalog[] = [];
let analysed: Map<string, number>;

beforeEach(async () => {
  ({ corpusDir, cleanup } = await scratchCorpus());
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-replica-'));
  const database = await freshDatabase();
  dropDatabase = database.drop;
  pool = await openPostgres({ url: database.url, attempts: 1 });
  await migrate(pool, [LEASE_MIGRATIONS, CATALOG_MIGRATIONS]);
  analysed = new Map();
});

afterEach(async () => {
  for (const replica of opened.splice(0)) await replica.close();
  await pool.end();
  await dropDatabase();
  await cleanup();
  await rm(dataRoot, { recursive: true, force: true });
});

async function startProcess(name: string, overrides: Partial<ReplicatedCatalogOptions> = {}): Promise<ReplicatedCatalog> {
  const replica = await openReplicatedCatalog({
    pool,
    corpusDir,
    dataDir: path.join(dataRoot, name),
    maxBytes: 100_000,
    indexFolder: true,
    holder: name,
    pollMs: 200,
    renewMs: 100,
    leaseTtlMs: 600,
    analyze: (article: Article) => {
      analysed.set(name, (analysed.get(name) ?? 0) + 1);
      return analyzeArticle(article);
    },
    ...overrides,
  });
  opened.push(replica);
  await replica.catalog.loaded;
  return replica;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const quotesOf = (answer: QuotesAnswer) => (answer.kind === 'quotes' ? answer.groups.flatMap((group) => group.quotes.map((quote) => quote.text)) : []);

const answersOf = (replica: ReplicatedCatalog) => ({
  search: search(replica.catalog, { query: 'oil sanctions' }).results.map((result) => [result.articleId, result.excerpts]),
  quotes: quotesOf(quotesBy(replica.catalog, 'Zelensky')),
  summaries: summaries(replica.catalog),
});

describe('the catalog on PostgreSQL', () => {
  it('answers the same on a process without the folder as on the one that indexed it', async () => {
    const a = await startProcess('a');
    await eventually(() => a.indexer!.isIndexer && a.catalog.size === 7, 'A to index the folder');
    await a.indexer!.sync();
    const b = await startProcess('b', { corpusDir: path.join(dataRoot, 'no-such-folder'), indexFolder: false });
    expect(b.catalog.size).toBe(7);
    expect(analysed.get('b')).toBeUndefined();
    await eventually(() => b.catalog.people().list().length === a.catalog.people().list().length, 'the people directory');
    expect(answersOf(b)).toEqual(answersOf(a));
    expect(answersOf(b).search.length).toBeGreaterThan(0);
    expect(answersOf(b).quotes.length).toBeGreaterThan(0);
    expect((await b.status()).role).toBe('follower');
    expect((await a.status()).role).toBe('indexer');
  });

  it('brings a new, an edited and a removed file to the follower within seconds', async () => {
    const a = await startProcess('a');
    await eventually(() => a.indexer!.isIndexer && a.catalog.size === 7, 'A to index the folder');
    const b = await startProcess('b', { indexFolder: false });
    await writeFile(path.join(corpusDir, 'harbour.txt'), 'Harbour reopens\n\nThe harbour reopened after the storm, officials said on Monday.');
    await writeFile(path.join(corpusDir, 'sport.txt'), 'Lighthouse keeper retires\n\nA lighthouse keeper retired after forty years on the island.');
    await rm(path.join(corpusDir, 'wildfire.txt'));
    await a.indexer!.sync();
    await eventually(() => b.catalog.search('harbour').length > 0 && b.catalog.search('lighthouse').length > 0, 'B to see the new and edited files');
    await eventually(() => b.catalog.metaOf('wildfire.txt') === undefined, 'B to forget the removed file');
    expect(b.catalog.search('lighthouse').map((hit) => hit.id)).toEqual(['sport.txt']);
    expect(b.catalog.get('sport.txt')?.title).toBe('Lighthouse keeper retires');
    expect((await b.status()).changesBehind).toBe(0);
  });

  it('hands the indexing to another process with the folder when the indexer stops renewing', async () => {
    const a = await startProcess('a');
    await eventually(() => a.indexer!.isIndexer && a.catalog.size === 7, 'A to index the folder');
    await a.indexer!.sync(); // everything A indexed is in PostgreSQL
    const b = await startProcess('b');
    expect(b.indexer!.isIndexer).toBe(false);
    await a.indexer!.stop({ release: false }); // as if A died: its lease runs out
    await eventually(() => b.indexer!.isIndexer, 'B to take the lease over');
    await writeFile(path.join(corpusDir, 'harbour.txt'), 'Harbour reopens\n\nThe harbour reopened after the storm.');
    await b.indexer!.sync();
    expect(b.catalog.search('harbour').map((hit) => hit.id)).toEqual(['harbour.txt']);
    // B analysed only the new file: the rest came from PostgreSQL.
    expect(analysed.get('b')).toBe(1);
  });

  it('rebuilds a wiped DATA_DIR from PostgreSQL without analysing anything', async () => {
    const a = await startProcess('a');
    await eventually(() => a.indexer!.isIndexer && a.catalog.size === 7, 'A to index the folder');
    await a.indexer!.sync();
    const before = answersOf(a);
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    await rm(path.join(dataRoot, 'a'), { recursive: true, force: true });
    analysed.clear();
    const again = await startProcess('a');
    expect(again.catalog.size).toBe(7);
    await eventually(() => again.indexer!.isIndexer, 'the lease');
    await again.indexer!.sync();
    expect(analysed.get('a')).toBeUndefined();
    await eventually(() => again.catalog.people().list().length > 0, 'the people directory');
    expect(answersOf(again)).toEqual(before);
  });

  it('publishes, on its next lease, what an indexer committed locally but died before publishing', async () => {
    const a = await startProcess('a');
    await eventually(() => a.indexer!.isIndexer && a.catalog.size === 7, 'A to index the folder');
    await a.indexer!.sync();
    await a.indexer!.stop({ release: false }); // dies: nothing more reaches PostgreSQL
    await writeFile(path.join(corpusDir, 'harbour.txt'), 'Harbour reopens\n\nThe harbour reopened after the storm.');
    await a.catalog.sync(); // committed locally only
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    const b = await startProcess('b', { indexFolder: false });
    expect(b.catalog.metaOf('harbour.txt')).toBeUndefined();
    const again = await startProcess('a');
    await eventually(() => again.indexer!.isIndexer, 'A to take the lease again');
    await again.indexer!.sync();
    await eventually(() => b.catalog.search('harbour').length > 0, 'B to see the file A had not published');
  });
});
