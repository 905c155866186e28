/**
 * The scale benchmark of issue 9: the whole pipeline and, in the same run on the same documents, bare MiniSearch.
 *
 *   npm run --silent bench -- (--corpus DIR | --synthetic N [--out DIR] [--source DIR...]) [--engine E] [--json]
 *                            [--data-dir DIR] [--keep] [--seed S] [--queries N]
 *
 * A --corpus folder is copied first (the benchmark adds a file to it). A --synthetic corpus is written to a temporary
 * folder, or to --out, which is reused when it already holds the same corpus. The catalog state goes to a temporary
 * folder or --data-dir (which must be empty: the build is cold); --keep keeps both.
 *
 * The warm start and bare MiniSearch each run in a second process (this script with --child), so neither shares
 * memory, caches or garbage with the first. Event-loop blocks come from a 10 ms interval drift meter; the JavaScript
 * time inside the longest gap tells a real block from the OS running another process.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import MiniSearch from 'minisearch';
import { search } from '../src/answers/search.js';
import { quotesBy } from '../src/answers/quotes.js';
import { summaryOf } from '../src/answers/summaries.js';
import { articlesMatching, peopleMatching } from '../src/answers/lookup.js';
import { bodyText } from '../src/corpus/article.js';
import { findArticleFiles } from '../src/corpus/find.js';
import { loadArticle } from '../src/corpus/load.js';
import { openCatalog, type LiveCatalog, type OpenCatalogOptions } from '../src/index/catalog.js';
import { ENGINE_SETTINGS, type EngineSetting } from '../src/index/engine.js';
import { latency, measurePhase, megabytes, MemorySampler, round, timeEach, type Latency, type PhaseResult } from './lib/benchMeasure.js';
import { queryMix, type MixQuery } from './lib/queryMix.js';
import { DEFAULT_SEED, defaultSourceFolders, pick, readSourcePool, seededRandom, writeSyntheticCorpus } from './lib/synthetic.js';

const USAGE =
  'Usage: npm run --silent bench -- (--corpus DIR | --synthetic N [--out DIR] [--source DIR...]) [--engine minisearch|sqlite|auto]' +
  ' [--json] [--data-dir DIR] [--keep] [--seed S] [--queries N]';
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Articles whose bodies give the query vocabulary; spread over the corpus. */
const VOCABULARY_SAMPLE = 1_500;
const ANSWER_SAMPLES = 200;
const AUTOCOMPLETE_SAMPLES = 500;
const NEW_FILE_TIMEOUT_MS = 60_000;
const NEW_FILE_POLL_MS = 10;

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    synthetic: { type: 'string' },
    out: { type: 'string' },
    source: { type: 'string', multiple: true },
    engine: { type: 'string' },
    json: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    queries: { type: 'string', default: '1000' },
    child: { type: 'string' },
    'corpus-dir': { type: 'string' },
    'queries-file': { type: 'string' },
  },
});

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function catalogOptions(corpusDir: string, dataDir: string, engine: string | undefined): OpenCatalogOptions {
  const options: OpenCatalogOptions = { corpusDir, dataDir, maxBytes: MAX_FILE_BYTES, saveDelayMs: 600_000, logger: { info() {}, warn() {}, error: console.error } };
  if (engine === undefined) return options;
  if (!(ENGINE_SETTINGS as readonly string[]).includes(engine)) fail(`--engine must be one of ${ENGINE_SETTINGS.join(', ')}`, 2);
  return { ...options, engine: engine as EngineSetting };
}

function heapAfterGc(): number {
  collectGarbage();
  return megabytes(process.memoryUsage().heapUsed);
}

// ---- Second processes ----

interface WarmChild {
  openSeconds: number;
  /** From openCatalog to `ready` (the saved state restored: answers can be given). */
  readySeconds: number;
  /** From the process's start to `ready`. */
  processReadySeconds: number;
  /** From openCatalog to `loaded` (the first sync with the folder done, people directory included). */
  loadedSeconds: number;
  firstAnswerSeconds: number;
  blockMs: number;
  busyShare: number;
  heapMB: number;
  rssMB: number;
  articles: number;
}

interface BareChild {
  documents: number;
  addAllSeconds: number;
  blockMs: number;
  heapMB: number;
  peakRssMB: number;
  query: Latency;
}

async function warmChild(corpusDir: string, dataDir: string): Promise<WarmChild> {
  const started = performance.now();
  let opened = 0;
  const phase = await measurePhase(async () => {
    const catalog = await openCatalog(catalogOptions(corpusDir, dataDir, values.engine));
    opened = performance.now();
    await catalog.restored;
    const ready = performance.now();
    const processSeconds = process.uptime(); // with Node's and tsx's own start
    search(catalog, { query: 'the market said', limit: 5 });
    const answered = performance.now();
    const report = await catalog.loaded;
    return { catalog, report, ready, processSeconds, answered, loaded: performance.now() };
  });
  const { catalog, report, ready, processSeconds, answered, loaded } = phase.result;
  const rssMB = megabytes(process.memoryUsage().rss);
  const result: WarmChild = {
    openSeconds: round((opened - started) / 1000, 3),
    readySeconds: round((ready - started) / 1000, 3),
    processReadySeconds: round(processSeconds, 3),
    loadedSeconds: round((loaded - started) / 1000, 3),
    firstAnswerSeconds: round((answered - started) / 1000, 3),
    blockMs: round(phase.longestBlockMs, 1),
    busyShare: round(phase.busyShare, 2),
    heapMB: heapAfterGc(),
    rssMB,
    articles: report.size,
  };
  await catalog.close();
  return result;
}

/** Bare MiniSearch, default options, fields title and body, on the documents parsed the way the catalog parses them. */
async function bareChild(corpusDir: string, queries: readonly string[]): Promise<BareChild> {
  const memory = new MemorySampler();
  const documents: Array<{ id: string; title: string; body: string }> = [];
  for (const id of await findArticleFiles(corpusDir)) {
    const loaded = await loadArticle(corpusDir, id, { maxBytes: MAX_FILE_BYTES });
    if (loaded.ok) documents.push({ id, title: loaded.article.title, body: bodyText(loaded.article) });
  }
  collectGarbage();
  const mini = new MiniSearch<{ id: string; title: string; body: string }>({ fields: ['title', 'body'] });
  const build = await measurePhase(() => mini.addAll(documents));
  const count = documents.length;
  documents.length = 0; // the index's own heap, without the texts it was given
  const heapMB = heapAfterGc();
  const times = timeEach(queries, (query) => mini.search(query));
  memory.stop();
  return {
    documents: count,
    addAllSeconds: round(build.seconds, 3),
    blockMs: round(build.longestBlockMs, 1),
    heapMB,
    peakRssMB: megabytes(memory.peakRssBytes),
    query: latency(times),
  };
}

function runChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`benchmark child ${args[1]} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}

if (values.child) {
  const corpusDir = values['corpus-dir'] ?? fail('--child needs --corpus-dir', 2);
  let result: unknown;
  if (values.child === 'warm') result = await warmChild(corpusDir, values['data-dir'] ?? fail('--child warm needs --data-dir', 2));
  else if (values.child === 'bare') {
    const { readFile } = await import('node:fs/promises');
    const queries = JSON.parse(await readFile(values['queries-file'] ?? fail('--child bare needs --queries-file', 2), 'utf8')) as string[];
    result = await bareChild(corpusDir, queries);
  } else fail(`unknown --child ${values.child}`, 2);
  console.log(JSON.stringify(result));
  process.exit(0);
}

// ---- The run ----

if (Boolean(values.corpus) === Boolean(values.synthetic)) fail(USAGE, 2);
const count = values.synthetic === undefined ? 0 : Number(values.synthetic);
if (values.synthetic !== undefined && !(Number.isInteger(count) && count > 0)) fail(`--synthetic needs a whole number of articles, not "${values.synthetic}"`, 2);
const seed = Number(values.seed);
const queryCount = Number(values.queries);
if (!Number.isInteger(seed) || !Number.isInteger(queryCount) || queryCount <= 0) fail('--seed and --queries take whole numbers', 2);

/** Progress goes to stderr, so --json output stays one object on stdout. */
const progress = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-'));
let corpusDir: string;
let sources: string[] = [];
if (values.synthetic !== undefined) {
  corpusDir = path.resolve(values.out ?? path.join(work, 'corpus'));
  sources = (values.source ?? defaultSourceFolders(path.resolve(import.meta.dirname, '..'))).map((source) => path.resolve(source));
  const written = await writeSyntheticCorpus({
    folder: corpusDir,
    count,
    seed,
    sources,
    loadPool: () => {
      progress(`reading source articles from ${sources.join(', ')} …`);
      return readSourcePool(sources);
    },
    onProgress: (done) => {
      if (done % 5_000 === 0 || done === count) progress(`written ${done} of ${count} articles`);
    },
  }).catch((error: Error) => fail(`--synthetic: ${error.message}`));
  progress(written.reused ? `reusing the synthetic corpus in ${corpusDir}` : `synthetic corpus written to ${corpusDir}`);
} else {
  const source = path.resolve(values.corpus!);
  if (!(await stat(source).then((info) => info.isDirectory(), () => false))) fail(`--corpus ${source} is not a folder`, 2);
  corpusDir = path.join(work, 'corpus');
  progress(`copying ${source} to ${corpusDir} (the benchmark adds a file) …`);
  await cp(source, corpusDir, { recursive: true, preserveTimestamps: true });
}
const dataDir = path.resolve(values['data-dir'] ?? path.join(work, 'data'));
if ((await readdir(dataDir).catch(() => [])).length > 0) fail(`--data-dir ${dataDir} is not empty: give an empty folder, for a cold build`, 2);
await mkdir(dataDir, { recursive: true });

collectGarbage(); // the generator's pool is garbage now; it must not count as the catalog's memory
const files = await findArticleFiles(corpusDir);
let textBytes = 0;
for (const id of files) textBytes += (await stat(path.join(corpusDir, id))).size;
const textMB = megabytes(textBytes);
const engine = values.engine ?? 'default';
progress(`${files.length} files, ${textMB} MB; engine ${engine}; Node ${process.version}, ${os.cpus().length} cores`);

// Cold build, then the save that follows it.
const memory = new MemorySampler();
progress('cold build …');
const cold = await measurePhase(async () => {
  const catalog = await openCatalog(catalogOptions(corpusDir, dataDir, values.engine));
  return { catalog, report: await catalog.loaded };
});
let catalog: LiveCatalog = cold.result.catalog;
if (cold.result.report.error) fail(`the cold build failed: ${cold.result.report.error}`);
const articles = cold.result.report.size;
if (articles === 0) fail(`no articles could be loaded from ${corpusDir} (${catalog.skipped().length} files skipped)`);
// The engine `auto` chose.
const engineInUse = catalog.engineName ?? null;
const engineText = engineInUse && engineInUse !== engine ? `${engine} (in use: ${engineInUse})` : engine;
const heapAfterBuildMB = heapAfterGc();
const firstSave = await measurePhase(() => catalog.close());
progress(`cold build ${cold.seconds.toFixed(1)} s, ${articles} articles; first save ${firstSave.seconds.toFixed(1)} s`);

// Warm start in a second process, with the state on disk.
progress('warm start in a second process …');
const warm = await runChild<WarmChild>(['--child', 'warm', '--corpus-dir', corpusDir, '--data-dir', dataDir, ...(values.engine ? ['--engine', values.engine] : [])]);

// Reload here, for the answers that follow.
progress('reload …');
const reload = await measurePhase(async () => {
  const reopened = await openCatalog(catalogOptions(corpusDir, dataDir, values.engine));
  await reopened.loaded;
  return reopened;
});
catalog = reload.result;

// The query mix, from the corpus's vocabulary and people.
const everyArticle = catalog.all();
const sampleStep = Math.max(1, Math.floor(everyArticle.length / VOCABULARY_SAMPLE));
const bodies: string[] = [];
for (let index = 0; index < everyArticle.length; index += sampleStep) {
  const article = catalog.get(everyArticle[index]!.id);
  if (article) bodies.push(bodyText(article));
}
// The first people() and title suggestion after a start may build a corpus-wide structure: the first user pays it.
let started = performance.now();
const people = catalog.people().list();
const firstPeopleMs = performance.now() - started;
started = performance.now();
articlesMatching(catalog, '');
const firstTitleSuggestionMs = performance.now() - started;
const quotable = people.slice(0, 2_000);
const mix: MixQuery[] = queryMix({ bodies, names: people.slice(0, 1_000).map((person) => person.name) }, queryCount, seed);
const random = seededRandom(seed, 0x5a5);
progress(`${mix.length} queries …`);
const searchTimes = timeEach(mix, (query) => search(catalog, { query: query.text, limit: 5 }));
const byKind: Record<string, Latency> = {};
for (const kind of new Set(mix.map((query) => query.kind))) byKind[kind] = latency(searchTimes.filter((_, index) => mix[index]!.kind === kind));

const quoteNames = quotable.length > 0 ? Array.from({ length: ANSWER_SAMPLES }, () => pick(random, quotable).name) : [];
const quotesTimes = timeEach(quoteNames, (name) => quotesBy(catalog, name));
const summaryReferences = Array.from({ length: ANSWER_SAMPLES }, (_, index) => {
  const article = pick(random, everyArticle);
  return index % 2 === 0 ? article.id : article.title;
});
const summaryTimes = timeEach(summaryReferences, (reference) => summaryOf(catalog, reference));
const typed = Array.from({ length: AUTOCOMPLETE_SAMPLES }, (_, index) => {
  const ofPeople = index % 2 === 0 && quotable.length > 0;
  const text = ofPeople ? pick(random, quotable).name : pick(random, everyArticle).title;
  return { people: ofPeople, text: text.slice(0, 1 + Math.floor(random() * 6)) };
});
const autocompleteTimes = timeEach(typed, (input) => (input.people ? peopleMatching(catalog, input.text) : articlesMatching(catalog, input.text)));

// One new file: written, then synced by id (what the watcher asks for), polled by search until it is found.
const newId = `bench-new-${seed}.md`;
const newWord = 'zyxbenchqwrtps'; // in no corpus, so the first hit is the new file
progress('one new file …');
const newFile = await measurePhase(async () => {
  const started = performance.now();
  await writeFile(path.join(corpusDir, newId), `---\ntitle: Benchmark arrival\ndate: 2026-01-02\n---\n\nThe ${newWord} report arrived late today, officials said.\n`);
  const synced = catalog.sync({ ids: [newId] });
  while (catalog.search(newWord, { limit: 1 }).length === 0) {
    if (performance.now() - started > NEW_FILE_TIMEOUT_MS) throw new Error(`a new file was not searchable after ${NEW_FILE_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, NEW_FILE_POLL_MS));
  }
  const searchable = performance.now();
  await synced;
  return (searchable - started) / 1000;
});
const save = await measurePhase(() => catalog.close());
memory.stop();
await rm(path.join(corpusDir, newId), { force: true }); // bare MiniSearch gets the documents the catalog was built on

progress('bare MiniSearch in a second process …');
const queriesFile = path.join(work, 'queries.json');
await writeFile(queriesFile, JSON.stringify(mix.map((query) => query.text)));
const bare = await runChild<BareChild>(['--child', 'bare', '--corpus-dir', corpusDir, '--queries-file', queriesFile]);

let persistedBytes = 0;
for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) persistedBytes += (await stat(path.join(entry.parentPath, entry.name))).size;
}
if (!values.keep) {
  await rm(work, { recursive: true, force: true });
  if (values['data-dir']) await rm(dataDir, { recursive: true, force: true });
}

// ---- Report ----

const blocks: Record<string, PhaseResult<unknown>> = { build: cold, firstSave, reload, sync: newFile, save };
const query = latency(searchTimes);
const result = {
  articles,
  textMB,
  engine,
  engineInUse,
  build: {
    seconds: round(cold.seconds, 2),
    mbPerSecond: round(textMB / cold.seconds, 2),
    bareSeconds: bare.addAllSeconds,
    ratio: round(bare.addAllSeconds / cold.seconds, 3),
  },
  maxBlockMs: round(Math.max(warm.blockMs, ...Object.values(blocks).map((phase) => phase.longestBlockMs)), 1),
  heapMB: megabytes(memory.peakHeapBytes),
  rssMB: megabytes(memory.peakRssBytes),
  warmStartSeconds: warm.readySeconds,
  newFileSearchableSeconds: round(newFile.result, 3),
  query: { ...query, bareP95Ms: bare.query.p95Ms, bare: bare.query, byKind, count: mix.length },
  autocompleteP95Ms: latency(autocompleteTimes).p95Ms,
  quotesP95Ms: latency(quotesTimes).p95Ms,
  summaryP95Ms: latency(summaryTimes).p95Ms,
  firstPeopleMs: round(firstPeopleMs, 1),
  firstTitleSuggestionMs: round(firstTitleSuggestionMs, 1),
  saveSeconds: round(save.seconds, 3),
  firstSaveSeconds: round(firstSave.seconds, 3),
  reloadSeconds: round(reload.seconds, 3),
  heapAfterBuildMB,
  blocksMs: {
    ...Object.fromEntries(Object.entries(blocks).map(([phase, measured]) => [phase, round(measured.longestBlockMs, 1)])),
    warmStart: warm.blockMs,
  },
  blocksBusyShare: {
    ...Object.fromEntries(Object.entries(blocks).map(([phase, measured]) => [phase, round(measured.busyShare, 2)])),
    warmStart: warm.busyShare,
  },
  blockMeter: '10 ms interval drift; busy = share of the longest gap the main thread was running (event-loop utilisation)',
  newFileMethod: 'writeFile, then sync({ ids: [id] }), polling search every 10 ms',
  warmStart: warm,
  bare: { documents: bare.documents, heapMB: bare.heapMB, peakRssMB: bare.peakRssMB, blockMs: bare.blockMs },
  persistedMB: megabytes(persistedBytes),
  corpus: values.synthetic !== undefined ? { synthetic: count, seed, sources } : { folder: path.resolve(values.corpus!) },
  node: process.version,
  cores: os.cpus().length,
};

if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const s = (value: number) => `${value.toFixed(2)} s`;
  const latencyText = (value: Latency) => `${ms(value.p50Ms)} / ${ms(value.p95Ms)} / ${ms(value.p99Ms)}`;
  const rows: Array<[string, string, string, string]> = [
    ['measure', 'Newsdesk', 'bare MiniSearch', 'target (100k)'],
    ['cold build', `${s(result.build.seconds)} (${result.build.mbPerSecond} MB/s)`, `${s(bare.addAllSeconds)} (${round(textMB / bare.addAllSeconds, 2)} MB/s)`, ''],
    ['build ratio (bare s / our s)', String(result.build.ratio), '', '≥ 1.0, aim 2'],
    ['peak heap / RSS', `${result.heapMB} / ${result.rssMB} MB`, `${bare.heapMB} MB heap after addAll / ${bare.peakRssMB} MB`, 'RSS ≤ 1,500 MB'],
    ['heap after build (after GC)', `${heapAfterBuildMB} MB`, '', ''],
    ['warm start, second process', `${s(warm.readySeconds)} ready (${s(warm.processReadySeconds)} from process start), first answer ${s(warm.firstAnswerSeconds)}, synced ${s(warm.loadedSeconds)}`, '', '≤ 5 s (1 s at 20k)'],
    ['search p50 / p95 / p99', `${latencyText(query)} (with excerpts)`, `${latencyText(bare.query)} (search only)`, 'p95 < 50 ms'],
    ['/quotes p95, /summary p95', `${ms(result.quotesP95Ms)}, ${ms(result.summaryP95Ms)}`, '', '< 50 ms'],
    ['autocomplete p95', ms(result.autocompleteP95Ms), '', '< 20 ms'],
    ['first people list, first title list', `${ms(result.firstPeopleMs)}, ${ms(result.firstTitleSuggestionMs)}`, '', 'within the 3 s deadline'],
    ['new file searchable', s(result.newFileSearchableSeconds), '', '≤ 2 s'],
    ['save after one new file', s(result.saveSeconds), '', 'proportional to the change'],
    ['first save after build', s(result.firstSaveSeconds), '', ''],
    ...Object.entries(result.blocksMs).map(([phase, value]): [string, string, string, string] => [
      `longest block: ${phase}`,
      `${ms(value)} (${Math.round(100 * (result.blocksBusyShare as Record<string, number>)[phase]!)}% busy)`,
      phase === 'build' ? `addAll ${ms(bare.blockMs)}` : '',
      '< 100 ms',
    ]),
    ['persisted in the data folder', `${result.persistedMB} MB`, '', ''],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`Newsdesk bench: ${articles} articles, ${textMB} MB of text; engine ${engineText}; Node ${process.version}, ${os.cpus().length} cores`);
  for (const row of rows) console.log(row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join(' | '));
  console.log(`search p95 by kind: ${Object.entries(byKind).map(([kind, value]) => `${kind} ${ms(value.p95Ms)}`).join(', ')}`);
  console.log(`Blocks: ${result.blockMeter}. New file: ${result.newFileMethod}.`);
}
