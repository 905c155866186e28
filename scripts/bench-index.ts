/**
 * Index benchmark: cold build, warm reload, incremental syncs, persisted size, memory, query latency, and the
 * longest event-loop block in each phase (what Discord heartbeats and the 3-second deadline must survive).
 *
 *   npm run bench:index -- --corpus DIR [--data DIR] [--queries N]
 *
 * The corpus is copied to a temporary folder first, so the incremental steps (touching and editing a file)
 * never modify the original. Without --data the catalog lives in a temporary folder removed at the end; with
 * --data DIR it is kept there (this corpus's catalog file in DIR is deleted first, for a true cold build).
 */
import { cp, mkdtemp, readFile, rm, stat, utimes, writeFile, readdir } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { bodyText } from '../src/corpus/article.js';
import { findArticleFiles } from '../src/corpus/find.js';
import { openCatalog, type LiveCatalog, type OpenCatalogOptions } from '../src/index/catalog.js';
import { excerpts } from '../src/index/excerpt.js';
import { CatalogStore } from '../src/index/store.js';

const { values } = parseArgs({
  options: { corpus: { type: 'string' }, data: { type: 'string' }, queries: { type: 'string', default: '300' } },
});
if (!values.corpus) {
  console.error('Usage: npm run bench:index -- --corpus DIR [--data DIR] [--queries N]');
  process.exit(2);
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const source = path.resolve(values.corpus);
const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-'));
const corpusDir = path.join(work, 'corpus');
const dataDir = values.data ? path.resolve(values.data) : path.join(work, 'data');

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

interface Measured<T> {
  result: T;
  ms: number;
  cpuMs: number;
  /** Longest event-loop delay seen by monitorEventLoopDelay. */
  longestBlockMs: number;
  /** Longest gap between ticks of a 5 ms interval, and the CPU time the process used during that gap. */
  longestGapMs: number;
  gapCpuMs: number;
}

/**
 * Runs a phase while watching the event loop two ways: Node's delay histogram, and a 5 ms interval whose
 * late ticks give the longest stall. On a busy machine a stall can be the OS running other processes; the CPU
 * time used during the gap tells a real block (CPU ≈ gap) from preemption (CPU ≪ gap).
 */
async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longestGapMs = 0;
  let gapCpuMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const gap = now - last - 5;
    if (gap > longestGapMs) {
      longestGapMs = gap;
      gapCpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    }
    last = now;
    lastCpu = cpu;
  }, 5);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await work();
  const cpuAfter = process.cpuUsage(cpuBefore);
  const ms = performance.now() - started;
  clearInterval(ticker);
  histogram.disable();
  return { result, ms, cpuMs: (cpuAfter.user + cpuAfter.system) / 1000, longestBlockMs: histogram.max / 1e6, longestGapMs, gapCpuMs };
}

function blocks(measured: Measured<unknown>): string {
  return (
    `longest event-loop block ${measured.longestBlockMs.toFixed(0)} ms (delay histogram),` +
    ` ${measured.longestGapMs.toFixed(0)} ms (interval gap, ${measured.gapCpuMs.toFixed(0)} ms CPU in it); CPU ${seconds(measured.cpuMs)} s`
  );
}

function memory(): string {
  collectGarbage();
  const usage = process.memoryUsage();
  return `heap ${mb(usage.heapUsed)} MB, rss ${mb(usage.rss)} MB`;
}

async function persistedBytes(): Promise<number> {
  const file = CatalogStore.fileFor(dataDir, corpusDir);
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) total += await stat(file + suffix).then((info) => info.size, () => 0);
  return total;
}

const warnings: string[] = [];

async function open(): Promise<LiveCatalog> {
  const options: OpenCatalogOptions = { corpusDir, dataDir, maxBytes: 5 * 1024 * 1024, saveDelayMs: 60_000 };
  return openCatalog({ ...options, logger: { info: () => {}, warn: (line) => warnings.push(line), error: (line) => console.error(line) } });
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** Queries of one to three words from the titles of spread-out articles: realistic, and reproducible. */
function querySet(catalog: LiveCatalog, count: number): string[] {
  const articles = catalog.all();
  const queries: string[] = [];
  for (let i = 0; queries.length < count && i < articles.length * 3; i++) {
    const article = articles[(i * 7919) % articles.length]!;
    const words = article.title.split(/\s+/).filter((word) => /^\p{L}{4,}$/u.test(word));
    if (words.length === 0) continue;
    const length = 1 + (i % 3);
    const start = i % words.length;
    queries.push(words.slice(start, start + length).join(' '));
  }
  return queries;
}

console.log(`Copying ${source} to ${corpusDir} …`);
await cp(source, corpusDir, { recursive: true, preserveTimestamps: true });
await rm(CatalogStore.fileFor(dataDir, corpusDir), { force: true });
const ids = await findArticleFiles(corpusDir);
let corpusBytes = 0;
for (const id of ids) corpusBytes += (await stat(path.join(corpusDir, id))).size;
console.log(`Corpus: ${ids.length} files, ${mb(corpusBytes)} MB. Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}.`);
console.log(`Baseline memory: ${memory()}`);

// Cold build.
let catalog = await open();
const cold = await measure(() => catalog.loaded);
console.log(
  `\nCold build: ${seconds(cold.ms)} s for ${cold.result.size} articles` +
    ` (${(cold.result.size / (cold.ms / 1000)).toFixed(0)} articles/s, ${(corpusBytes / 1e6 / (cold.ms / 1000)).toFixed(2)} MB/s);` +
    ` ${catalog.skipped().length} skipped\n  ${blocks(cold)}`,
);
if (cold.result.error) console.log(`  sync error: ${cold.result.error}`);
console.log(`Memory after cold build: ${memory()}`);
console.log(`Warnings: ${warnings.length}${warnings.length > 0 ? `, e.g. ${warnings.slice(0, 3).join(' | ')}` : ''}`);
if (catalog.skipped().length > 0) console.log(`  first skipped: ${JSON.stringify(catalog.skipped().slice(0, 3))}`);
const closing = await measure(() => catalog.close());
console.log(`Close (final save): ${seconds(closing.ms)} s; ${blocks(closing)}`);
console.log(`Persisted: ${mb(await persistedBytes())} MB`);

// Warm reload, nothing changed.
collectGarbage();
catalog = await open();
const warm = await measure(() => catalog.loaded);
console.log(
  `\nWarm reload: ${seconds(warm.ms)} s (${warm.result.unchanged} files unchanged, ${warm.result.added.length} added);` +
    `\n  ${blocks(warm)}`,
);
console.log(`Memory after warm reload: ${memory()}`);

// Incremental: one file touched (same content), then edited; each seen by a sync of the whole folder (start-up,
// or no watcher) and by a sync of the one file (what the watcher asks for).
const victim = ids[Math.floor(ids.length / 2)]!;
const victimPath = path.join(corpusDir, victim);
let bump = 60_000;
const touch = async () => {
  bump += 60_000;
  const later = new Date(Date.now() + bump);
  await utimes(victimPath, later, later);
};
const edit = async () => {
  await writeFile(victimPath, `${await readFile(victimPath, 'utf8')}\n\nThe benchmark appended sentence number ${bump} to change the content.\n`);
  await touch();
};
for (const [label, change] of [['touched', touch], ['edited', edit]] as const) {
  for (const scope of ['whole folder', 'that file'] as const) {
    await change();
    const step = await measure(() => catalog.sync(scope === 'that file' ? { ids: [victim] } : {}));
    console.log(
      `${label === 'touched' ? '\n' : ''}1 file ${label}, sync of ${scope}: ${step.ms.toFixed(0)} ms` +
        ` (changed ${step.result.changed.length}, unchanged ${step.result.unchanged})\n  ${blocks(step)}`,
    );
  }
}
const resave = await measure(() => catalog.close());
console.log(`Close after the edit (saves the index): ${seconds(resave.ms)} s; ${blocks(resave)}`);
catalog = await open();
await catalog.loaded;

// Query latency: the first (uncached) search of each query, the same query again (served from the cache),
// and excerpts for the top 10 hits (what /search adds).
const queries = [...new Set(querySet(catalog, Number(values.queries)))];
const searchTimes: number[] = [];
const repeatTimes: number[] = [];
const excerptTimes: number[] = [];
let hitsTotal = 0;
for (const query of queries) {
  let started = performance.now();
  const hits = catalog.search(query, { limit: 10 });
  searchTimes.push(performance.now() - started);
  hitsTotal += hits.length;
  started = performance.now();
  catalog.search(query, { limit: 10 });
  repeatTimes.push(performance.now() - started);
  started = performance.now();
  for (const hit of hits) excerpts(catalog.get(hit.id)!, hit.terms, { maxExcerpts: 2 });
  excerptTimes.push(performance.now() - started);
}
const summary = (times: number[]) => {
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${percentile(times, 1).toFixed(2)} ms`;
};
console.log(
  `\nQueries: ${queries.length} distinct (1–3 title words), ${(hitsTotal / Math.max(1, queries.length)).toFixed(1)} hits on average.` +
    `\n  search, first time: ${summary(searchTimes)}` +
    `\n  search, repeated (cache): ${summary(repeatTimes)}` +
    `\n  excerpts for the top 10: ${summary(excerptTimes)}`,
);
let started = performance.now();
catalog.suggestArticles('', 25);
catalog.suggestArticles('oil pri', 25);
console.log(`Autocomplete (2 calls): ${(performance.now() - started).toFixed(1)} ms`);
started = performance.now();
const bodyChars = catalog.all().reduce((sum, meta) => sum + bodyText(catalog.get(meta.id)!).length, 0);
console.log(`(walked ${catalog.size} bodies, ${mb(bodyChars)} M characters, in ${(performance.now() - started).toFixed(0)} ms)`);
await catalog.close();

if (!values.data) await rm(work, { recursive: true, force: true });
else await rm(corpusDir, { recursive: true, force: true });
console.log(`\nCatalog folder ${values.data ? `kept in ${dataDir}` : 'removed'}; files in work folder: ${(await readdir(work).catch(() => [])).length}.`);
