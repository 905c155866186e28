import { describe, expect, it } from 'vitest';
import { proximityScore, proximityTerms, withProximity } from '../../src/index/proximity.js';

const terms = proximityTerms(
  [
    { term: 'bank', weight: 1, slot: 0 },
    { term: 'england', weight: 1, slot: 1 },
  ],
  () => 2,
)!;

describe('term proximity', () => {
  it('scores query words standing together above the same words far apart', () => {
    const filler = Array.from({ length: 40 }, (_, index) => `filler${index}`).join(' ');
    const together = `The Bank of England raised rates. ${filler}`;
    const apart = `The bank raised rates. ${filler} England watched.`;
    expect(proximityScore(together, terms, 40)).toBeGreaterThan(proximityScore(apart, terms, 40));
    expect(proximityScore('Only the bank here.', terms, 40)).toBe(0);
  });

  it('does not pair a name with its own alias, and needs two query words', () => {
    expect(proximityTerms([{ term: 'francis', weight: 1, slot: 0 }, { term: 'bergoglio', weight: 1, slot: 0 }], () => 2)).toBeNull();
  });

  it('re-orders the head of a ranking and keeps every item', () => {
    const ranked = [
      { id: 'far', score: 1.0, text: 'bank ' + 'word '.repeat(30) + 'england' },
      { id: 'near', score: 0.99, text: 'bank england' },
    ];
    const reordered = withProximity(ranked, terms, (item) => item.text, 10);
    expect(reordered.map((item) => item.id)).toEqual(['near', 'far']);
  });
});
