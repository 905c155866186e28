/** Loads the articles of an evaluation corpus through the product's own loader and sentence splitter. */
import type { Article } from '../../src/corpus/article.js';
import { findArticleFiles } from '../../src/corpus/find.js';
import { loadArticle } from '../../src/corpus/load.js';
import { splitSentences } from '../../src/analysis/sentences.js';
import type { Sentence } from '../../src/analysis/types.js';
import type { Reference } from './cnn-corpus.js';

const MAX_BYTES = 5 * 1024 * 1024;

export interface LoadedArticle {
  id: string;
  article: Article;
  sentences: Sentence[];
  reference: Reference | null;
}

/** CPU time of this process in ms: steadier than wall time on a shared machine. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export async function loadCorpus(corpus: string, ids: readonly string[], references: ReadonlyMap<string, Reference>) {
  const loaded: LoadedArticle[] = [];
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
export function realTitle(article: Article): string | undefined {
  return article.titleDerived ? undefined : article.title;
}

/** Every article of a folder that loads, in path order (files that do not load are left out). */
export async function loadArticles(root: string): Promise<Article[]> {
  const articles: Article[] = [];
  for (const id of await findArticleFiles(root)) {
    const loaded = await loadArticle(root, id, { maxBytes: MAX_BYTES });
    if (loaded.ok) articles.push(loaded.article);
  }
  return articles;
}
