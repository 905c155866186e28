import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analysis/analyze.js';
import { findArticleFiles } from '../../src/corpus/find.js';
import { parseArticle } from '../../src/corpus/parse.js';
import { readSourcePool, syntheticArticle, writeSyntheticCorpus, type SourcePool } from '../../scripts/lib/synthetic.js';

const seeds = path.resolve(import.meta.dirname, '../../seeds');
let pool: SourcePool;
const folders: string[] = [];

beforeAll(async () => {
  pool = await readSourcePool([seeds]);
});

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('synthetic articles from the seeds', () => {
  it('are the same for the same seed and index, and differ between indexes and seeds', () => {
    expect(syntheticArticle(pool, 3, 1)).toEqual(syntheticArticle(pool, 3, 1));
    expect(syntheticArticle(pool, 3, 1).text).not.toBe(syntheticArticle(pool, 4, 1).text);
    expect(syntheticArticle(pool, 3, 1).text).not.toBe(syntheticArticle(pool, 3, 2).text);
  });

  it('are about 4 KB, dated within ten years, with a title and quotes by names from the sources', () => {
    const sourceText = pool.paragraphs.join(' ');
    const dates = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const { id, text } = syntheticArticle(pool, index);
      expect(Buffer.byteLength(text)).toBeGreaterThan(3_000);
      expect(Buffer.byteLength(text)).toBeLessThan(6_000);
      const article = parseArticle(id, text);
      expect(article.title.length).toBeGreaterThan(0);
      expect(article.date).toMatch(/^20(1[6-9]|2[0-5])-\d\d-\d\d$/);
      dates.add(article.date!);
      const quotes = analyzeArticle(article).quotes.filter((quote) => quote.speaker !== null && pool.names.includes(quote.speaker));
      expect(quotes.length).toBeGreaterThan(0);
      for (const name of new Set(quotes.map((quote) => quote.speaker))) expect(sourceText).toContain(name!);
    }
    expect(dates.size).toBeGreaterThan(30);
  });
});

describe('writeSyntheticCorpus', () => {
  async function folder(): Promise<string> {
    const made = await mkdtemp(path.join(tmpdir(), 'newsdesk-synthetic-'));
    folders.push(made);
    return path.join(made, 'corpus');
  }

  it('writes N article files, then reuses the folder for the same N and rewrites it for another', async () => {
    const corpus = await folder();
    const options = { folder: corpus, seed: 1, sources: [seeds], loadPool: async () => pool };
    expect((await writeSyntheticCorpus({ ...options, count: 5 })).reused).toBe(false);
    const files = await findArticleFiles(corpus);
    expect(files).toHaveLength(5);
    expect(await readFile(path.join(corpus, files[2]!), 'utf8')).toBe(syntheticArticle(pool, 2, 1).text);

    expect((await writeSyntheticCorpus({ ...options, count: 5 })).reused).toBe(true);
    expect((await writeSyntheticCorpus({ ...options, count: 7 })).reused).toBe(false);
    expect(await findArticleFiles(corpus)).toHaveLength(7);
  });

  it('refuses a folder of articles that it did not write', async () => {
    const corpus = await folder();
    await writeSyntheticCorpus({ folder: corpus, count: 1, seed: 1, sources: [seeds], loadPool: async () => pool });
    await rm(path.join(corpus, '.synthetic.json'));
    await writeFile(path.join(corpus, 'mine.md'), '# Mine\n\nMy own article.\n');
    await expect(writeSyntheticCorpus({ folder: corpus, count: 1, seed: 1, sources: [seeds], loadPool: async () => pool })).rejects.toThrow(
      /not a synthetic corpus/,
    );
    expect(await readFile(path.join(corpus, 'mine.md'), 'utf8')).toContain('My own article');
  });
});
