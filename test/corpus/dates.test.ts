import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findArticleDate, findFirstFullDate, parseDate } from '../../src/corpus/dates.js';

describe('parseDate', () => {
  it.each([
    ['2025-11-09', '2025-11-09'],
    ['2025-11-09T23:30:00-05:00', '2025-11-09'],
    ['2025-11-09T01:15:00+09:00', '2025-11-09'],
    ['2025-11-09 10:00:00Z', '2025-11-09'],
    ['2025/11/09', '2025-11-09'],
    ['Nov. 9, 2025', '2025-11-09'],
    ['Nov 9 2025', '2025-11-09'],
    ['November 9, 2025', '2025-11-09'],
    ['november 9th, 2025', '2025-11-09'],
    ['9 November 2025', '2025-11-09'],
    ['9 Nov 2025', '2025-11-09'],
    ['9th of November, 2025', '2025-11-09'],
    ['Sept. 9, 2025', '2025-09-09'],
    ['Sep 9, 2025', '2025-09-09'],
    ['Monday, November 9, 2025', '2025-11-09'],
    ['Mon, 09 Nov 2025 10:00:00 +0000', '2025-11-09'],
    ['  17 February 2026  ', '2026-02-17'],
    ['09.11.2025', '2025-11-09'],
    ['13/11/2025', '2025-11-13'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ['2025-02-30', 'a day February does not have'],
    ['2025-02-29', 'February 29 outside a leap year'],
    ['2025-13-01', 'month 13'],
    ['November 31, 2025', 'November 31'],
    ['11/09/2025', 'day and month cannot be told apart'],
    ['November 9', 'no year'],
    ['November 2025', 'no day'],
    ['2025', 'a year alone'],
    ['yesterday', 'a relative date'],
    ['', 'nothing'],
    ['2025-11-091', 'digits running on'],
    ['on November 9, 2025', 'text before the date'],
  ])('refuses %j (%s)', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('never throws and returns null or a real calendar date', () => {
    const dateLike = fc.oneof(
      fc.string(),
      fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 40 })).map(
        ([y, m, d]) => `${y}-${m}-${d}`,
      ),
      fc.tuple(fc.constantFrom('Jan', 'Feb.', 'Sept.', 'May', 'June', 'dec'), fc.integer({ min: -1, max: 40 }), fc.integer({ min: 0, max: 3000 })).map(
        ([m, d, y]) => `${m} ${d}, ${y}`,
      ),
    );
    fc.assert(
      fc.property(dateLike, (text) => {
        const iso = parseDate(text);
        if (iso === null) return true;
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const roundTrip = new Date(Date.UTC(y, m - 1, d));
        expect(roundTrip.getUTCFullYear() === y && roundTrip.getUTCMonth() === m - 1 && roundTrip.getUTCDate() === d).toBe(true);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findFirstFullDate', () => {
  it('finds the first complete date in running text and skips partial ones', () => {
    expect(findFirstFullDate('On March 3 the river rose; by January 14, 2026 it had flooded twice.')).toBe('2026-01-14');
    expect(findFirstFullDate('In 2025 the river rose twice, in May and in June.')).toBeNull();
  });
});

describe('findArticleDate', () => {
  it('prefers front matter, then the date line, then Published:, then the dateline', () => {
    const all = { frontMatter: '2026-01-01', dateLine: '2026-02-02', published: '3 March 2026', dateline: 'April 4, 2026' };
    expect(findArticleDate(all)).toBe('2026-01-01');
    expect(findArticleDate({ ...all, frontMatter: undefined })).toBe('2026-02-02');
    expect(findArticleDate({ ...all, frontMatter: undefined, dateLine: null })).toBe('2026-03-03');
    expect(findArticleDate({ dateline: 'April 4, 2026' })).toBe('2026-04-04');
  });

  it('falls through an impossible front-matter date to the next source', () => {
    expect(findArticleDate({ frontMatter: '2026-02-30', published: '1 March 2026' })).toBe('2026-03-01');
  });

  it('reads a YAML Date object as its calendar day', () => {
    expect(findArticleDate({ frontMatter: new Date(Date.UTC(2013, 1, 8)) })).toBe('2013-02-08');
  });

  it('gives a yearless dateline the year of a full date in the article, or leaves it undated', () => {
    expect(findArticleDate({ dateline: 'March 3', text: 'Flooding since January 14, 2026 has closed roads.' })).toBe('2026-03-03');
    expect(findArticleDate({ dateline: 'March 3', text: 'Flooding since January has closed roads.' })).toBeNull();
    expect(findArticleDate({ dateline: 'Feb 29', text: 'Compare March 1, 2025.' })).toBeNull();
  });

  it('invents nothing when the article states no date', () => {
    expect(findArticleDate({})).toBeNull();
    expect(findArticleDate({ frontMatter: 'last Tuesday', text: 'It happened on March 3, 2024.' })).toBeNull();
  });
});
