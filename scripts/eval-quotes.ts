/**
 * Quote attribution against gold annotations (issue 4's metric).
 *
 *   npm run eval:quotes -- --corpus DIR --gold FILE_OR_FOLDER [--show]
 *
 * For every article in the gold file(s): load it, analyse it, resolve each named-person quote's speaker to
 * its canonical corpus name with the people directory, and score (quote, person) pairs. Prints precision,
 * recall and F1, then the misses and the wrong attributions, one per line. --show also lists every quote.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { analyzeArticle } from '../src/analysis/analyze.js';
import { evaluateQuotes } from '../src/analysis/quoteEvaluation.js';
import type { GoldQuote } from '../src/analysis/quoteMetric.js';
import type { ArticleAnalysis } from '../src/analysis/types.js';
import { loadArticle } from '../src/corpus/load.js';

interface GoldFile {
  articles: Record<string, { quotes: GoldQuote[] }>;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function readGold(location: string): Promise<Map<string, GoldQuote[]>> {
  const info = await stat(location).catch(() => {
    throw new Error(`gold not found: ${location} (give a gold JSON file, or a folder of them, in the format of the seed gold)`);
  });
  const files = info.isDirectory()
    ? (await readdir(location)).filter((name) => name.endsWith('.json')).sort().map((name) => path.join(location, name))
    : [location];
  const gold = new Map<string, GoldQuote[]>();
  for (const file of files) {
    let parsed: GoldFile;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8')) as GoldFile;
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
    if (!parsed.articles || typeof parsed.articles !== 'object') throw new Error(`${file}: no "articles" object (see the seed gold's format)`);
    for (const [id, entry] of Object.entries(parsed.articles)) gold.set(id, [...(gold.get(id) ?? []), ...entry.quotes]);
  }
  return gold;
}

async function main(): Promise<void> {
  const corpus = argument('corpus');
  const goldPath = argument('gold');
  if (!corpus || !goldPath) {
    console.error('usage: npm run eval:quotes -- --corpus DIR --gold FILE_OR_FOLDER [--show]');
    process.exitCode = 2;
    return;
  }
  const gold = await readGold(goldPath);
  const analysed: Array<{ id: string; analysis: ArticleAnalysis }> = [];
  for (const id of gold.keys()) {
    const loaded = await loadArticle(path.resolve(corpus), id, { maxBytes: 5 * 1024 * 1024 });
    if (!loaded.ok) {
      console.error(`skipped ${id}: ${loaded.skipped.reason}`);
      continue;
    }
    analysed.push({ id, analysis: analyzeArticle(loaded.article) });
  }
  if (analysed.length === 0) {
    throw new Error(`None of the ${gold.size} gold articles could be loaded from ${corpus}: check that --corpus is the folder holding the files the gold names.`);
  }
  if (process.argv.includes('--show')) {
    for (const { id, analysis } of analysed) {
      for (const quote of analysis.quotes) console.log(`QUOTE\t${id}\t${quote.speakerType}:${quote.speaker}\t${quote.kind}\t${quote.text}`);
    }
  }
  const { articles: scores, totals: result } = evaluateQuotes(analysed, gold);
  console.log(`articles ${analysed.length}  gold quotes ${result.required}  produced ${result.produced}`);
  console.log(`precision ${result.precision.toFixed(3)}  recall ${result.recall.toFixed(3)}  F1 ${result.f1.toFixed(3)}`);
  for (const { id, score } of scores) {
    for (const miss of score.missed) console.log(`MISS\t${id}\t${miss.speaker}\t${miss.kind}\t${miss.text}`);
    for (const wrong of score.wrong) console.log(`WRONG\t${id}\t${wrong.speaker}\t${wrong.kind}\t${wrong.text}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
