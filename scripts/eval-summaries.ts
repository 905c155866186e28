/**
 * Scores Newsdesk's summarizer against reference summaries, with Lead-3 and TextRank on the same articles in
 * the same run, and checks the corpus loader's dates against the references.
 *
 *   npm run eval:summaries -- --corpus DIR --refs FILE [--limit N] [--against highlights|extractive]
 *                             [--no-ablations] [--show N]
 *   npm run eval:summaries -- --corpus DIR --show N        (no references: print N summaries to read)
 *
 * ROUGE is set up like the CNN corpus README anchors (scripts/lib/rouge.ts). The articles are split in two by a
 * hash of the file name, as scripts/train-summaries.ts splits them: the learned scorer was trained on the
 * "train" part, the "held-out" part was never seen. Columns: held-out, held-out hard news (by section, see
 * isHardNews), train, all; Newsdesk's difference to Lead-3 comes with a paired bootstrap 95% interval.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findArticleFiles } from '../src/corpus/find.js';
import { analyzeArticle } from '../src/analysis/analyze.js';
import { summarize } from '../src/analysis/summary.js';
import { SearchIndex } from '../src/index/searchIndex.js';
import { bodyText } from '../src/corpus/article.js';
import { isHardNews, readReferences, splitPart, type Reference } from './lib/cnn-corpus.js';
import { cpuMs, loadCorpus, realTitle, type LoadedArticle } from './lib/load-corpus.js';
import { readabilityProblems } from './lib/summary-checks.js';
import { RougeAverage, scoreSummary, type RougeScores } from './lib/rouge.js';
import { ABLATIONS, BASELINES, NEWSDESK, type SummarySystem } from './lib/summary-systems.js';
import { mulberry32 } from './lib/random.js';

const USAGE =
  'usage: npm run eval:summaries -- --corpus DIR [--refs FILE] [--limit N] [--against highlights|extractive] [--no-ablations] [--show N]';
/** Bootstrap resamples, and the seed of the generator that draws them (fixed: the same run prints the same CI). */
const RESAMPLES = 2000;
const SEED = 13;

type Loaded = LoadedArticle;

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

interface Part {
  label: string;
  /** Indices into the scored entries. */
  members: number[];
}


/** Paired bootstrap 95% interval of the mean difference (×100), resampling articles. */
function bootstrapInterval(differences: readonly number[]): [number, number] {
  const random = mulberry32(SEED);
  const n = differences.length;
  if (n === 0) return [0, 0];
  const means: number[] = [];
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += differences[Math.floor(random() * n)]!;
    means.push((100 * sum) / n);
  }
  means.sort((a, b) => a - b);
  return [means[Math.floor(0.025 * RESAMPLES)]!, means[Math.ceil(0.975 * RESAMPLES) - 1]!];
}

/** One ROUGE table: a row per system, a column group per part, then Newsdesk − Lead-3 with its interval. */
function printTable(field: Field, systems: readonly SummarySystem[], outputs: Map<string, string[][]>, entries: readonly Loaded[], parts: readonly Part[]): void {
  const nameWidth = Math.max(...systems.map((system) => system.name.length)) + 2;
  console.log(`\nROUGE F1 ×100 against ${field} (R1 R2 RLsum), macro-averaged`);
  console.log(`${''.padEnd(nameWidth)}${parts.map(({ label }) => label.padEnd(20)).join(' | ')}`);
  const perArticle = new Map<string, RougeScores[]>();
  for (const system of systems) {
    const summaries = outputs.get(system.name)!;
    const scores = entries.map((entry, i) => scoreSummary(summaries[i]!, entry.reference![field]));
    perArticle.set(system.name, scores);
    const row = parts.map(({ members }) => {
      const average = new RougeAverage();
      for (const i of members) average.add(scores[i]!);
      return average.mean();
    });
    console.log(`${system.name.padEnd(nameWidth)}${row.map(formatScores).join(' | ')}`);
  }
  const lead = perArticle.get('Lead-3');
  const ours = perArticle.get(NEWSDESK.name);
  if (!lead || !ours) return;
  console.log(`Newsdesk − Lead-3, paired bootstrap 95% interval (${RESAMPLES} resamples of articles):`);
  for (const { label, members } of parts) {
    const describeMetric = (metric: keyof RougeScores) => {
      const differences = members.map((i) => ours[i]![metric] - lead[i]![metric]);
      const mean = (100 * differences.reduce((sum, d) => sum + d, 0)) / Math.max(1, differences.length);
      const [low, high] = bootstrapInterval(differences);
      return `${metric.toUpperCase()} ${signed(mean)} [${signed(low)}, ${signed(high)}]`;
    };
    console.log(`  ${label.padEnd(24)} ${(['r1', 'r2', 'rl'] as const).map(describeMetric).join('   ')}`);
  }
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
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
  const { loaded, skipped, loadMs, splitMs } = await loadCorpus(values.corpus, chosen, new Map(references.map((r) => [r.file, r])));
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
    const indices = scored.map((_, i) => i);
    const heldOut = indices.filter((i) => splitPart(scored[i]!.id) === 'held-out');
    const parts: Part[] = [
      { label: `held-out ${heldOut.length}`, members: heldOut },
      { label: 'held-out hard news', members: heldOut.filter((i) => isHardNews(scored[i]!.reference!, scored[i]!.article.url)) },
      { label: 'train', members: indices.filter((i) => splitPart(scored[i]!.id) === 'train') },
      { label: `all ${scored.length}`, members: indices },
    ];
    parts[1]!.label = `held-out hard news ${parts[1]!.members.length}`;
    const scoredOutputs = new Map([...outputs].map(([name, summaries]) => [name, summaries.filter((_, i) => loaded[i]!.reference !== null)]));
    for (const field of fields) printTable(field, systems, scoredOutputs, scored, parts);
    console.log('  (hard news: category world, us, politics, justice or business; else the URL section; scripts/lib/cnn-corpus.ts)');
    console.log('\nRows:');
    for (const system of systems) console.log(`  ${system.name.padEnd(18)} ${system.note}; ${describe(outputs.get(system.name)!)}`);
    reportDates(loaded, references, skipped.length);
  }

  console.log('\nReadability of the summaries (share of articles):');
  for (const system of systems.filter((candidate) => candidate.name === NEWSDESK.name || candidate.name === 'Lead-3')) {
    const problems = readabilityProblems(outputs.get(system.name)!, loaded.map((entry) => entry.sentences));
    const share = (count: number) => `${((100 * count) / Math.max(1, loaded.length)).toFixed(1)}%`;
    console.log(`  ${system.name.padEnd(10)} ${Object.entries(problems).map(([name, count]) => `${name} ${share(count)}`).join(', ')}`);
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
