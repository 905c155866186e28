/**
 * Scores Newsdesk's summarizer against reference summaries, with Lead-3 and TextRank on the same articles in
 * the same run, and checks the corpus loader's dates against the references.
 *
 *   npm run eval:summaries -- --corpus DIR --refs FILE [--limit N] [--split N] [--against highlights|extractive]
 *                             [--no-ablations] [--show N]
 *   npm run eval:summaries -- --corpus DIR --show N        (no references: print N summaries to read)
 *
 * ROUGE is set up like the CNN corpus README anchors (scripts/lib/rouge.ts). The articles are split in two in
 * reference order: the first --split articles (default half) were used to choose the summarizer's weights,
 * the rest are held out; both halves and the whole are printed.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Article } from '../src/corpus/article.js';
import { findArticleFiles } from '../src/corpus/find.js';
import { loadArticle } from '../src/corpus/load.js';
import { analyzeArticle } from '../src/analysis/analyze.js';
import { splitSentences } from '../src/analysis/sentences.js';
import { summarize } from '../src/analysis/summary.js';
import type { Sentence } from '../src/analysis/types.js';
import { SearchIndex } from '../src/index/searchIndex.js';
import { bodyText } from '../src/corpus/article.js';
import { readReferences, type Reference } from './lib/cnn-corpus.js';
import { RougeAverage, scoreSummary, type RougeScores } from './lib/rouge.js';
import { ABLATIONS, BASELINES, NEWSDESK, type SummarySystem } from './lib/summary-systems.js';

const USAGE =
  'usage: npm run eval:summaries -- --corpus DIR [--refs FILE] [--limit N] [--split N] [--against highlights|extractive] [--no-ablations] [--show N]';
const MAX_BYTES = 5 * 1024 * 1024;

interface Loaded {
  id: string;
  article: Article;
  sentences: Sentence[];
  reference: Reference | null;
}

/** CPU time of this process in ms: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) fail(`--${name} must be a whole number above 0, not "${value}"`);
  return number;
}

async function loadAll(corpus: string, ids: string[], references: Map<string, Reference>) {
  const loaded: Loaded[] = [];
  const skipped: string[] = [];
  let loadMs = 0;
  let splitMs = 0;
  for (const id of ids) {
    const started = cpuMs();
    const result = await loadArticle(corpus, id, { maxBytes: MAX_BYTES });
    loadMs += cpuMs() - started;
    if (!result.ok) {
      skipped.push(`${id}: ${result.skipped.reason}`);
      continue;
    }
    const splitStarted = cpuMs();
    const sentences = splitSentences(result.article.blocks);
    splitMs += cpuMs() - splitStarted;
    loaded.push({ id, article: result.article, sentences, reference: references.get(id) ?? null });
  }
  return { loaded, skipped, loadMs, splitMs };
}

/** A title cut from the first sentence would only repeat it, so the summarizer is given real titles only. */
function realTitle(article: Article): string | undefined {
  return article.titleDerived ? undefined : article.title;
}

function reportDates(loaded: readonly Loaded[], references: readonly Reference[], skipped: number): void {
  const byId = new Map(loaded.map((entry) => [entry.id, entry.article.date]));
  let exact = 0;
  let wrong = 0;
  let missing = 0;
  let undatedKept = 0;
  let undatedInvented = 0;
  const problems: string[] = [];
  for (const reference of references) {
    if (!byId.has(reference.file)) continue;
    const got = byId.get(reference.file) ?? null;
    if (reference.date === null) {
      if (got === null) undatedKept++;
      else {
        undatedInvented++;
        problems.push(`${reference.file}: reference undated, loader says ${got}`);
      }
    } else if (got === reference.date) exact++;
    else if (got === null) {
      missing++;
      problems.push(`${reference.file}: reference ${reference.date}, loader found no date`);
    } else {
      wrong++;
      problems.push(`${reference.file}: reference ${reference.date}, loader says ${got}`);
    }
  }
  const dated = exact + wrong + missing;
  console.log(`\nDates (corpus loader vs references; ${skipped} file(s) not loaded):`);
  console.log(`  dated references: ${dated}: exactly right ${exact}, wrong ${wrong}, missing ${missing} (${((100 * exact) / Math.max(1, dated)).toFixed(2)}% exact)`);
  console.log(`  undated references: ${undatedKept + undatedInvented}: left undated ${undatedKept}, given a date ${undatedInvented}`);
  for (const line of problems.slice(0, 20)) console.log(`    ${line}`);
  if (problems.length > 20) console.log(`    … ${problems.length - 20} more`);
}

type Field = 'highlights' | 'extractive';
const fmt = (value: number) => value.toFixed(2).padStart(6);

/** One ROUGE table: a row per system, columns for the tune half, the held-out half and all articles. */
function printTable(field: Field, systems: readonly SummarySystem[], outputs: Map<string, string[][]>, entries: readonly Loaded[], split: number): void {
  const parts: Array<[string, number, number]> = [
    [`tune 1–${split}`, 0, split],
    [`held-out ${split + 1}–${entries.length}`, split, entries.length],
    [`all ${entries.length}`, 0, entries.length],
  ];
  const nameWidth = Math.max(...systems.map((system) => system.name.length)) + 2;
  console.log(`\nROUGE F1 ×100 against ${field} (R1 R2 RLsum), macro-averaged`);
  console.log(`${''.padEnd(nameWidth)}${parts.map(([label]) => label.padEnd(20)).join(' | ')}`);
  const means = new Map<string, RougeScores[]>();
  for (const system of systems) {
    const summaries = outputs.get(system.name)!;
    const scores = entries.map((entry, i) => scoreSummary(summaries[i]!, entry.reference![field]));
    const row = parts.map(([, from, to]) => {
      const average = new RougeAverage();
      for (let i = from; i < to; i++) average.add(scores[i]!);
      return average.mean();
    });
    means.set(system.name, row);
    console.log(`${system.name.padEnd(nameWidth)}${row.map(formatScores).join(' | ')}`);
  }
  const lead = means.get('Lead-3');
  const ours = means.get(NEWSDESK.name);
  if (!lead || !ours) return;
  const deltas = parts.map((_, k) => formatScores({ r1: ours[k]!.r1 - lead[k]!.r1, r2: ours[k]!.r2 - lead[k]!.r2, rl: ours[k]!.rl - lead[k]!.rl }));
  console.log(`${'Δ vs Lead-3'.padEnd(nameWidth)}${deltas.join(' | ')}`);
  if (field !== 'highlights') return;
  const verdict = parts.map(([label], k) => {
    const met = ours[k]!.r1 - lead[k]!.r1 >= 1 && ours[k]!.r2 >= lead[k]!.r2;
    return `${label}: ${met ? 'met' : 'NOT met'}`;
  });
  console.log(`target (R1 ≥ Lead-3 + 1, R2 ≥ Lead-3): ${verdict.join('; ')}`);
}

const formatScores = (m: RougeScores) => `${fmt(m.r1)}${fmt(m.r2)}${fmt(m.rl)}`.padEnd(20);

function describe(summaries: readonly string[][]): string {
  let chars = 0;
  let sentences = 0;
  for (const summary of summaries) {
    chars += summary.join(' ').length;
    sentences += summary.length;
  }
  const count = Math.max(1, summaries.length);
  return `${(sentences / count).toFixed(2)} sentences, ${(chars / count).toFixed(0)} chars`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      refs: { type: 'string' },
      limit: { type: 'string' },
      split: { type: 'string' },
      against: { type: 'string' },
      show: { type: 'string' },
      'no-ablations': { type: 'boolean' },
    },
  });
  if (!values.corpus) fail('--corpus DIR is required (the folder of articles)');
  const limit = positiveInt(values.limit, 'limit');
  const show = positiveInt(values.show, 'show') ?? 0;
  if (values.against !== undefined && values.against !== 'highlights' && values.against !== 'extractive') {
    fail(`--against must be "highlights" or "extractive", not "${values.against}"`);
  }
  const fields: Field[] = values.against ? [values.against as Field] : ['highlights', 'extractive'];

  if (!existsSync(values.corpus) || !statSync(values.corpus).isDirectory()) fail(`--corpus ${values.corpus} is not a folder of articles`);
  if (values.refs && !existsSync(values.refs)) fail(`--refs ${values.refs} does not exist (a JSONL file, one reference per line)`);
  const references = values.refs ? readReferences(values.refs) : [];
  const chosen = (values.refs ? references.map((reference) => reference.file) : await findArticleFiles(values.corpus)).slice(0, limit);
  const { loaded, skipped, loadMs, splitMs } = await loadAll(values.corpus, chosen, new Map(references.map((r) => [r.file, r])));
  console.log(`corpus: ${values.corpus}: ${loaded.length} articles loaded, ${skipped.length} skipped`);
  for (const line of skipped.slice(0, 10)) console.log(`  skipped ${line}`);
  if (loaded.length === 0) fail('no article could be loaded: check that --corpus is the folder the references\' "file" paths are relative to');

  const systems = [NEWSDESK, ...BASELINES, ...(values['no-ablations'] ? [] : ABLATIONS)];
  const outputs = new Map<string, string[][]>();
  const timings = new Map<string, number>();
  for (const system of systems) {
    const started = cpuMs();
    outputs.set(system.name, loaded.map((entry) => system.run({ title: realTitle(entry.article), sentences: entry.sentences })));
    timings.set(system.name, cpuMs() - started);
  }

  // The cost to beat: building the search index over the same articles.
  const indexStarted = cpuMs();
  const index = new SearchIndex();
  for (const entry of loaded) index.put({ id: entry.id, title: entry.article.title, body: bodyText(entry.article), date: entry.article.date });
  const indexMs = cpuMs() - indexStarted;
  // Summarizing again with a warm JIT (and stem cache) gives the steady-state figure.
  const warmStarted = cpuMs();
  for (const entry of loaded) summarize(entry.sentences, { title: realTitle(entry.article) });
  const warmMs = cpuMs() - warmStarted;
  // The product's path (analyzeArticle, used by the CLI and the bot) must give the summaries scored here.
  const evaluated = outputs.get(NEWSDESK.name)!;
  const analysisStarted = cpuMs();
  const shipped = loaded.map((entry) => analyzeArticle(entry.article).summary);
  const analysisMs = cpuMs() - analysisStarted;
  const same = shipped.filter((summary, i) => summary.join('\n') === evaluated[i]!.join('\n')).length;

  for (const entry of loaded.slice(0, show)) {
    console.log(`\n## ${entry.article.title} (${entry.id}, ${entry.article.date ?? 'undated'})`);
    for (const sentence of outputs.get(NEWSDESK.name)![loaded.indexOf(entry)]!) console.log(`  - ${sentence}`);
    if (entry.reference) console.log(`  highlights: ${entry.reference.highlights.join(' | ')}`);
  }

  const scored = loaded.filter((entry) => entry.reference !== null);
  if (scored.length > 0) {
    const split = Math.min(positiveInt(values.split, 'split') ?? Math.floor(scored.length / 2), scored.length);
    const scoredOutputs = new Map([...outputs].map(([name, summaries]) => [name, summaries.filter((_, i) => loaded[i]!.reference !== null)]));
    for (const field of fields) printTable(field, systems, scoredOutputs, scored, split);
    console.log('\nRows:');
    for (const system of systems) console.log(`  ${system.name.padEnd(18)} ${system.note}; ${describe(outputs.get(system.name)!)}`);
    reportDates(loaded, references, skipped.length);
  }

  console.log(`\nShipped path: analyzeArticle() gives the evaluated Newsdesk summary for ${same} of ${loaded.length} articles.`);
  if (same < loaded.length) console.log('  (analyze.ts must call summarize(sentences, { title: article.titleDerived ? undefined : article.title }))');
  const perArticle = (ms: number) => `${((1000 * ms) / Math.max(1, loaded.length)).toFixed(0)} µs/article`;
  console.log(`\nCPU time for ${loaded.length} articles:`);
  console.log(`  load ${loadMs.toFixed(0)} ms, sentence split ${splitMs.toFixed(0)} ms`);
  console.log(`  indexing: search index build ${indexMs.toFixed(0)} ms (${perArticle(indexMs)}), full analysis ${analysisMs.toFixed(0)} ms (${perArticle(analysisMs)})`);
  console.log(`  Newsdesk summaries ${timings.get(NEWSDESK.name)!.toFixed(0)} ms cold, ${warmMs.toFixed(0)} ms warm (${perArticle(warmMs)}); TextRank ${timings.get('TextRank')!.toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
