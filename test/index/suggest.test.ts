import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/index/searchIndex.js';
import { TitleSuggester } from '../../src/index/suggest.js';
import { foldText } from '../../src/index/tokenize.js';
import type { ArticleMeta } from '../../src/index/types.js';

function meta(index: number, title: string, date: string | null): ArticleMeta {
  return { id: `a${index}.md`, title, titleDerived: false, date, source: null, url: null, author: null, addedAt: '2026-01-01T00:00:00Z', summary: [] };
}

function suggesterOf(articles: ArticleMeta[]) {
  const titles = new SearchIndex();
  for (const article of articles) titles.put({ id: article.id, title: article.title, body: '', date: article.date });
  const byId = new Map(articles.map((article) => [article.id, article]));
  const suggester = TitleSuggester.buildNow(articles);
  return (typed: string, limit = 25) => suggester.suggest(typed, limit, titles, (id) => byId.get(id)).map((article) => article.title);
}

const simple = (text: string) => ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;

describe('title suggestions', () => {
  it('offers titles starting with what was typed, then titles with a word starting with it, newest first in each', () => {
    const word = fc.constantFrom('oil', 'opec', 'oslo', 'prices', 'Putin', 'Öl', 'rate', 'rise');
    const titleOf = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2020-01-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(titleOf, day), { minLength: 1, maxLength: 60 }), fc.constantFrom('o', 'op', 'oil', 'pr', 'ri', 'ol', 'put'), (rows, typed) => {
        const articles = rows.map(([title, date], index) => meta(index, title, date));
        const newestFirst = TitleSuggester.buildNow(articles).articles();
        const starting = newestFirst.filter((article) => simple(article.title).startsWith(` ${typed}`));
        const withWord = newestFirst.filter((article) => !starting.includes(article) && simple(article.title).includes(` ${typed}`));
        const expected = [...starting, ...withWord].slice(0, 10).map((article) => article.title);
        expect(suggesterOf(articles)(typed, 10).slice(0, expected.length)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a title by two words when the last one is only begun and not next to the first', () => {
    const suggest = suggesterOf([
      meta(1, 'OPEC ministers meet in Saudi Arabia', '2020-01-02'),
      meta(2, 'OPEC output rises again', '2020-01-03'),
      meta(3, 'Saudi budget in deficit', '2020-01-04'),
    ]);
    expect(suggest('opec s')).toEqual(['OPEC ministers meet in Saudi Arabia']);
    expect(suggest('opec sau')).toEqual(['OPEC ministers meet in Saudi Arabia']);
  });

  it('offers the newest articles when nothing is typed, and never more than asked', () => {
    const suggest = suggesterOf([meta(1, 'Old story', '2019-05-01'), meta(2, 'New story', '2021-05-01'), meta(3, 'Undated story', null)]);
    expect(suggest('')).toEqual(['New story', 'Old story', 'Undated story']);
    expect(suggest('', 2)).toEqual(['New story', 'Old story']);
    expect(suggest('story', 1)).toHaveLength(1);
  });
});
