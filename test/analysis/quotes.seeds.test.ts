import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analysis/analyze.js';
import { buildPeopleDirectory } from '../../src/analysis/peopleDirectory.js';
import type { ArticleAnalysis, PeopleDirectory, Quote } from '../../src/analysis/types.js';
import { loadArticle } from '../../src/corpus/load.js';

const SEEDS = path.resolve('seeds');
const IDS = ['000_8847be39bb5a8b48.txt', '004_0c3380e4b5896ec4.txt'];

let analyses: Array<{ id: string; analysis: ArticleAnalysis }>;
let directory: PeopleDirectory;

beforeAll(async () => {
  analyses = [];
  for (const id of IDS) {
    const loaded = await loadArticle(SEEDS, id, { maxBytes: 5 * 1024 * 1024 });
    if (!loaded.ok) throw new Error(`seed ${id} did not load: ${loaded.skipped.reason}`);
    analyses.push({ id, analysis: analyzeArticle(loaded.article) });
  }
  directory = buildPeopleDirectory(analyses);
});

/** Quotes attributed to the person a user would type, resolved through the directory as /quotes does. */
function quotesBy(name: string): Quote[] {
  const lookup = directory.lookup(name);
  if (lookup.kind !== 'found') throw new Error(`${name} did not resolve to one person (${lookup.kind})`);
  return analyses.flatMap(({ id, analysis }) =>
    analysis.quotes.filter((quote) => quote.speakerType === 'person' && quote.speaker !== null && directory.canonicalName(id, quote.speaker) === lookup.person.name));
}

describe('quotes on the seed articles', () => {
  it('gives Putin his direct quote', () => {
    expect(quotesBy('Putin')).toContainEqual(expect.objectContaining({ kind: 'direct', text: 'Overall, I have never excluded the possibility of such a meeting' }));
    expect(quotesBy('President Putin').map((quote) => quote.text)).toContain('Overall, I have never excluded the possibility of such a meeting');
  });

  it('gives Trump the quote introduced by "As he remarked about …:"', () => {
    expect(quotesBy('Trump')).toContainEqual(expect.objectContaining({ kind: 'direct', text: 'There’s a lot of hatred, a lot.' }));
  });

  it('finds Zelensky mentioned in both articles but never quoted', () => {
    const lookup = directory.lookup('Zelensky');
    expect(lookup.kind).toBe('found');
    if (lookup.kind !== 'found') return;
    expect(lookup.person.name).toBe('Volodymyr Zelensky');
    expect(lookup.person.articleIds.sort()).toEqual(IDS);
    expect(lookup.person.quoteCount).toBe(0);
    expect(quotesBy('Zelensky')).toEqual([]);
  });

  it('attributes the anonymous diplomat and the scare quotes to no named person', () => {
    const named = analyses.flatMap(({ analysis }) => analysis.quotes.filter((quote) => quote.speakerType === 'person'));
    for (const phrase of ['Trump is finally on our side', 'territorial reality', 'actually strike', 'unpredictable', 'the American leader is also ready']) {
      expect(named.filter((quote) => quote.text.includes(phrase))).toEqual([]);
    }
  });

  it('merges every form of a name under the fullest one', () => {
    const putin = directory.lookup('Russian President Vladimir Putin');
    expect(putin).toMatchObject({ kind: 'found', person: { name: 'Vladimir Putin' } });
    expect(directory.list().filter((person) => /putin/i.test(person.name))).toHaveLength(1);
  });
});
