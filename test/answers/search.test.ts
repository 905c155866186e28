/** What a user gets from /search, the "Search Newsdesk" message command and /search autocomplete. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excerptWithMarkers, isCalendarDate, keyTerms, search, searchCompletions, searchMessage } from '../../src/answers/search.js';
import { searchView } from '../../src/render/search.js';
import { lineText } from '../../src/render/view.js';
import { digestSince } from '../../src/answers/digest.js';
import { openTestCatalog, type TestCatalog } from '../helpers/seedCatalog.js';

let corpus: TestCatalog;
beforeAll(async () => {
  corpus = await openTestCatalog(new URL('../fixtures/search/corpus/', import.meta.url).pathname);
});
afterAll(async () => corpus.dispose());

const ids = (answer: ReturnType<typeof search>) => answer.results.map((result) => result.articleId);
const introText = (answer: ReturnType<typeof search>) => searchView(answer).intro.map(lineText).join('\n');

describe('search options', () => {
  it('rejects impossible dates and inverted ranges with a clear error, not a throw', () => {
    const impossible = search(corpus.catalog, { query: 'trial', from: '2013-02-30' });
    expect(impossible.error).toContain('2013-02-30');
    expect(impossible.results).toEqual([]);
    expect(search(corpus.catalog, { query: 'trial', to: 'last week' }).error).toContain('YYYY-MM-DD');
    const inverted = search(corpus.catalog, { query: 'trial', from: '2014-06-01', to: '2014-01-01' });
    expect(inverted.error).toContain('inverted');
    expect(introText(inverted)).toContain('inverted');
    expect(isCalendarDate('2012-02-29')).toBe(true);
    expect(isCalendarDate('2013-02-29')).toBe(false);
  });

  it('filters by source and sorts newest first', () => {
    expect(ids(search(corpus.catalog, { query: 'trial', source: 'reuters' }))).toEqual(['coach-trial.md']);
    expect(ids(search(corpus.catalog, { query: 'vaccinated vaccine', sort: 'newest' }))[0]).toBe('measles.md');
  });

  it('suggests a wider date range only when a date range was given', () => {
    const dated = search(corpus.catalog, { query: 'measles', from: '2010-01-01', to: '2010-12-31' });
    expect(introText(dated)).toContain('wider date range');
    const undated = search(corpus.catalog, { query: 'zzyzx quasar' });
    expect(undated.results).toEqual([]);
    expect(introText(undated)).not.toContain('date range');
  });

  it('says a query of only stop words has nothing to look up', () => {
    const answer = search(corpus.catalog, { query: 'the of and' });
    expect(answer.notice).toEqual({ kind: 'stop-words-only' });
    expect(introText(answer)).toContain('only very common words');
  });
});

describe('query syntax through the answer', () => {
  it('ranks the quoted phrase first and excludes what is excluded', () => {
    expect(ids(search(corpus.catalog, { query: '"murder trial"' }))[0]).toBe('coach-trial.md');
    expect(ids(search(corpus.catalog, { query: 'trial -murder' }))).toEqual(['vaccine-trial.md']);
  });

  it('shows the mention of an alias the people directory knows', () => {
    const answer = search(corpus.catalog, { query: 'Cardinal Bergoglio' });
    expect(ids(answer)[0]).toBe('pope-election.md');
    expect(answer.results[0]!.excerpts.map(excerptWithMarkers).join(' ')).toContain('**Bergoglio**');
  });
});

describe('did you mean', () => {
  it('offers the corpus spelling when a misspelt query finds little', () => {
    const answer = search(corpus.catalog, { query: 'Bergolgio' });
    expect(answer.notice).toEqual({ kind: 'did-you-mean', suggestion: 'Bergoglio' });
    expect(introText(answer)).toContain('Did you mean');
  });

  it('does not second-guess a query that finds enough', () => {
    expect(search(corpus.catalog, { query: 'trial' }).notice).toBeUndefined();
  });
});

describe('Search Newsdesk (message command)', () => {
  it('searches the key terms of a message, names and rare words first, not every word', () => {
    const message = 'Hey team, did anyone see what Bergoglio said about the migrants at Lampedusa? I think we should cover it today.';
    const terms = keyTerms(corpus.catalog, message);
    expect(terms).toContain('Bergoglio');
    expect(terms).toContain('Lampedusa');
    expect(terms).not.toContain('think');
    expect(terms.length).toBeLessThanOrEqual(6);
    const answer = searchMessage(corpus.catalog, message);
    expect(ids(answer)).toContain('pope-visit.md');
  });

  it('answers a message with no searchable words without a crash', () => {
    const answer = searchMessage(corpus.catalog, 'ok 👍');
    expect(answer.results).toEqual([]);
    expect(answer.notice).toEqual({ kind: 'no-key-terms' });
    expect(introText(answer)).toContain('nothing to search for');
  });
});

describe('/search autocomplete', () => {
  it('offers people and article titles completing what was typed', () => {
    const choices = searchCompletions(corpus.catalog, 'berg', 10);
    expect(choices).toContainEqual({ name: 'Jorge Mario Bergoglio', value: 'Jorge Mario Bergoglio' });
    const titles = searchCompletions(corpus.catalog, 'measles', 10);
    expect(titles).toContainEqual({ name: 'Measles cases rise', value: '"Measles cases rise"' });
    expect(searchCompletions(corpus.catalog, 'measles', 0)).toEqual([]);
  });
});

describe('digest filters', () => {
  it('require every word: "vaccine trial" does not catch the murder trial of a former coach', () => {
    const listed = (filter: string) => digestSince(corpus.catalog, { since: '2000-01-01T00:00:00Z', filter }).items.map((item) => item.articleId);
    expect(listed('vaccine trial')).toEqual(['vaccine-trial.md']);
    expect(listed('trial -vaccine')).toEqual(['coach-trial.md']);
    expect(listed('"former coach"')).toEqual(['coach-trial.md']);
  });
});
