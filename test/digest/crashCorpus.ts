/**
 * The corpus of the crash test, shared by the test (which checks the channel) and its child (which posts):
 * an hourly schedule; slot k is at start + (k+1) h and its articles were stamped half an hour before.
 * Every other slot has nine long articles, so its post spans several messages.
 */
import type { IndexedArticle } from '../../src/index/types.js';
import { article, HOUR } from './fakes.js';

export const crashArticlesInSlot = (k: number): number => (k % 2 === 0 ? 9 : 1);

export const crashArticleTitle = (k: number, index: number): string => `Crash article ${k}.${index}`;

export function crashSlotTime(start: number, k: number): number {
  return start + (k + 1) * HOUR;
}

export function crashCorpus(start: number, slots: number): IndexedArticle[] {
  const articles: IndexedArticle[] = [];
  for (let k = 0; k < slots; k++) {
    const count = crashArticlesInSlot(k);
    for (let index = 0; index < count; index++) {
      articles.push(
        article({
          id: `slot-${k}-${index}.txt`,
          title: crashArticleTitle(k, index),
          date: '2026-04-01',
          addedAt: new Date(crashSlotTime(start, k) - HOUR / 2 + index * 1000).toISOString(),
          summary: [`Summary for slot ${k} item ${index}. ${'A long sentence to fill the post. '.repeat(count > 1 ? 25 : 1)}`],
        }),
      );
    }
  }
  return articles;
}
