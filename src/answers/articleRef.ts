/** The article fields every answer shows next to what it found. */
import { compareDatesNewestFirst } from '../index/suggest.js';
import type { IndexedArticle } from '../index/types.js';

/** The fields of an article an ArticleRef is made from: meta only, so it works on light catalog entries too. */
type ArticleFields = Pick<IndexedArticle, 'id' | 'title' | 'date' | 'source' | 'url'>;

export interface ArticleRef {
  articleId: string;
  title: string;
  /** ISO date, or null for an undated article. */
  date: string | null;
  source: string | null;
  /** The article's source page (front matter `url`), or null when it names none. */
  url: string | null;
}

export function articleRef(article: ArticleFields): ArticleRef {
  return { articleId: article.id, title: article.title, date: article.date, source: article.source, url: article.url };
}

/** Newest first; undated articles last; ties by title so the order is stable. */
export function newestFirst(a: ArticleRef, b: ArticleRef): number {
  return compareDatesNewestFirst(a.date, b.date) || a.title.localeCompare(b.title);
}
