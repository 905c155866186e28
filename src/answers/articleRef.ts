/** The article fields every answer shows next to what it found. */
import { compareDatesNewestFirst } from '../index/suggest.js';
import type { ArticleMeta } from '../index/types.js';

export interface ArticleRef {
  articleId: string;
  title: string;
  /** ISO date, or null for an undated article. */
  date: string | null;
  source: string | null;
  /** The article's source page (front matter `url`), or null when it names none. */
  url: string | null;
}

/** From metadata only, so it works on the catalog's light entries as well as on whole articles. */
export function articleRef(article: Pick<ArticleMeta, 'id' | 'title' | 'date' | 'source' | 'url'>): ArticleRef {
  return { articleId: article.id, title: article.title, date: article.date, source: article.source, url: article.url };
}

/** Newest first; undated articles last; ties by title so the order is stable. */
export function newestFirst(a: ArticleRef, b: ArticleRef): number {
  return compareDatesNewestFirst(a.date, b.date) || a.title.localeCompare(b.title);
}
