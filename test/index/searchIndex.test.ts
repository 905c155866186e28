import { beforeAll, describe, expect, it } from 'vitest';
import { indexDocumentOf, queryWeights, SearchIndex, type IndexDocument } from '../../src/index/searchIndex.js';
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

describe('SearchIndex ranking and query syntax', () => {
  const filler = (word: string, count: number) => Array.from({ length: count }, (_, index) => `${word}${index % 7}`).join(' ');
  const docs: IndexDocument[] = [
    { id: 'trial.md', title: 'Vaccine trial shows strong results', body: `The vaccine trial enrolled 3,000 people. ${filler('lab', 40)}`, date: '2014-03-01', source: 'CNN' },
    { id: 'murder.md', title: 'Murder trial of former coach opens', body: `The murder trial began on Monday. ${filler('court', 40)}`, date: '2014-05-01', source: 'Reuters' },
    { id: 'vaccine.md', title: 'Flu vaccine supply', body: `Doctors say the vaccine supply is short; no trial is planned. ${filler('clinic', 40)}`, date: '2014-04-01', source: 'cnn' },
    indexDocumentOf(
      { id: 'derived.md', title: 'Bakers in Paris sold vaccine cookies', titleDerived: true, date: '2014-06-01', source: 'CNN' },
      `Bakers in Paris sold vaccine cookies. ${filler('bread', 40)}`,
    ),
    { id: 'chemical.md', title: 'Syria weapons', body: `Inspectors found chemical weapons near Damascus. ${filler('site', 40)}`, date: null, source: null },
    { id: 'words.md', title: 'Weapons and chemicals', body: `Weapons were sold. Later, chemical plants closed. ${filler('town', 40)}`, date: '2013-01-01', source: null },
  ];
  const texts = new Map(docs.map((document) => [document.id, `${document.title}\n\n${document.body}`]));
  const textOf = (id: string) => texts.get(id);
  let scratch: SearchIndex;
  beforeAll(() => {
    scratch = new SearchIndex();
    for (const document of docs) scratch.put(document);
  });
  const search = (query: string, options: Parameters<SearchIndex['search']>[1] = {}) => ids(scratch.search(query, { textOf, ...options }));

  it('ranks verified phrase matches first', () => {
    expect(search('"chemical weapons"')[0]).toBe('chemical.md');
    expect(search('"weapons chemical"')[0]).not.toBe('chemical.md');
  });

  it('leaves out articles with an excluded word or phrase', () => {
    expect(search('trial -murder')).not.toContain('murder.md');
    expect(search('trial -"former coach"')).not.toContain('murder.md');
    expect(search('trial -"coach former"')).toContain('murder.md');
  });

  it('with match all, requires every word: "vaccine trial" does not catch a murder trial', () => {
    const all = search('vaccine trial', { match: 'all' });
    expect(all).toContain('trial.md');
    expect(all).not.toContain('murder.md');
    expect(search('vaccine trial')).toContain('murder.md');
    expect(search('"vaccine trial"', { match: 'all' })).toEqual(['trial.md']);
  });

  it('filters by source, ignoring case', () => {
    expect(search('vaccine', { source: 'cnn' }).sort()).toEqual(['derived.md', 'trial.md', 'vaccine.md']);
    expect(search('trial', { source: 'REUTERS' })).toEqual(['murder.md']);
  });

  it('sorts newest first among the articles that match the most words', () => {
    expect(search('vaccine', { sort: 'newest' })).toEqual(['derived.md', 'vaccine.md', 'trial.md']);
    expect(search('vaccine trial', { sort: 'newest' })).toEqual(['vaccine.md', 'trial.md']);
  });

  it('does not give a derived title the weight of a real one', () => {
    const [real, derived] = [scratch.search('vaccine', { textOf }).find((hit) => hit.id === 'vaccine.md')!, scratch.search('vaccine', { textOf }).find((hit) => hit.id === 'derived.md')!];
    expect(real.score).toBeGreaterThan(derived.score);
  });

  it('matches a misspelling from 4 letters, a swap of two letters counting as one edit', () => {
    expect(search('vacicne')).toContain('trial.md');
    expect(search('tiral')).toContain('murder.md');
    expect(scratch.nearestTerm('tiral')).toBe('trial');
    expect(scratch.nearestTerm('trial')).toBeNull();
  });

  it('finds a person by an alias the query did not write, and reports that term as matched', () => {
    const hits = scratch.search('Assad inspectors', { textOf, aliases: [{ name: 'Assad', alternatives: ['Damascus'] }] });
    expect(hits[0]!.id).toBe('chemical.md');
    expect(hits[0]!.terms).toContain('damascu');
  });

  it('with feedback on, still ranks the article about the query first', () => {
    expect(search('inspectors damascus', { feedback: true })[0]).toBe('chemical.md');
  });
});

describe('SearchIndex ranking options', () => {
  const article = (id: string, body: string) => indexDocumentOf({ id, title: '', titleDerived: true, date: null, source: null }, body);

  it('weighs a word the query repeats more with queryTermFrequency', () => {
    const small = new SearchIndex();
    small.put(article('rates', 'rates rates rates report'));
    small.put(article('inflation', 'inflation inflation inflation report'));
    for (let n = 0; n < 4; n++) small.put(article(`other${n}`, `other story ${n}`));
    expect(queryWeights([{ term: 'rate', weight: 1, slot: 0 }], new Map([['rate', 2]]), 'k3')[0]!.weight).toBeCloseTo(1.8);
    const query = 'inflation rates rates';
    expect(ids(small.search(query, { ranking: { queryTermFrequency: 'linear' } }))[0]).toBe('rates');
    expect(small.search(query, { ranking: { queryTermFrequency: 'none' } }).map((hit) => hit.score)).toEqual(
      small.search('inflation rates', { ranking: { queryTermFrequency: 'none' } }).map((hit) => hit.score),
    );
  });

  it('leaves question words out with questionWords, unless nothing else is asked', () => {
    const small = new SearchIndex();
    small.put(article('when', 'when when when the vote happens'));
    small.put(article('vote', 'the vote was held'));
    small.put(article('other', 'unrelated story'));
    expect(ids(small.search('when vote', { ranking: { questionWords: true } }))).toEqual(['vote', 'when']);
    expect(ids(small.search('when', { ranking: { questionWords: true } }))).toEqual(['when']);
  });

  it('finds an article without the query word through Bo1 expansion', () => {
    const small = new SearchIndex();
    const texts = new Map<string, string>();
    const put = (id: string, body: string) => {
      small.put(article(id, body));
      texts.set(id, body);
    };
    put('a', 'ebola outbreak liberia quarantine');
    put('b', 'ebola outbreak liberia clinic');
    put('c', 'ebola outbreak liberia vaccine');
    put('d', 'outbreak liberia quarantine clinic');
    for (let n = 0; n < 8; n++) put(`other${n}`, `market story number ${n}`);
    const textOf = (id: string) => texts.get(id);
    expect(ids(small.search('ebola', { textOf }))).not.toContain('d');
    expect(ids(small.search('ebola', { textOf, ranking: { expansion: 'bo1' } }))).toContain('d');
  });
});
