import { describe, expect, it } from 'vitest';
import { dependencePairs, dependenceScore, windowCounts, withDependence } from '../../src/index/dependence.js';

const pairs = dependencePairs(
  [
    { term: 'bank', weight: 1, slot: 0 },
    { term: 'england', weight: 1, slot: 1 },
  ],
  () => 2,
)!;

describe('sequential dependence model', () => {
  it('pairs neighbouring query words, not a name with its alias', () => {
    expect(pairs).toEqual([{ first: 'bank', second: 'england', idf: 4 }]);
    expect(dependencePairs([{ term: 'francis', weight: 1, slot: 0 }, { term: 'bergoglio', weight: 1, slot: 0 }], () => 2)).toBeNull();
  });

  it('counts ordered pairs in query order only, and unordered windows of 8 terms either way', () => {
    expect(windowCounts(['bank', 'england', 'x', 'england', 'bank'], 'bank', 'england')).toEqual({ ordered: 1, unordered: 2 });
    const far = ['bank', ...Array.from({ length: 8 }, (_, index) => `x${index}`), 'england'];
    expect(windowCounts(far, 'bank', 'england')).toEqual({ ordered: 0, unordered: 0 });
  });

  it('scores the words standing together above the same words far apart', () => {
    const filler = Array.from({ length: 40 }, (_, index) => `filler${index}`).join(' ');
    const together = dependenceScore(`The Bank of England raised rates. ${filler}`, pairs, 40);
    const apart = dependenceScore(`The bank raised rates. ${filler} England watched.`, pairs, 40);
    expect(together.ordered).toBeGreaterThan(apart.ordered);
    expect(together.unordered).toBeGreaterThan(apart.unordered);
  });

  it('re-orders the head of a ranking and keeps every item', () => {
    const ranked = [
      { id: 'far', score: 1.0, text: 'bank ' + 'word '.repeat(30) + 'england' },
      { id: 'near', score: 0.99, text: 'bank england' },
      { id: 'none', score: 0.5, text: 'nothing' },
    ];
    const reordered = withDependence(ranked, pairs, (item) => item.text, 10);
    expect(reordered.map((item) => item.id)).toEqual(['near', 'far', 'none']);
  });
});
