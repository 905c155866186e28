/**
 * Loads every article of a corpus and reports dates: how many articles got one, and with --refs (JSONL lines
 * `{"file": …, "date": "YYYY-MM-DD" | null}`) how many match exactly, with every mismatch listed. Also prints
 * load speed, since the loader must keep up with a 100,000-article corpus.
 *
 *   npx tsx scripts/eval-dates.ts --corpus DIR [--refs FILE] [--max-bytes N]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { findArticleFiles } from '../src/corpus/find.js';
import { loadArticle } from '../src/corpus/load.js';
import { parseArticle } from '../src/corpus/parse.js';
import { readArticleFile } from '../src/corpus/read.js';
import { readJsonLines } from './lib/cnn-corpus.js';

/** The gold date of each file named in a JSONL references file (lines with at least "file" and "date"). */
function readRefs(file: string): Map<string, string | null> {
  const refs = new Map<string, string | null>();
  for (const { line, value } of readJsonLines(file)) {
    const ref = value as { file?: unknown; date?: unknown };
    if (typeof ref.file !== 'string') throw new Error(`${file}:${line}: needs "file"`);
    refs.set(ref.file, typeof ref.date === 'string' ? ref.date : null);
  }
  return refs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, refs: { type: 'string' }, 'max-bytes': { type: 'string' } },
  });
  if (!values.corpus) {
    console.error('usage: npx tsx scripts/eval-dates.ts --corpus DIR [--refs FILE] [--max-bytes N]');
    process.exit(2);
  }
  const root = values.corpus;
  const maxBytes = values['max-bytes'] ? Number(values['max-bytes']) : 5 * 1024 * 1024;

  const started = performance.now();
  const ids = await findArticleFiles(root);
  const listed = performance.now();

  const dates = new Map<string, string | null>();
  const skipped: string[] = [];
  let bytes = 0;
  let parseMs = 0;
  // Read in batches so the figure is the loader's, not the disk queue's.
  const BATCH = 64;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const results = await Promise.all(batch.map((id) => loadArticle(root, id, { maxBytes })));
    results.forEach((result, j) => {
      if (result.ok) dates.set(batch[j]!, result.article.date);
      else skipped.push(`${result.skipped.id}: ${result.skipped.reason}`);
    });
  }
  const loaded = performance.now();

  // Parse-only timing: the same texts, already in memory.
  const texts: Array<[string, string]> = [];
  for (const id of ids) {
    const read = await readArticleFile(root, id, { maxBytes });
    if (read.ok) {
      texts.push([id, read.text]);
      bytes += Buffer.byteLength(read.text);
    }
  }
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
  const parseStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (const [id, text] of texts) parseArticle(id, text);
  parseMs = performance.now() - parseStart;
  const cpu = process.cpuUsage(cpuStart);
  const parseCpuMs = (cpu.user + cpu.system) / 1000;

  const dated = [...dates.values()].filter((date) => date !== null).length;
  console.log(`corpus: ${root}`);
  console.log(`files: ${ids.length} found, ${dates.size} loaded, ${skipped.length} skipped`);
  for (const line of skipped.slice(0, 20)) console.log(`  skipped ${line}`);
  console.log(`dated: ${dated} of ${dates.size} (${((100 * dated) / Math.max(1, dates.size)).toFixed(1)}%), undated: ${dates.size - dated}`);
  console.log(
    `speed: list ${(listed - started).toFixed(0)} ms, load (read+decode+parse) ${(loaded - listed).toFixed(0)} ms ` +
      `= ${((1000 * dates.size) / (loaded - listed)).toFixed(0)} articles/s; parse only ${parseMs.toFixed(0)} ms for ` +
      `${(bytes / 1e6).toFixed(1)} MB = ${(bytes / 1e6 / (parseMs / 1000)).toFixed(1)} MB/s, ` +
      `${((1000 * parseMs) / Math.max(1, texts.length)).toFixed(0)} µs/article; parse CPU ${parseCpuMs.toFixed(0)} ms = ` +
      `${(bytes / 1e6 / (parseCpuMs / 1000)).toFixed(1)} MB/s`,
  );

  if (!values.refs) return;
  const refs = readRefs(values.refs);
  let withDate = 0;
  let exact = 0;
  let undatedRight = 0;
  let undatedRefs = 0;
  const mismatches: string[] = [];
  for (const [file, expected] of refs) {
    if (!dates.has(file)) {
      mismatches.push(`${file}: expected ${expected ?? 'undated'}, file not loaded`);
      continue;
    }
    const got = dates.get(file) ?? null;
    if (expected === null) {
      undatedRefs++;
      if (got === null) undatedRight++;
      else mismatches.push(`${file}: expected undated, got ${got}`);
      continue;
    }
    withDate++;
    if (got === expected) exact++;
    else mismatches.push(`${file}: expected ${expected}, got ${got ?? 'undated'}`);
  }
  console.log(`refs: ${refs.size} (${withDate} dated, ${undatedRefs} undated)`);
  console.log(`date accuracy: ${exact}/${withDate} dated refs exact (${((100 * exact) / Math.max(1, withDate)).toFixed(2)}%), ${undatedRight}/${undatedRefs} undated refs left undated`);
  console.log(`mismatches: ${mismatches.length}`);
  for (const line of mismatches) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
