/**
 * Search quality on the Cranfield collection, through the real search path: the articles/ folder is loaded,
 * analysed and indexed by the catalog, and every query goes through catalog.search().
 *
 *   npm run eval:search -- --data DIR [--compare]
 *
 * Prints nDCG@10 (gain 2^grade − 1) and MAP (grades 1–4 relevant) over all queries. --compare also ranks
 * with alternative settings on the same index, which is how the defaults in src/index/searchIndex.ts were
 * chosen. Reference (README of the data set): MiniSearch defaults + stop words + Porter, nDCG@10 0.3573,
 * MAP 0.3011.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bodyText } from '../src/corpus/article.js';
import { openCatalog } from '../src/index/catalog.js';
import { DEFAULT_RANKING, SearchIndex, type RankingSettings } from '../src/index/searchIndex.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, compare: { type: 'boolean', default: false } } });
if (!values.data) {
  console.error('Usage: npm run eval:search -- --data DIR   (DIR holds articles/, queries.jsonl and qrels.tsv)');
  process.exit(2);
}
const dataDir = path.resolve(values.data);

interface Query {
  id: string;
  text: string;
}

const queries = (await readFile(path.join(dataDir, 'queries.jsonl'), 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Query);
const judgements = new Map<string, Map<string, number>>();
for (const line of (await readFile(path.join(dataDir, 'qrels.tsv'), 'utf8')).split('\n').slice(1)) {
  const [queryId, docId, grade] = line.split('\t');
  if (!queryId || !docId || !grade) continue;
  if (!judgements.has(queryId)) judgements.set(queryId, new Map());
  judgements.get(queryId)!.set(docId, Number(grade));
}

/** nDCG@10 and average precision of one ranking. */
function score(ranking: readonly string[], relevant: ReadonlyMap<string, number>): { ndcg: number; ap: number } {
  const gain = (grade: number) => 2 ** grade - 1;
  let dcg = 0;
  ranking.slice(0, 10).forEach((id, rank) => (dcg += gain(relevant.get(id) ?? 0) / Math.log2(rank + 2)));
  let ideal = 0;
  [...relevant.values()]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .forEach((grade, rank) => (ideal += gain(grade) / Math.log2(rank + 2)));
  let found = 0;
  let precisionSum = 0;
  ranking.forEach((id, rank) => {
    if (relevant.has(id)) precisionSum += ++found / (rank + 1);
  });
  return { ndcg: ideal > 0 ? dcg / ideal : 0, ap: relevant.size > 0 ? precisionSum / relevant.size : 0 };
}

function evaluate(rank: (query: string) => string[]): { ndcg: number; map: number } {
  let ndcg = 0;
  let map = 0;
  for (const query of queries) {
    const result = score(rank(query.text), judgements.get(query.id) ?? new Map());
    ndcg += result.ndcg;
    map += result.ap;
  }
  return { ndcg: ndcg / queries.length, map: map / queries.length };
}

const docId = (articleId: string) => path.basename(articleId).replace(/\.(?:md|txt)$/i, '');

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-eval-search-'));
try {
  const started = performance.now();
  const catalog = await openCatalog({ corpusDir: path.join(dataDir, 'articles'), dataDir: work, maxBytes: 5 * 1024 * 1024 });
  const loaded = await catalog.loaded;
  if (loaded.error) throw new Error(loaded.error);
  console.log(`Indexed ${catalog.size} articles (${catalog.skipped().length} skipped) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${queries.length} queries.`);

  const ours = evaluate((query) => catalog.search(query, { limit: catalog.size }).map((hit) => docId(hit.id)));
  const settings = `title boost ${DEFAULT_RANKING.titleBoost}, BM25 k ${DEFAULT_RANKING.bm25.k} b ${DEFAULT_RANKING.bm25.b} d ${DEFAULT_RANKING.bm25.d}, OR`;
  console.log(`\nnDCG@10 ${ours.ndcg.toFixed(4)}   MAP ${ours.map.toFixed(4)}   (catalog.search: ${settings})`);
  console.log('reference: nDCG@10 0.3573   MAP 0.3011   (MiniSearch defaults + stop words + Porter)');

  if (values.compare) {
    const index = new SearchIndex();
    for (const meta of catalog.all()) {
      const article = catalog.get(meta.id)!;
      index.put({ id: article.id, title: article.title, body: bodyText(article), date: article.date });
    }
    console.log('\nBest 15 of 72 alternatives on the same index (titleBoost, k, b, d → nDCG@10, MAP):');
    const rows: Array<{ ranking: RankingSettings; ndcg: number; map: number }> = [];
    for (const titleBoost of [1, 1.5, 2, 3]) {
      for (const k of [1.2, 1.5, 2]) {
        for (const b of [0.5, 0.75, 0.9]) {
          for (const d of [0, 0.5]) {
            const ranking = { titleBoost, bm25: { k, b, d } };
            rows.push({ ranking, ...evaluate((query) => index.search(query, { limit: index.size, ranking }).map((hit) => docId(hit.id))) });
          }
        }
      }
    }
    rows.sort((a, b) => b.ndcg - a.ndcg);
    for (const { ranking, ndcg, map } of rows.slice(0, 15)) {
      console.log(`  ${ranking.titleBoost}\t${ranking.bm25.k}\t${ranking.bm25.b}\t${ranking.bm25.d}\t→ ${ndcg.toFixed(4)}\t${map.toFixed(4)}`);
    }
  }
  await catalog.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
