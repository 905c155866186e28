/** The metadata of an article: what the catalog keeps in memory for it (types.ts, ArticleMeta). */
import type { Article } from '../corpus/article.js';
import type { ArticleMeta } from './types.js';

export function articleMeta(article: Article, summary: string[], addedAt: string): ArticleMeta {
  const { id, title, titleDerived, date, source, url, author } = article;
  return { id, title, titleDerived, date, source, url, author, addedAt, summary };
}
