import { appendFile, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { analyzeArticle } from '../../src/analysis/analyze.js';
import { openCatalog, type LiveCatalog, type OpenCatalogOptions } from '../../src/index/catalog.js';
import { CatalogStore } from '../../src/index/store.js';
import { scratchCorpus } from './helpers.js';

let corpusDir: string;
let dataDir: string;
let cleanup: () => Promise<void>;
const open: LiveCatalog[] = [];

/** A clock the test moves by hand, and a count of analyses per article id. */
let clock: Date;
let analysed: Map<string, number>;
let warnings: string[];

beforeEach(async () => {
  ({ corpusDir, dataDir, cleanup } = await scratchCorpus());
  clock = new Date('2026-01-01T00:00:00.000Z');
  analysed = new Map();
  warnings = [];
});

afterEach(async () => {
  for (const catalog of open.splice(0)) await catalog.close();
  await cleanup();
});

async function start(overrides: Partial<OpenCatalogOptions> = {}): Promise<LiveCatalog> {
  const catalog = await openCatalog({
    corpusDir,
    dataDir,
    maxBytes: 100_000,
    now: () => clock,
    analyze: (article: Article) => {
      analysed.set(article.id, (analysed.get(article.id) ?? 0) + 1);
      return analyzeArticle(article);
    },
    logger: { info: () => {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
    ...overrides,
  });
  open.push(catalog);
  await catalog.loaded;
  return catalog;
}

async function stop(catalog: LiveCatalog): Promise<void> {
  open.splice(open.indexOf(catalog), 1);
  await catalog.close();
}

/** Moves a file's mtime (as an editor or a copy would) without changing its content. */
async function touch(id: string, secondsAhead = 10): Promise<void> {
  const when = new Date(Date.now() + secondsAhead * 1000);
  await utimes(path.join(corpusDir, id), when, when);
}

const ids = (catalog: LiveCatalog, query: string) => catalog.search(query).map((hit) => hit.id);

describe('catalog: first load', () => {
  it('loads every article, analyses it, indexes it and becomes ready', async () => {
    const catalog = await start();
    expect(catalog.ready).toBe(true);
    expect(catalog.size).toBe(7);
    expect(catalog.all().map((article) => article.id)).toContain('world/eu-sanctions.md');
    expect(ids(catalog, 'sanctions')[0]).toBe('world/eu-sanctions.md');
    const article = catalog.get('world/eu-sanctions.md')!;
    expect(article.analysis.sentences.length).toBeGreaterThan(0);
    expect(article.addedAt).toBe(clock.toISOString());
    expect(catalog.people().list().length).toBeGreaterThan(0);
  });

  it('answers searches while the first load is still running, without crashing', async () => {
    const catalog = await openCatalog({ corpusDir, dataDir, maxBytes: 100_000 });
    open.push(catalog);
    expect(catalog.ready).toBe(false);
    expect(() => catalog.search('sanctions')).not.toThrow();
    expect(() => catalog.suggestArticles('oil', 5)).not.toThrow();
    expect(() => catalog.people().list()).not.toThrow();
    await catalog.loaded;
    expect(catalog.ready).toBe(true);
    expect(ids(catalog, 'sanctions').length).toBeGreaterThan(0);
  });

  it('reports skipped files with one warning line each, and keeps the rest', async () => {
    await writeFile(path.join(corpusDir, 'empty.txt'), '');
    await writeFile(path.join(corpusDir, 'binary.md'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 0, 0]));
    await writeFile(path.join(corpusDir, 'huge.txt'), `Big file\n\n${'word '.repeat(30_000)}`);
    const catalog = await start();
    expect(catalog.size).toBe(7);
    expect(catalog.skipped().map((file) => file.id)).toEqual(['binary.md', 'empty.txt', 'huge.txt']);
    for (const file of catalog.skipped()) expect(file.reason.length).toBeGreaterThan(0);
    for (const id of ['binary.md', 'empty.txt', 'huge.txt']) {
      expect(warnings.filter((line) => line.includes(id))).toHaveLength(1);
    }
    // Still skipped on the next sync, without a second warning.
    await catalog.sync();
    expect(catalog.skipped()).toHaveLength(3);
    expect(warnings.filter((line) => line.includes('empty.txt'))).toHaveLength(1);
  });

  it('says what went wrong when the corpus folder is missing, and stays usable', async () => {
    await rm(corpusDir, { recursive: true });
    const catalog = await openCatalog({ corpusDir, dataDir, maxBytes: 100_000 });
    open.push(catalog);
    const report = await catalog.loaded;
    expect(report.error).toMatch(/CORPUS_DIR|not found/);
    expect(catalog.ready).toBe(true);
    expect(catalog.search('anything')).toEqual([]);
  });
});

describe('catalog: incremental sync', () => {
  it('does not read or analyse unchanged files again', async () => {
    const catalog = await start();
    const before = new Map(analysed);
    const report = await catalog.sync();
    expect(report.added).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(analysed).toEqual(before);
  });

  it('keeps addedAt and the analysis of a touched file whose content did not change', async () => {
    const catalog = await start();
    const addedAt = catalog.get('markets/rates.md')!.addedAt;
    clock = new Date('2026-02-01T00:00:00.000Z');
    await touch('markets/rates.md');
    const report = await catalog.sync();
    expect(report.changed).toEqual([]);
    expect(analysed.get('markets/rates.md')).toBe(1);
    expect(catalog.get('markets/rates.md')!.addedAt).toBe(addedAt);
  });

  it('re-analyses and re-indexes a changed file, with a new addedAt', async () => {
    const catalog = await start();
    clock = new Date('2026-02-01T00:00:00.000Z');
    await appendFile(path.join(corpusDir, 'markets/rates.md'), '\nThe bank also announced a review of its gold reserves.\n');
    const report = await catalog.sync();
    expect(report.changed).toEqual(['markets/rates.md']);
    expect(analysed.get('markets/rates.md')).toBe(2);
    expect(catalog.get('markets/rates.md')!.addedAt).toBe(clock.toISOString());
    expect(ids(catalog, 'gold reserves')).toEqual(['markets/rates.md']);
  });

  it('adds new files and removes deleted ones from the catalog and the index', async () => {
    const catalog = await start();
    clock = new Date('2026-02-01T00:00:00.000Z');
    await writeFile(path.join(corpusDir, 'world/harvest.md'), '---\ntitle: Wheat harvest breaks records\ndate: 2025-08-01\n---\n\nFarmers brought in a record wheat harvest this summer.\n');
    await rm(path.join(corpusDir, 'sport.txt'));
    const report = await catalog.sync();
    expect(report.added).toEqual(['world/harvest.md']);
    expect(report.removed).toEqual(['sport.txt']);
    expect(catalog.get('sport.txt')).toBeUndefined();
    expect(ids(catalog, 'derby')).toEqual([]);
    expect(ids(catalog, 'wheat')).toEqual(['world/harvest.md']);
    expect(catalog.get('world/harvest.md')!.addedAt).toBe(clock.toISOString());
    expect(catalog.size).toBe(7);
  });

  it('gives reverted content back its original addedAt', async () => {
    const catalog = await start();
    const original = await readFile(path.join(corpusDir, 'wildfire.txt'), 'utf8');
    const firstAdded = catalog.get('wildfire.txt')!.addedAt;
    clock = new Date('2026-02-01T00:00:00.000Z');
    await writeFile(path.join(corpusDir, 'wildfire.txt'), `${original}\nUpdate: volunteers delivered blankets to the shelters.\n`);
    await catalog.sync();
    expect(catalog.get('wildfire.txt')!.addedAt).toBe(clock.toISOString());
    expect(ids(catalog, 'blankets')).toEqual(['wildfire.txt']);
    clock = new Date('2026-03-01T00:00:00.000Z');
    await writeFile(path.join(corpusDir, 'wildfire.txt'), original);
    await touch('wildfire.txt', 20);
    const report = await catalog.sync();
    expect(report.changed).toEqual(['wildfire.txt']);
    expect(catalog.get('wildfire.txt')!.addedAt).toBe(firstAdded);
    expect(ids(catalog, 'blankets')).toEqual([]);
  });

  it('removes a file that becomes unreadable and reports it as skipped', async () => {
    const catalog = await start();
    await writeFile(path.join(corpusDir, 'sport.txt'), '');
    const report = await catalog.sync();
    expect(report.removed).toEqual(['sport.txt']);
    expect(report.newlySkipped.map((file) => file.id)).toEqual(['sport.txt']);
    expect(catalog.skipped().map((file) => file.id)).toEqual(['sport.txt']);
    expect(ids(catalog, 'derby')).toEqual([]);
  });

  it('tells listeners about changes, and shares one sync between calls made together', async () => {
    const catalog = await start();
    const seen: string[][] = [];
    const unsubscribe = catalog.onChange((report) => seen.push(report.added));
    await writeFile(path.join(corpusDir, 'new.txt'), 'Port strike ends\n\nDock workers returned to work on Monday after a week-long strike.\n');
    const [first, second] = await Promise.all([catalog.sync(), catalog.sync()]);
    expect(first).toBe(second);
    expect(seen).toEqual([['new.txt']]);
    await catalog.sync();
    expect(seen).toHaveLength(1); // nothing changed: no event
    unsubscribe();
  });

  it('looks only at the files it is given when asked to (as the watcher does)', async () => {
    const catalog = await start();
    await writeFile(path.join(corpusDir, 'listed.txt'), 'Ferry service resumes\n\nThe island ferry sailed again after repairs.\n');
    await writeFile(path.join(corpusDir, 'unlisted.txt'), 'Bridge reopens\n\nThe river bridge reopened to traffic.\n');
    await rm(path.join(corpusDir, 'sport.txt'));
    const report = await catalog.sync({ ids: ['listed.txt', 'sport.txt', 'notes.json', '../outside.txt'] });
    expect(report.added).toEqual(['listed.txt']);
    expect(report.removed).toEqual(['sport.txt']);
    expect(catalog.get('unlisted.txt')).toBeUndefined();
    // A sync of the whole folder picks up the rest.
    expect((await catalog.sync()).added).toEqual(['unlisted.txt']);
  });

  it('widens a queued file-list sync to the whole folder when a whole-folder sync joins it', async () => {
    const catalog = await start();
    await writeFile(path.join(corpusDir, 'one.txt'), 'One\n\nThe first of two new stories about harbours.\n');
    await writeFile(path.join(corpusDir, 'two.txt'), 'Two\n\nThe second of two new stories about harbours.\n');
    const [listed, whole] = await Promise.all([catalog.sync({ ids: ['one.txt'] }), catalog.sync()]);
    expect(listed).toBe(whole);
    expect(whole.added.sort()).toEqual(['one.txt', 'two.txt']);
  });

  it('keeps an article searchable when its analysis throws, and says so once', async () => {
    const catalog = await start({
      analyze: (article) => {
        if (article.id === 'sport.txt') throw new Error('analysis bug');
        return analyzeArticle(article);
      },
    });
    expect(ids(catalog, 'derby')).toEqual(['sport.txt']);
    expect(catalog.get('sport.txt')!.analysis.summary).toEqual([]);
    expect(warnings.filter((line) => line.includes('sport.txt') && line.includes('analysis bug'))).toHaveLength(1);
    // Not retried (nor reported as a change) at every sync while its content stays the same.
    const report = await catalog.sync();
    expect(report.reanalysed).toEqual([]);
    expect(warnings.filter((line) => line.includes('analysis bug'))).toHaveLength(1);
  });
});

describe('catalog: persistence', () => {
  const QUERIES = ['sanctions', 'oil prices', '"oil prices"', 'interest rates', 'derby', 'Zelenksy', 'wildfire'];

  it('reloads the same articles and search results from DATA_DIR without analysing again', async () => {
    const first = await start();
    const results = QUERIES.map((query) => first.search(query));
    const articles = first.all();
    const people = first.people().list();
    await stop(first);

    analysed.clear();
    const second = await start();
    expect(analysed.size).toBe(0);
    expect(QUERIES.map((query) => second.search(query))).toEqual(results);
    expect(second.all()).toEqual(articles);
    expect(second.people().list()).toEqual(people);
  });

  it('applies changes made while it was closed, analysing only those files', async () => {
    const first = await start();
    await stop(first);
    await appendFile(path.join(corpusDir, 'markets/oil-prices.md'), '\nShipping insurers raised premiums for tankers.\n');
    await rm(path.join(corpusDir, 'sport.txt'));
    analysed.clear();
    const second = await start();
    expect([...analysed.keys()]).toEqual(['markets/oil-prices.md']);
    expect(ids(second, 'tankers')).toEqual(['markets/oil-prices.md']);
    expect(ids(second, 'derby')).toEqual([]);
  });

  it('re-analyses every article once when the analysis version changes, keeping addedAt', async () => {
    const first = await start({ analysisVersion: 1 });
    const addedAt = first.get('wildfire.txt')!.addedAt;
    await stop(first);
    analysed.clear();
    clock = new Date('2026-05-01T00:00:00.000Z');
    const second = await start({ analysisVersion: 2 });
    expect(analysed.size).toBe(7);
    expect(second.get('wildfire.txt')!.addedAt).toBe(addedAt);
    await stop(second);
    analysed.clear();
    await start({ analysisVersion: 2 });
    expect(analysed.size).toBe(0);
  });

  it('rebuilds a saved index that is missing or damaged, from the saved articles', async () => {
    const first = await start();
    const results = QUERIES.map((query) => first.search(query));
    await stop(first);
    const store = CatalogStore.open(dataDir, corpusDir);
    store.writePieces(store.savedIndex()!.generation, 'index', 10_000, ['{"terms": [["bogus", {}]]}']);
    store.close();
    analysed.clear();
    const second = await start();
    expect(analysed.size).toBe(0);
    expect(QUERIES.map((query) => second.search(query))).toEqual(results);
  });

  it('starts again from the corpus when the database file is not a database', async () => {
    const first = await start();
    await stop(first);
    await writeFile(CatalogStore.fileFor(dataDir, corpusDir), 'this is not sqlite'.repeat(100));
    await rm(`${CatalogStore.fileFor(dataDir, corpusDir)}-wal`, { force: true });
    await rm(`${CatalogStore.fileFor(dataDir, corpusDir)}-shm`, { force: true });
    const second = await start();
    expect(second.size).toBe(7);
  });
});

describe('catalog: views after changes', () => {
  it('keeps the list by id and the newest-first suggestions exactly as a fresh load would build them', async () => {
    const catalog = await start();
    clock = new Date('2026-02-01T00:00:00.000Z');
    await writeFile(path.join(corpusDir, 'aaa-first.txt'), 'Early story\n\nA story whose id sorts first.\n');
    await writeFile(path.join(corpusDir, 'world/zz-dated.md'), '---\ntitle: Newest dated story\ndate: 2025-12-31\n---\n\nThe newest story in the corpus.\n');
    await rm(path.join(corpusDir, 'markets/rates.md'));
    await appendFile(path.join(corpusDir, 'wildfire.txt'), '\nThe fire was contained by Tuesday.\n');
    await catalog.sync();
    const patchedIds = catalog.all().map((article) => article.id);
    const patchedNewest = catalog.suggestArticles('', 100).map((article) => article.id);
    const patchedPeople = catalog.people().list();
    expect(patchedIds).toEqual([...patchedIds].sort());
    expect(patchedIds).toContain('aaa-first.txt');
    expect(patchedIds).not.toContain('markets/rates.md');
    expect(patchedNewest[0]).toBe('world/zz-dated.md');
    await stop(catalog);

    const fresh = await start();
    expect(fresh.all().map((article) => article.id)).toEqual(patchedIds);
    expect(fresh.suggestArticles('', 100).map((article) => article.id)).toEqual(patchedNewest);
    expect(fresh.people().list()).toEqual(patchedPeople);
  });
});

describe('catalog: suggestions', () => {
  it('lists the newest articles for an empty prefix, undated last', async () => {
    const catalog = await start();
    const newest = catalog.suggestArticles('', 10).map((article) => article.id);
    expect(newest[0]).toBe('wildfire.txt');
    expect(newest[newest.length - 1]).toBe('sport.txt');
    expect(catalog.suggestArticles('', 2)).toHaveLength(2);
  });

  it('matches titles by prefix, by word, and by fuzzy match', async () => {
    const catalog = await start();
    expect(catalog.suggestArticles('oil', 5).map((article) => article.id)).toEqual(['markets/oil-prices.md']);
    expect(catalog.suggestArticles('interest', 5).map((article) => article.id)).toEqual(['markets/rates.md']);
    expect(catalog.suggestArticles('Zelensky says', 5).map((article) => article.id)).toEqual(['world/ukraine-talks.md']);
    expect(catalog.suggestArticles('wildfir', 5).map((article) => article.id)).toEqual(['wildfire.txt']);
    expect(catalog.suggestArticles('chipmakr', 5).map((article) => article.id)).toEqual(['markets/earnings.md']);
    expect(catalog.suggestArticles('zzzz qqqq', 5)).toEqual([]);
  });
});

describe('catalog: engines, workers and upgrades', () => {
  const QUERIES = ['sanctions', 'oil prices', 'interest rates', 'derby', 'wildfire'];
  const topIds = (catalog: LiveCatalog) => QUERIES.map((query) => catalog.search(query).map((hit) => hit.id));

  /** Twelve more articles (copies of the fixtures under new names), so a first load goes to the worker threads. */
  async function widenCorpus(): Promise<void> {
    for (const name of ['sport.txt', 'wildfire.txt', 'markets/rates.md']) {
      const text = await readFile(path.join(corpusDir, name), 'utf8');
      for (let copy = 1; copy <= 4; copy += 1) await writeFile(path.join(corpusDir, `copy-${copy}-${path.basename(name)}`), `${text}\nCopy ${copy}.\n`);
    }
  }

  it('analyses on worker threads exactly what the main thread would', async () => {
    await widenCorpus();
    const inline = await start({ analyze: undefined, workers: 0, engine: 'sqlite' });
    const expected = inline.all().map((meta) => inline.get(meta.id));
    const expectedHits = topIds(inline);
    await stop(inline);
    await rm(dataDir, { recursive: true, force: true });
    const threaded = await start({ analyze: undefined, workers: 2, engine: 'sqlite' });
    expect(threaded.size).toBe(19);
    expect(threaded.all().map((meta) => threaded.get(meta.id))).toEqual(expected);
    expect(topIds(threaded)).toEqual(expectedHits);
  });

  it('is ready from the saved state before the first sync of a warm start ends', async () => {
    await stop(await start({ engine: 'sqlite' }));
    const catalog = await openCatalog({ corpusDir, dataDir, maxBytes: 100_000, engine: 'sqlite', now: () => clock });
    open.push(catalog);
    await catalog.restored;
    expect(catalog.ready).toBe(true);
    expect(catalog.search('wildfire').map((hit) => hit.id)).toContain('wildfire.txt');
    expect(catalog.get('wildfire.txt')!.analysis.sentences.length).toBeGreaterThan(0);
    await catalog.loaded;
  });

  it('finds the speaker of a new file at once, and folds the file into a full directory rebuild later', async () => {
    const rebuilds: number[] = [];
    const catalog = await start({ directoryRebuildDelayMs: 200, onProgress: (progress) => progress.phase === 'people' && progress.done === progress.total && rebuilds.push(progress.done) });
    const before = rebuilds.length;
    await writeFile(path.join(corpusDir, 'mayor.txt'), 'Mayor speaks\n\n"We will rebuild the bridge," said Mayor Ingrid Halvorsen on Monday.\n');
    await catalog.sync({ ids: ['mayor.txt'] });
    // Patched in, not rebuilt: the sync did not wait for a pass over every article.
    expect(rebuilds.length).toBe(before);
    const found = catalog.people().lookup('Halvorsen');
    expect(found.kind === 'found' && found.person.name).toBe('Ingrid Halvorsen');
    expect(found.kind === 'found' && found.person.quoteCount).toBe(1);
    expect(catalog.people().canonicalName('mayor.txt', 'Ingrid Halvorsen')).toBe('Ingrid Halvorsen');
    await expect.poll(() => rebuilds.length, { timeout: 5_000 }).toBeGreaterThan(before);
    const rebuilt = catalog.people().lookup('Ingrid Halvorsen');
    expect(rebuilt.kind === 'found' && rebuilt.person.articleIds).toEqual(['mayor.txt']);
  });

  it('closes at once while the people directory is being rebuilt, logging nothing, and rebuilds it at the next start', async () => {
    const catalog = await start();
    await writeFile(path.join(corpusDir, 'mayor.txt'), 'Mayor speaks\n\n"We will rebuild the bridge," said Mayor Ingrid Halvorsen on Monday.\n');
    const syncing = catalog.sync();
    await stop(catalog);
    await syncing.catch(() => {});
    expect(warnings).toEqual([]);
    const again = await start();
    expect(again.people().lookup('Ingrid Halvorsen').kind).toBe('found');
  });

  it('moves the index to another engine without analysing again, with the same best answers', async () => {
    const first = await start({ engine: 'minisearch' });
    const best = topIds(first).map((hits) => hits[0]);
    await stop(first);
    analysed.clear();
    const second = await start({ engine: 'sqlite' });
    expect(second.engineName).toBe('sqlite');
    expect(analysed.size).toBe(0);
    expect(topIds(second).map((hits) => hits[0])).toEqual(best);
    await stop(second);
    const third = await start({ engine: 'minisearch' });
    expect(third.engineName).toBe('minisearch');
    expect(topIds(third).map((hits) => hits[0])).toEqual(best);
  });

  it('repairs an on-disk index that lost documents (a crash between writes, a damaged table)', async () => {
    const first = await start({ engine: 'sqlite' });
    await stop(first);
    const store = CatalogStore.open(dataDir, corpusDir);
    const victim = store.database.prepare("SELECT rowid FROM fts_docs WHERE id = 'wildfire.txt'").get() as { rowid: number };
    store.database.prepare('DELETE FROM fts WHERE rowid = ?').run(victim.rowid);
    store.database.prepare('DELETE FROM fts_docs WHERE rowid = ?').run(victim.rowid);
    store.close();
    analysed.clear();
    const second = await start({ engine: 'sqlite' });
    expect(analysed.size).toBe(0);
    expect(second.search('wildfire').map((hit) => hit.id)).toContain('wildfire.txt');
  });

  it('upgrades a store written by the first version, keeping when each article first arrived', async () => {
    const first = await start();
    const addedAt = first.get('wildfire.txt')!.addedAt;
    await stop(first);
    const store = CatalogStore.open(dataDir, corpusDir);
    store.database.exec("ALTER TABLE files DROP COLUMN meta; ALTER TABLE files DROP COLUMN people; UPDATE meta SET value = '1' WHERE key = 'schema';");
    store.close();
    analysed.clear();
    clock = new Date('2026-06-01T00:00:00.000Z');
    const second = await start();
    expect(analysed.size).toBe(7);
    expect(second.get('wildfire.txt')!.addedAt).toBe(addedAt);
    expect(second.all().find((meta) => meta.id === 'wildfire.txt')!.addedAt).toBe(addedAt);
    expect(second.search('wildfire').map((hit) => hit.id)).toContain('wildfire.txt');
  });
});
