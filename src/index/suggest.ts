/**
 * Article suggestions for autocomplete: titles that start with what was typed, then titles with a word that
 * starts with it, then fuzzy title matches (typos, unfinished words). Nothing typed: the newest articles.
 */
import { sortInSteps } from '../lib/sortInSteps.js';
import { runStepsCooperatively, Slicer } from '../lib/cooperate.js';
import { lowerBound, patchSorted } from './sortedArray.js';
import type { ArticleMeta } from './types.js';
import { TITLE_PREFIX_MIN_LENGTH, type SearchIndex } from './searchIndex.js';
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

/**
 * Every title in one string, newest first, each after a line break, with where each starts: one `indexOf` over a
 * flat string finds a rare word in a few ms, where `includes` on 100,000 separate titles took 30–50 ms.
 */
interface Haystack {
  text: string;
  starts: Int32Array;
}

export class TitleSuggester {
  private haystack: Haystack | undefined;

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

  /** Calls `found` with each article whose line holds `needle`, in entry order, until `enough()`. */
  private scan(needle: string, enough: () => boolean, found: (article: ArticleMeta) => void): void {
    const { text, starts } = (this.haystack ??= haystackOf(this.entries));
    let line = 0;
    for (let at = text.indexOf(needle); at >= 0 && !enough(); ) {
      // The line holding `at`: the last start ≤ at + 1 (a '\n' needle begins one character before its line).
      let high = starts.length - 1;
      while (line < high) {
        const middle = (line + high + 1) >>> 1;
        if (starts[middle]! <= at + 1) line = middle;
        else high = middle - 1;
      }
      found(this.entries[line]!.article);
      const next = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
      at = text.indexOf(needle, next);
    }
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
    // Titles that start with it, then titles with a word that does, newest first within each.
    this.scan(`\n ${prefix}`, () => chosen.size >= wanted, take);
    this.scan(` ${prefix}`, () => chosen.size >= wanted, take);
    // One word shorter than a fuzzy match needs is fully served by the word-start scan above; the title
    // index's prefix search would expand it to thousands of terms on every keystroke for nothing new.
    const words = prefix.split(' ');
    if (chosen.size < wanted && (words.length > 1 || words[0]!.length >= FUZZY_TITLE_MIN_LENGTH)) {
      // "opec s": the index does not expand "s" (thousands of words, 100–200 ms at 100,000 titles), so the
      // titles the other words find are checked for a word starting with it.
      const last = words[words.length - 1]!;
      if (words.length > 1 && last.length < TITLE_PREFIX_MIN_LENGTH) {
        const others = words.slice(0, -1).join(' ');
        for (const id of titles.suggestTitles(others, wanted * 4)) {
          const article = get(id);
          if (article && ` ${simplify(article.title)}`.includes(` ${last}`)) take(article);
        }
      } else {
        for (const id of titles.suggestTitles(typed, wanted * 2)) take(get(id));
      }
    }
    return [...chosen];
  }
}

function haystackOf(entries: readonly Entry[]): Haystack {
  const starts = new Int32Array(entries.length);
  let length = 0;
  const lines = entries.map((entry, index) => {
    starts[index] = length + 1;
    length += entry.title.length + 1;
    return entry.title;
  });
  return { text: `\n${lines.join('\n')}`, starts };
}

/** Folded, punctuation as spaces, single-spaced: "Trump’s ‘deal’ —" → "trump s deal". */
function simplify(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
