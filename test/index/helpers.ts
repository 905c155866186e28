/** Shared test helpers for the index layer: the fixture corpus, loaded through the real corpus loader. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyText } from '../../src/corpus/article.js';
import { findArticleFiles } from '../../src/corpus/find.js';
import { loadArticle } from '../../src/corpus/load.js';
import type { IndexDocument } from '../../src/index/searchIndex.js';

export const FIXTURE_CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/index/corpus');

export async function fixtureDocuments(): Promise<IndexDocument[]> {
  const documents: IndexDocument[] = [];
  for (const id of await findArticleFiles(FIXTURE_CORPUS)) {
    const loaded = await loadArticle(FIXTURE_CORPUS, id, { maxBytes: 1_000_000 });
    if (!loaded.ok) throw new Error(`fixture ${id} did not load: ${loaded.skipped.reason}`);
    const { article } = loaded;
    documents.push({ id, title: article.title, body: bodyText(article), date: article.date });
  }
  return documents;
}

/** A scratch folder with a copy of the fixture corpus and an empty data folder; `cleanup` removes it. */
export async function scratchCorpus(): Promise<{ corpusDir: string; dataDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-index-test-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(FIXTURE_CORPUS, corpusDir, { recursive: true });
  return { corpusDir, dataDir: path.join(root, 'data'), cleanup: () => rm(root, { recursive: true, force: true }) };
}
