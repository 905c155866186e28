/** One file → Article: read, decode, parse. Never throws: a file that cannot be used is skipped with a reason. */
import type { Article, SkippedFile } from './article.js';
import { parseArticle } from './parse.js';
import { readArticleFile, type ReadOptions } from './read.js';

export type LoadResult = { ok: true; article: Article; hash: string } | { ok: false; skipped: SkippedFile };

export async function loadArticle(root: string, id: string, options: ReadOptions): Promise<LoadResult> {
  const read = await readArticleFile(root, id, options);
  if (!read.ok) return { ok: false, skipped: { id, reason: read.reason } };
  let article: Article;
  try {
    article = parseArticle(id, read.text);
  } catch (error) {
    // parseArticle is total by design; this guard keeps one bad file from stopping a whole load if it is not.
    return { ok: false, skipped: { id, reason: `could not be parsed (${(error as Error).message})` } };
  }
  if (article.blocks.length === 0) {
    return { ok: false, skipped: { id, reason: 'has no article text (only a title or metadata)' } };
  }
  return { ok: true, article, hash: read.hash };
}
