import { beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex, type IndexDocument } from '../../src/index/searchIndex.js';
import { fixtureDocuments } from './helpers.js';

let documents: IndexDocument[];
let index: SearchIndex;

beforeAll(async () => {
  documents = await fixtureDocuments();
  index = new SearchIndex();
  for (const document of documents) index.put(document);
});

const ids = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id);

describe('SearchIndex.search', () => {
  it('ranks the article about the query first', () => {
    expect(ids(index.search('sanctions against Russia'))[0]).toBe('world/eu-sanctions.md');
    expect(ids(index.search('interest rates'))[0]).toBe('markets/rates.md');
    expect(ids(index.search('wildfire evacuate'))[0]).toBe('wildfire.txt');
  });

  it('matches other forms of a word through stemming: "sanction" finds "sanctions"', () => {
    const found = ids(index.search('sanction'));
    expect(found).toContain('world/eu-sanctions.md');
    expect(found).toContain('markets/oil-prices.md');
    expect(found).not.toContain('sport.txt');
  });

  it('returns the normalised query terms each article matched', () => {
    const [hit] = index.search('Sanctions on RUSSIA');
    expect(hit!.terms.sort()).toEqual(['russia', 'sanction']);
  });

  it('finds nothing for a query of stop words or punctuation only', () => {
    expect(index.search('the and of')).toEqual([]);
    expect(index.search('  ?!  ')).toEqual([]);
  });

  it('honours the limit', () => {
    expect(index.search('Russia', { limit: 2 })).toHaveLength(2);
    expect(index.search('prices year rates', { limit: 1 })).toHaveLength(1);
  });

  it('filters by date, inclusive, and leaves undated articles out of any range', () => {
    const april = ids(index.search('year', { from: '2025-04-01', to: '2025-04-30' }));
    expect(april.sort()).toEqual(['markets/oil-prices.md', 'markets/rates.md']);
    expect(ids(index.search('Russia', { from: '2025-03-20' }))).toEqual(['world/ukraine-talks.md']);
    expect(ids(index.search('Russia', { to: '2025-03-14' }))).toEqual(['world/eu-sanctions.md']);
    expect(ids(index.search('City derby', { from: '2000-01-01' }))).toEqual([]);
    expect(ids(index.search('City derby'))).toEqual(['sport.txt']);
  });

  it('uses exact terms when they match: no fuzzy neighbours ("rate" does not bring "late")', () => {
    const found = ids(index.search('rate'));
    expect(found).toContain('markets/rates.md');
    expect(found).not.toContain('sport.txt');
  });

  it('matches a term no article contains (a misspelt name) by near spellings, next to exact terms', () => {
    expect(ids(index.search('Zelenksy'))).toEqual(['world/ukraine-talks.md']);
    expect(ids(index.search('Zelenksy guarantees'))[0]).toBe('world/ukraine-talks.md');
  });

  it('replaces and removes documents', () => {
    const scratch = new SearchIndex();
    for (const document of documents) scratch.put(document);
    scratch.put({ id: 'sport.txt', title: 'Cricket final washed out', body: 'Rain stopped play at the final.', date: null });
    expect(ids(scratch.search('derby'))).toEqual([]);
    expect(ids(scratch.search('cricket'))).toEqual(['sport.txt']);
    scratch.remove('sport.txt');
    expect(ids(scratch.search('cricket'))).toEqual([]);
    expect(scratch.size).toBe(documents.length - 1);
  });

  it('answers a repeated query with what the index holds now, not a stale copy', () => {
    const scratch = new SearchIndex();
    for (const document of documents) scratch.put(document);
    const before = ids(scratch.search('harvest'));
    scratch.put({ id: 'harvest.md', title: 'Record harvest', body: 'Farmers brought in a record harvest.', date: null });
    expect(before).toEqual([]);
    expect(ids(scratch.search('harvest'))).toEqual(['harvest.md']);
    const hits = scratch.search('harvest');
    hits[0]!.terms.push('tampered');
    expect(scratch.search('harvest')[0]!.terms).toEqual(['harvest']);
  });
});

describe('SearchIndex.suggestTitles', () => {
  it('completes the last word typed', () => {
    expect(index.suggestTitles('oil pri', 5)).toEqual(['markets/oil-prices.md']);
  });

  it('tolerates a typo in a title word', () => {
    expect(index.suggestTitles('chipmakr', 5)).toContain('markets/earnings.md');
  });
});
