/** The answers a user gets on the seed corpus (issue 2's acceptance tests). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotesBy } from '../../src/answers/quotes.js';
import { excerptWithMarkers, search } from '../../src/answers/search.js';
import { summaries, summaryOf } from '../../src/answers/summaries.js';
import { peopleMatching, articlesMatching } from '../../src/answers/lookup.js';
import { openTestCatalog, type TestCatalog } from '../helpers/seedCatalog.js';

const SEED_000 = '000_8847be39bb5a8b48.txt';
const SEED_004 = '004_0c3380e4b5896ec4.txt';
let seeds: TestCatalog;

beforeAll(async () => {
  seeds = await openTestCatalog();
});
afterAll(async () => seeds.dispose());

describe('quotes on the seeds', () => {
  it('finds Putin’s direct quote, under his full name, whichever name is asked', () => {
    for (const name of ['Putin', 'Vladimir Putin', 'President Putin', 'putin']) {
      const answer = quotesBy(seeds.catalog, name);
      expect(answer.kind).toBe('quotes');
      if (answer.kind !== 'quotes') continue;
      expect(answer.person.name).toBe('Vladimir Putin');
      const quotes = answer.groups.flatMap((group) => group.quotes);
      expect(quotes).toContainEqual(
        expect.objectContaining({ kind: 'direct', text: 'Overall, I have never excluded the possibility of such a meeting' }),
      );
    }
  });

  it('finds Trump’s quote introduced by "he remarked"', () => {
    const answer = quotesBy(seeds.catalog, 'Trump');
    expect(answer.kind).toBe('quotes');
    if (answer.kind !== 'quotes') return;
    expect(answer.person.name).toBe('Donald Trump');
    const quotes = answer.groups.flatMap((group) => group.quotes);
    expect(quotes).toContainEqual(expect.objectContaining({ kind: 'direct', text: 'There’s a lot of hatred, a lot.' }));
    expect(quotes.some((quote) => quote.kind === 'indirect')).toBe(true);
  });

  it('says Zelensky is mentioned but not quoted', () => {
    const answer = quotesBy(seeds.catalog, 'Zelensky');
    expect(answer.kind).toBe('not-quoted');
    if (answer.kind === 'not-quoted') expect(answer.person.articleIds.sort()).toEqual([SEED_000, SEED_004]);
  });

  it('never gives the anonymous diplomat’s words to a named person', () => {
    for (const person of seeds.catalog.people().list()) {
      const answer = quotesBy(seeds.catalog, person.name);
      if (answer.kind !== 'quotes') continue;
      for (const quote of answer.groups.flatMap((group) => group.quotes)) {
        expect(quote.text).not.toMatch(/finally on our side|territorial reality|^actually strike$|^unpredictable$/);
      }
    }
  });

  it('suggests close names for an unknown one', () => {
    const answer = quotesBy(seeds.catalog, 'Putn');
    expect(answer.kind).toBe('unknown');
    if (answer.kind === 'unknown') expect(answer.suggestions.map((person) => person.name)).toContain('Vladimir Putin');
  });
});

describe('summaries on the seeds', () => {
  it('lists seed 000 dated 2025-09-12 first and seed 004 undated last', () => {
    const list = summaries(seeds.catalog);
    expect(list.map((article) => [article.articleId, article.date])).toEqual([
      [SEED_000, '2025-09-12'],
      [SEED_004, null],
    ]);
  });

  it('never includes the photo credit or a subheading glued to a sentence', () => {
    for (const article of summaries(seeds.catalog)) {
      expect(article.summary.length).toBeGreaterThan(50);
      expect(article.summary).not.toMatch(/Photo:|DALL·E|licensed under/);
      expect(article.summary).not.toMatch(/Europe Pushes for Stronger Action|Moscow Stresses Commitment to Dialogue/);
    }
  });

  it('finds one article by id or by title', () => {
    expect(summaryOf(seeds.catalog, SEED_004).kind).toBe('article');
    const byTitle = summaryOf(seeds.catalog, 'europe convinces trump to get tough on moscow and push for ukraine negotiations');
    expect(byTitle.kind === 'article' && byTitle.article.articleId).toBe(SEED_000);
    expect(summaryOf(seeds.catalog, 'no such article about penguins').kind).toBe('not-found');
  });
});

describe('search on the seeds', () => {
  it('returns excerpts from both articles with "sanctions" in bold', () => {
    const answer = search(seeds.catalog, { query: 'sanctions' });
    expect(answer.results.map((result) => result.articleId).sort()).toEqual([SEED_000, SEED_004]);
    for (const result of answer.results) {
      expect(result.excerpts.length).toBeGreaterThan(0);
      expect(result.excerpts.map(excerptWithMarkers).join(' ')).toMatch(/\*\*sanctions\*\*/i);
    }
  });

  it('says nothing matched rather than failing', () => {
    expect(search(seeds.catalog, { query: 'penguins antarctica' }).results).toEqual([]);
    expect(search(seeds.catalog, { query: '   ' }).results).toEqual([]);
  });
});

describe('autocomplete sources', () => {
  it('lists quoted people first, and articles by title', () => {
    const people = peopleMatching(seeds.catalog, '');
    const firstUnquoted = people.findIndex((person) => person.quoteCount === 0);
    const lastQuoted = people.map((person) => person.quoteCount > 0).lastIndexOf(true);
    expect(firstUnquoted === -1 || lastQuoted < firstUnquoted).toBe(true);
    expect(peopleMatching(seeds.catalog, 'vlad').map((person) => person.name)).toContain('Vladimir Putin');
    expect(articlesMatching(seeds.catalog, 'Kiev').map((article) => article.articleId)).toContain(SEED_004);
  });
});
