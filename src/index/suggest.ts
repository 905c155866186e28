/**
 * Article suggestions for autocomplete: titles that start with what was typed, then titles with a word that
 * starts with it, then fuzzy title matches (typos, unfinished words). Nothing typed: the newest articles.
 */
import { Slicer } from './cooperate.js';
import type { IndexedArticle } from './types.js';
import type { SearchIndex } from './searchIndex.js';
import { foldText } from './tokenize.js';

/** Newest first: by date (undated last), then by when the content arrived, then by id. */
export function compareNewestFirst(a: IndexedArticle, b: IndexedArticle): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  if (a.addedAt !== b.addedAt) return a.addedAt < b.addedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class TitleSuggester {
  private readonly newest: readonly IndexedArticle[];
  /** Folded titles, with punctuation turned into spaces, aligned with `newest`. */
  private readonly titles: readonly string[];

  private constructor(newest: readonly IndexedArticle[], titles: readonly string[]) {
    this.newest = newest;
    this.titles = titles;
  }

  /** Sorts and folds the titles, yielding between slices (one sort remains a single step). */
  static async build(articles: readonly IndexedArticle[]): Promise<TitleSuggester> {
    const slicer = new Slicer();
    const newest = [...articles].sort(compareNewestFirst);
    await slicer.pause();
    const titles: string[] = [];
    for (const article of newest) {
      titles.push(` ${simplify(article.title)}`);
      if (slicer.due) await slicer.pause();
    }
    return new TitleSuggester(newest, titles);
  }

  /** The same, in one go: for the rare read that comes before the first build. */
  static buildNow(articles: readonly IndexedArticle[]): TitleSuggester {
    const newest = [...articles].sort(compareNewestFirst);
    return new TitleSuggester(newest, newest.map((article) => ` ${simplify(article.title)}`));
  }

  suggest(typed: string, limit: number, index: SearchIndex, get: (id: string) => IndexedArticle | undefined): IndexedArticle[] {
    const wanted = Math.max(0, Math.floor(limit));
    const prefix = simplify(typed);
    if (prefix === '') return this.newest.slice(0, wanted);
    const chosen = new Set<IndexedArticle>();
    const take = (article: IndexedArticle | undefined) => {
      if (article && chosen.size < wanted) chosen.add(article);
    };
    const startsWith = ` ${prefix}`;
    for (let i = 0; i < this.newest.length && chosen.size < wanted; i++) {
      if (this.titles[i]!.startsWith(startsWith)) take(this.newest[i]);
    }
    for (let i = 0; i < this.newest.length && chosen.size < wanted; i++) {
      if (this.titles[i]!.includes(startsWith)) take(this.newest[i]);
    }
    if (chosen.size < wanted) {
      for (const id of index.suggestTitles(typed, wanted * 2)) take(get(id));
    }
    return [...chosen];
  }
}

/** Folded, punctuation as spaces, single-spaced: "Trump’s ‘deal’ —" → "trump s deal". */
function simplify(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
