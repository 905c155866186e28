/**
 * Speed of sentence splitting + people + quotes on one core, in MB of article text per second.
 *
 *   npm run bench:quotes -- --corpus DIR [--repeat N]
 *
 * Articles are loaded first (not timed); the timed part runs splitSentences, findPeople and extractQuotes
 * over every article, N times (default 3), and reports the best run. Time is this process's CPU time (user +
 * system), so other work on a busy machine does not distort the figure; wall time is shown beside it.
 * It then builds the people directory over the corpus repeated to 100,000 articles and times one lookup miss.
 */
import path from 'node:path';
import { bodyText } from '../src/corpus/article.js';
import { loadArticles } from './lib/load-corpus.js';
import { findPeople } from '../src/analysis/people.js';
import { buildPeopleDirectory, type DirectoryArticle } from '../src/analysis/peopleDirectory.js';
import { extractQuotes } from '../src/analysis/quotes.js';
import { splitSentences } from '../src/analysis/sentences.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const corpus = argument('corpus');
  if (!corpus) {
    console.error('usage: npm run bench:quotes -- --corpus DIR [--repeat N]');
    process.exitCode = 2;
    return;
  }
  const repeat = Math.max(1, Number(argument('repeat') ?? 3));
  const root = path.resolve(corpus);
  const articles = await loadArticles(root);
  const bodies = articles.map((article) => bodyText(article));
  const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body, 'utf8'), 0);
  let best = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  const analysed: DirectoryArticle[] = [];
  let quotes = 0;
  let people = 0;
  for (let run = 0; run < repeat; run++) {
    quotes = 0;
    people = 0;
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    articles.forEach((article, index) => {
      const sentences = splitSentences(article.blocks);
      const found = findPeople(sentences);
      people += found.length;
      const extracted = extractQuotes(bodies[index]!, sentences, found);
      quotes += extracted.length;
      if (run === 0) analysed.push({ id: `${index}`, analysis: { people: found, quotes: extracted } });
    });
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / 1e6);
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - started) / 1e9);
  }
  const megabytes = bytes / 1e6;
  console.log(`articles ${articles.length}  text ${megabytes.toFixed(2)} MB  people ${people}  quotes ${quotes}`);
  console.log(`best of ${repeat}: ${best.toFixed(2)} s CPU (${bestWall.toFixed(2)} s wall)  →  ${(megabytes / best).toFixed(2)} MB/s (sentences + people + quotes, one core)`);
  if (analysed.length === 0) return;
  const copies = Math.ceil(100_000 / analysed.length);
  const many: DirectoryArticle[] = [];
  for (let copy = 0; copy < copies && many.length < 100_000; copy++) {
    for (const article of analysed) many.push({ id: `${copy}/${article.id}`, analysis: article.analysis });
  }
  const directoryStart = process.hrtime.bigint();
  const directory = buildPeopleDirectory(many.slice(0, 100_000));
  const built = Number(process.hrtime.bigint() - directoryStart) / 1e9;
  const lookupStart = process.hrtime.bigint();
  directory.lookup('Vladimirr Putn');
  const missed = Number(process.hrtime.bigint() - lookupStart) / 1e6;
  console.log(`people directory over ${Math.min(many.length, 100_000)} articles: built in ${built.toFixed(2)} s, ${directory.list().length} people; an unknown-name lookup with suggestions took ${missed.toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
