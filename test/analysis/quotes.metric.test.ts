import { describe, expect, it } from 'vitest';
import { quoteWords, scoreArticle, totals, type GoldQuote } from '../../src/analysis/quoteMetric.js';

const gold: GoldQuote[] = [
  { speaker: 'Vladimir Putin', kind: 'direct', text: 'Overall, I have never excluded the possibility of such a meeting' },
  { speaker: 'Donald Trump', kind: 'indirect', text: 'he would prefer not to impose sanctions on Moscow' },
  { speaker: 'Donald Trump', kind: 'indirect', text: 'he can help resolve the Ukrainian crisis', optional: true },
];

describe('quote metric', () => {
  it('counts a quote right when the speaker matches and most of its words are in that speaker’s gold quotes', () => {
    const score = scoreArticle([
      { speaker: 'Vladimir Putin', kind: 'direct', text: 'Overall, I have never excluded the possibility of such a meeting,' },
      { speaker: 'Donald Trump', kind: 'indirect', text: 'Trump has repeatedly said he would prefer not to impose sanctions on Moscow' },
    ], gold);
    expect(score.correct).toHaveLength(2);
    expect(score.wrong).toEqual([]);
    expect(score.missed).toEqual([]);
  });

  it('counts a right quote with the wrong speaker as both wrong and missed', () => {
    const score = scoreArticle([{ speaker: 'Donald Trump', kind: 'direct', text: 'Overall, I have never excluded the possibility of such a meeting' }], gold);
    expect(score.wrong).toHaveLength(1);
    expect(score.missed.map((item) => item.speaker)).toEqual(['Vladimir Putin', 'Donald Trump']);
  });

  it('needs more than half of the words', () => {
    const half = scoreArticle([{ speaker: 'Vladimir Putin', kind: 'direct', text: 'never excluded a deal with anyone in Europe today' }], gold);
    expect(half.correct).toEqual([]);
    expect(half.found).toEqual([]);
  });

  it('neither requires nor rejects optional gold quotes', () => {
    const without = scoreArticle([], gold.filter((item) => item.speaker === 'Donald Trump'));
    expect(without.missed).toHaveLength(1);
    const withOptional = scoreArticle([{ speaker: 'Donald Trump', kind: 'indirect', text: 'he can help resolve the Ukrainian crisis' }], gold);
    expect(withOptional.wrong).toEqual([]);
    expect(withOptional.correct).toHaveLength(1);
  });

  it('compares words without case, accents or punctuation, one for one', () => {
    expect(quoteWords('Zoë said: “It’s OK!”')).toEqual(['zoe', 'said', "it's", 'ok']);
    const repeated = scoreArticle([{ speaker: 'A B', kind: 'direct', text: 'no no no no no yes' }], [{ speaker: 'A B', kind: 'direct', text: 'no yes' }]);
    expect(repeated.correct).toEqual([]);
  });

  it('adds articles up into precision, recall and F1', () => {
    const first = scoreArticle([{ speaker: 'Vladimir Putin', kind: 'direct', text: 'Overall, I have never excluded the possibility of such a meeting' }], gold);
    const second = scoreArticle([{ speaker: 'X Y', kind: 'direct', text: 'something else entirely' }], []);
    const result = totals([first, second]);
    expect(result).toMatchObject({ produced: 2, correct: 1, required: 2, found: 1 });
    expect(result.precision).toBeCloseTo(0.5);
    expect(result.recall).toBeCloseTo(0.5);
    expect(result.f1).toBeCloseTo(0.5);
    expect(totals([])).toMatchObject({ precision: 1, recall: 1 });
  });
});
