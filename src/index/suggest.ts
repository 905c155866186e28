/**
 * Article suggestions for autocomplete: titles that start with what was typed, then titles with a word that
 * starts with it, then fuzzy title matches (typos, unfinished words). Nothing typed: the newest articles.
 */
import { sortInSteps } from '../lib/sortInSteps.js';
import { runStepsCooperatively, Slicer } from '../lib/cooperate.js';
import { lowerBound, patchSorted } from './sortedArray.js';
import type { ArticleMeta } from './types.js';
import type { SearchIndex } from './searchIndex.js';
import { foldText } from './tokenize.js';

/** ISO dates newest first, undated (null) last; 0 when equal. */
export function compareDatesNewestFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

/** Newest first: by date (undated last), then by when the content arrived, then by id. */
export function compareNewestFirst(a: ArticleMeta, b: ArticleMeta): number {
  const byDate = compareDatesNewestFirst(a.date, b.date);
  if (byDate !== 0) return byDate;
  if (a.addedAt !== b.addedAt) return a.addedAt < b.addedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Shortest single typed word for which the title index's fuzzy match (from 5 letters) can add anything. */
const FUZZY_TITLE_MIN_LENGTH = 5;

interface Entry {
  article: ArticleMeta;
  /** The title folded, punctuation as spaces, with a leading space so " word" finds a word start. */
  title: string;
}

const compareEntries = (a: Entry, b: Entry) => compareNewestFirst(a.article, b.article);
const entryOf = (article: ArticleMeta): Entry => ({ article, title: ` ${simplify(article.title)}` });

export class TitleSuggester {
  /** Newest first. */
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Folds the titles and sorts them a slice at a time (one sort of 100,000 would block for a few hundred ms). */
  static async build(articles: readonly ArticleMeta[]): Promise<TitleSuggester> {
    const slicer = new Slicer();
    const entries: Entry[] = [];
    for (const article of articles) {
      entries.push(entryOf(article));
      if (slicer.due) await slicer.pause();
    }
    return new TitleSuggester(await runStepsCooperatively(sortInSteps(entries, compareEntries)));
  }

  /** The same, in one go: for the rare read that comes before the first build. */
  static buildNow(articles: readonly ArticleMeta[]): TitleSuggester {
    return new TitleSuggester(articles.map(entryOf).sort(compareEntries));
  }

  /** Every article, newest first. */
  articles(): ArticleMeta[] {
    return this.entries.map((entry) => entry.article);
  }

  /** A copy with some articles replaced, found by binary search: a small change costs no sort. */
  patched(removed: readonly ArticleMeta[], added: readonly ArticleMeta[]): TitleSuggester {
    // Each removed article's entry by binary search: a filter over 100,000 entries blocked for tens of ms per change.
    const stale = removed.flatMap((article) => {
      const probe: Entry = { article, title: '' };
      for (let at = lowerBound(this.entries, probe, compareEntries); at < this.entries.length && compareEntries(this.entries[at]!, probe) === 0; at++) {
        if (this.entries[at]!.article === article) return [this.entries[at]!];
      }
      return [];
    });
    return new TitleSuggester(patchSorted(this.entries, stale, added.map(entryOf), compareEntries));
  }

  /** `titles` is a title-only index for the fuzzy step (typos, unfinished words). */
  suggest(typed: string, limit: number, titles: SearchIndex, get: (id: string) => ArticleMeta | undefined): ArticleMeta[] {
    const wanted = Math.max(0, Math.floor(limit));
    const prefix = simplify(typed);
    if (prefix === '') return this.entries.slice(0, wanted).map((entry) => entry.article);
    const chosen = new Set<ArticleMeta>();
    const take = (article: ArticleMeta | undefined) => {
      if (article && chosen.size < wanted) chosen.add(article);
    };
    const startsWith = ` ${prefix}`;
    for (const entry of this.entries) {
      if (chosen.size >= wanted) break;
      if (entry.title.startsWith(startsWith)) take(entry.article);
    }
    for (const entry of this.entries) {
      if (chosen.size >= wanted) break;
      if (entry.title.includes(startsWith)) take(entry.article);
    }
    // One word shorter than a fuzzy match needs is fully served by the word-start scan above; the title
    // index's prefix search would expand it to thousands of terms on every keystroke for nothing new.
    const words = prefix.split(' ');
    if (chosen.size < wanted && (words.length > 1 || words[0]!.length >= FUZZY_TITLE_MIN_LENGTH)) {
      for (const id of titles.suggestTitles(typed, wanted * 2)) take(get(id));
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
