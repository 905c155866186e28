/**
 * A synthetic news corpus of any size, for benchmarks: articles of about 4 KB made by recombining real
 * paragraphs, titles and names from a folder of articles (Reuters and CNN by default, the repo's seeds as the
 * fallback), with dates over ten years and quotes ("…," X said / X said that …) by real names.
 *
 * Article i depends only on the pool, the seed and i, so a corpus of N is the same on every machine and its
 * first M articles are the corpus of M.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findArticleFiles } from '../../src/corpus/find.js';
import { mulberry32 } from './random.js';

/** Bump when the output for the same pool, seed and index changes: an --out folder is then regenerated. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 9;
/** The text aimed at per article, in characters (the corpus: ~4 KB an article). */
export const TARGET_ARTICLE_CHARS = 4_000;
const FIRST_DAY = Date.UTC(2016, 0, 1);
const DAYS_IN_TEN_YEARS = 3_653;
const ARTICLES_PER_FOLDER = 1_000;
const WRITE_CONCURRENCY = 64;
const MANIFEST = '.synthetic.json';

/** What articles are recombined from. */
export interface SourcePool {
  paragraphs: string[];
  /** Plain sentences (no quotation marks, no reporting verb), to be put in someone's mouth. */
  sentences: string[];
  names: string[];
  titles: string[];
  sources: string[];
}

export interface SyntheticArticle {
  /** Path relative to the corpus folder. */
  id: string;
  text: string;
}


/** A generator of numbers in [0, 1) for one (seed, stream) pair; exported for the benchmark's query mix. */
export function seededRandom(seed: number, stream = 0): () => number {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}

// ---- Building the pool ----

/** Capitalised words that open sentences or name groups, not people ("The Minister", "But Smith"). */
const NOT_A_FIRST_NAME = new Set(
  ('The A An And But Or If In On At Of For To From By With As It He She They We You I This That These Those There Here ' +
    'When While After Before Since Then Now Also Officials Police Analysts Sources Mr Mrs Ms Dr President Minister Prime ' +
    'Secretary Senator Governor General Chief Director Spokesman Spokeswoman Chairman Monday Tuesday Wednesday Thursday ' +
    'Friday Saturday Sunday January February March April May June July August September October November December ' +
    'North South East West New United European American British Chinese Japanese Soviet Wall Street White House')
    .split(' '),
);
const NAME = String.raw`[A-Z][a-z]{1,15}(?: [A-Z]\.)? [A-Z][a-z]{2,15}(?:-[A-Z][a-z]{2,15})?`;
// Attributions of quotes ("…," Smith said / "…," said Smith) name people far more often than a bare "X said" does.
const SPEAKER_BEFORE = new RegExp(String.raw`[,"”] (${NAME}) (?:said|says|told)\b`, 'g');
const SPEAKER_AFTER = new RegExp(String.raw`[,"”] said (${NAME})\b`, 'g');
const ANY_NAME = new RegExp(String.raw`(?<=[a-z,] )(${NAME})\b`, 'g');

/** Words that end the names of companies and bodies, which the patterns above also catch ("Biogen Inc"). */
const ORGANISATION_WORD =
  /\b(?:Inc|Corp|Co|Ltd|Plc|Group|Union|Bank|Trust|Office|Industries|Systems|Holdings|Partners|Association|Council|Department|Ministry|Board|Fund|Company|Securities|Capital|Financial|International|National|Natural|Resources|Properties|Chemicals?|Mills|Nutrition|Marketing|Toys|Atlantic|Crystal|King|Refugees|Agency|Institute|University|Party|Airlines|Motors|Energy|Oil|Petroleum|Electric|Communications|Technologies|Services|Insurance|Investors|Exchange|Times|News|Post|Journal)\b/;

function plausibleName(name: string): boolean {
  return !ORGANISATION_WORD.test(name) && name.split(/[ -]/).every((word) => !NOT_A_FIRST_NAME.has(word));
}

function frontMatter(text: string): { fields: Map<string, string>; body: string } {
  const fields = new Map<string, string>();
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) return { fields, body: text };
  for (const line of match[1]!.split(/\r?\n/)) {
    const field = /^(\w+):\s*(.*)$/.exec(line);
    if (!field) continue;
    let value = field[2]!.trim();
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        // A title with an unbalanced quote is still a title.
      }
    }
    fields.set(field[1]!, value);
  }
  return { fields, body: text.slice(match[0].length) };
}

/** Prose, not a table row or a caption: long enough, mostly letters, and ending a sentence. */
function isProse(paragraph: string): boolean {
  if (paragraph.length < 80 || paragraph.length > 1_200) return false;
  const letters = paragraph.match(/\p{L}/gu)?.length ?? 0;
  return letters / paragraph.length > 0.7 && /[.!?"”]$/.test(paragraph);
}

function isPlainSentence(sentence: string): boolean {
  return (
    sentence.length >= 40 &&
    sentence.split(' ').length >= 8 &&
    sentence.length <= 300 &&
    /^[A-Z][a-z]/.test(sentence) &&
    sentence.endsWith('.') &&
    !/["“”'‘’]|\bsaid\b|\bsays\b|\btold\b/.test(sentence)
  );
}

/** Title Case for the wire's ALL-CAPS headlines; other titles as written. */
function readableTitle(title: string): string {
  if (/\p{Ll}/u.test(title)) return title;
  return title.toLowerCase().replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}

/** The pool from the texts of article files (Markdown with front matter, or plain text with a title line). */
export function poolFromTexts(texts: Iterable<string>): SourcePool {
  const paragraphs = new Set<string>();
  const sentences = new Set<string>();
  const speakers = new Set<string>();
  const otherNames = new Set<string>();
  const titles = new Set<string>();
  const sources = new Set<string>();
  for (const text of texts) {
    const { fields, body } = frontMatter(text);
    const blocks = body.split(/\r?\n\s*\r?\n/).map((block) => block.replace(/\s+/g, ' ').trim());
    const title = fields.get('title') ?? blocks.shift()?.replace(/^date \d{4}-\d{2}-\d{2} /, '');
    if (title && title.length >= 10 && title.length <= 160) titles.add(readableTitle(title));
    const source = fields.get('source');
    if (source) sources.add(source);
    for (const block of blocks) {
      // Headings and table rows are capitalised throughout: only prose names people reliably.
      if (!isProse(block)) continue;
      paragraphs.add(block);
      for (const pattern of [SPEAKER_BEFORE, SPEAKER_AFTER]) {
        for (const match of block.matchAll(pattern)) if (plausibleName(match[1]!)) speakers.add(match[1]!);
      }
      for (const match of block.matchAll(ANY_NAME)) if (plausibleName(match[1]!)) otherNames.add(match[1]!);
      for (const sentence of block.split(/(?<=[a-z0-9][.!?])\s+(?=[A-Z])/)) if (isPlainSentence(sentence)) sentences.add(sentence);
    }
  }
  // People seen speaking are the realistic speakers; a small folder (the seeds) may name people only in passing.
  const names = speakers.size >= 5 ? speakers : new Set([...speakers, ...otherNames]);
  const pool = {
    paragraphs: [...paragraphs],
    sentences: [...sentences],
    names: [...names].sort(),
    titles: [...titles],
    sources: [...sources].sort(),
  };
  if (pool.paragraphs.length === 0 || pool.sentences.length === 0 || pool.names.length === 0 || pool.titles.length === 0) {
    throw new Error(
      `the source articles give too little to recombine (${pool.paragraphs.length} paragraphs, ${pool.sentences.length} sentences,` +
        ` ${pool.names.length} names, ${pool.titles.length} titles)`,
    );
  }
  return pool;
}

/** Reads every article file under the folders, in a fixed order. */
export async function readSourcePool(folders: readonly string[]): Promise<SourcePool> {
  const texts: string[] = [];
  for (const folder of folders) {
    for (const id of await findArticleFiles(folder)) texts.push(await readFile(path.join(folder, id), 'utf8'));
  }
  return poolFromTexts(texts);
}

/**
 * The default source folders: `shared/data/reuters21578` and `shared/data/cnn-corpus` beside the repo (or beside
 * a folder above it, for git worktrees), else the repo's seeds.
 */
export function defaultSourceFolders(repoRoot: string): string[] {
  for (let dir = path.dirname(path.resolve(repoRoot)); ; dir = path.dirname(dir)) {
    const found = ['reuters21578', 'cnn-corpus'].map((name) => path.join(dir, 'shared', 'data', name)).filter((folder) => existsSync(folder));
    if (found.length > 0) return found;
    if (path.dirname(dir) === dir) return [path.join(repoRoot, 'seeds')];
  }
}

// ---- Making articles ----

const QUOTE_EVERY_PARAGRAPHS = 3;

function quoteParagraph(random: () => number, pool: SourcePool): string {
  const name = pick(random, pool.names);
  const sentence = pick(random, pool.sentences);
  const words = sentence.slice(0, -1);
  const [open, close] = random() < 0.5 ? ['“', '”'] : ['"', '"'];
  const form = Math.floor(random() * 3);
  // A reported clause reads right only when its first word is not a name ("X said that the …", not "that Iran").
  if (form === 2 && /^(?:The|A|An|It|This|There|These|Those|Some|Many|Most|Its|Their|Our)\b/.test(sentence)) {
    return `${name} said that ${sentence[0]!.toLowerCase()}${sentence.slice(1)}`;
  }
  return form === 0 ? `${open}${words},${close} ${name} said.` : `${open}${words},${close} said ${name}.`;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

export function syntheticId(index: number): string {
  return `${String(Math.floor(index / ARTICLES_PER_FOLDER)).padStart(3, '0')}/${String(index).padStart(6, '0')}.md`;
}

/** Article `index` of the corpus made from `pool` with `seed`. */
export function syntheticArticle(pool: SourcePool, index: number, seed = DEFAULT_SEED): SyntheticArticle {
  const random = seededRandom(seed, index);
  const date = new Date(FIRST_DAY + Math.floor(random() * DAYS_IN_TEN_YEARS) * 86_400_000).toISOString().slice(0, 10);
  const title = pick(random, pool.titles);
  const source = pool.sources.length > 0 ? pick(random, pool.sources) : 'Newsdesk Wire';
  const url = `https://news.example.com/${date.replaceAll('-', '/')}/${slug(title)}-${index}`;
  const target = TARGET_ARTICLE_CHARS * (0.85 + random() * 0.2);
  const body: string[] = [];
  let length = 0;
  while (length < target) {
    const paragraph = body.length % QUOTE_EVERY_PARAGRAPHS === 1 ? quoteParagraph(random, pool) : pick(random, pool.paragraphs);
    body.push(paragraph);
    length += paragraph.length + 2;
  }
  const text = `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\nsource: ${JSON.stringify(source)}\nurl: ${url}\n---\n\n${body.join('\n\n')}\n`;
  return { id: syntheticId(index), text };
}

// ---- Writing a corpus folder ----

interface Manifest {
  version: number;
  seed: number;
  count: number;
  sources: string[];
}

export interface WrittenCorpus {
  folder: string;
  /** True when the folder already held this corpus and nothing was written. */
  reused: boolean;
}

async function readManifest(folder: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(path.join(folder, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/**
 * Writes articles 0…count-1 to `folder`, or keeps what is there when it holds the same corpus (the manifest is
 * written last, so an interrupted run is regenerated). A non-empty folder that is not a synthetic corpus is
 * refused rather than overwritten. `loadPool` is called only when something must be written.
 */
export async function writeSyntheticCorpus(options: {
  folder: string;
  count: number;
  seed: number;
  sources: readonly string[];
  loadPool: () => Promise<SourcePool>;
  onProgress?: (written: number) => void;
}): Promise<WrittenCorpus> {
  const { folder, count, seed } = options;
  const wanted: Manifest = { version: GENERATOR_VERSION, seed, count, sources: options.sources.map((source) => path.resolve(source)) };
  const existing = await readManifest(folder);
  if (existing && JSON.stringify(existing) === JSON.stringify(wanted)) return { folder, reused: true };
  const occupied = await stat(folder).then(async () => (await findArticleFiles(folder)).length > 0, () => false);
  if (occupied && !existing) throw new Error(`${folder} holds articles that are not a synthetic corpus; give an empty or new folder`);
  if (existing) await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const pool = await options.loadPool();
  for (let start = 0; start < count; start += WRITE_CONCURRENCY) {
    const batch: Promise<void>[] = [];
    for (let index = start; index < Math.min(count, start + WRITE_CONCURRENCY); index++) {
      const article = syntheticArticle(pool, index, seed);
      const file = path.join(folder, article.id);
      if (index % ARTICLES_PER_FOLDER === 0 || index === start) await mkdir(path.dirname(file), { recursive: true });
      batch.push(writeFile(file, article.text));
    }
    await Promise.all(batch);
    options.onProgress?.(Math.min(count, start + WRITE_CONCURRENCY));
  }
  await writeFile(path.join(folder, MANIFEST), `${JSON.stringify(wanted)}\n`);
  return { folder, reused: false };
}
