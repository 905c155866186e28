import { describe, expect, it } from 'vitest';
import { bm25fRank, bm25fScores, inverseDocumentFrequency, type TermStatistics } from '../../src/index/bm25f.js';

/** A tiny engine: documents as [title terms, body terms]. */
function statisticsOf(documents: Array<[string[], string[]]>, titleWeight = 2): TermStatistics {
  const fields = [0, 1].map((field) => ({
    name: field === 0 ? 'title' : 'body',
    weight: field === 0 ? titleWeight : 1,
    averageLength: documents.reduce((sum, document) => sum + document[field]!.length, 0) / documents.length,
  }));
  return {
    documentCount: documents.length,
    fields,
    documentFrequency: (term) => documents.filter((document) => document.some((terms) => terms.includes(term))).length,
    postings: (term) =>
      documents.flatMap((document, doc) =>
        document.map((terms, field) => ({ doc, field, tf: terms.filter((each) => each === term).length })).filter((posting) => posting.tf > 0),
      ),
    fieldLength: (doc, field) => documents[doc]![field]!.length,
  };
}

const body = (...terms: string[]) => terms;

describe('BM25F', () => {
  it('gives a rarer term more weight (one IDF across fields)', () => {
    expect(inverseDocumentFrequency(100, 1)).toBeGreaterThan(inverseDocumentFrequency(100, 50));
    expect(inverseDocumentFrequency(100, 100)).toBeGreaterThan(0);
  });

  it('saturates once over the fields: a term in title and body is worth less than two different terms', () => {
    const statistics = statisticsOf([
      [['ebola'], body('ebola', 'outbreak', 'news')],
      [['outbreak'], body('ebola', 'report', 'news')],
      [['market'], body('price', 'trade', 'news')],
      [['sport'], body('match', 'goal', 'news')],
    ]);
    const scores = bm25fScores(statistics, ['ebola', 'outbreak']);
    expect(scores.get(0)).toBeGreaterThan(0);
    expect(scores.has(2)).toBe(false);
    // Same frequencies after weighting, same score: the field a term sits in matters only through its weight.
    const single = bm25fScores(statistics, ['ebola']);
    expect(single.get(0)).toBeGreaterThan(single.get(1)!);
  });

  it('normalises each field by its own length', () => {
    const statistics = statisticsOf([
      [['a'], body('oil', 'x')],
      [['a'], body('oil', 'x', 'x', 'x', 'x', 'x', 'x', 'x')],
      [['b'], body('y')],
    ]);
    const scores = bm25fScores(statistics, ['oil']);
    expect(scores.get(0)).toBeGreaterThan(scores.get(1)!);
  });

  it('makes coordination a choice: multiply lowers partial matches, none does not', () => {
    const statistics = statisticsOf([
      [['a'], body('rare', 'rare', 'rare', 'rare')],
      [['b'], body('common', 'other')],
      [['c'], body('common', 'third')],
      [['d'], body('filler')],
    ]);
    const none = bm25fScores(statistics, ['rare', 'common'], { coordination: 'none' });
    const multiply = bm25fScores(statistics, ['rare', 'common'], { coordination: 'multiply' });
    expect(multiply.get(0)).toBeCloseTo(none.get(0)! / 2);
    expect(none.get(0)).toBeGreaterThan(none.get(1)!);
  });

  it('counts alternatives sharing a slot as one query word and leaves feedback terms out of the matched list', () => {
    const statistics = statisticsOf([
      [['pope'], body('bergoglio', 'vatican')],
      [['x'], body('francis', 'vatican')],
      [['y'], body('other')],
    ]);
    const scored = bm25fRank(
      statistics,
      [
        { term: 'francis', weight: 1, slot: 0 },
        { term: 'bergoglio', weight: 1, slot: 0 },
        { term: 'vatican', weight: 0.3, slot: -1 },
      ],
      { coordination: 'multiply' },
    );
    expect(scored.matched(0)).toEqual(['bergoglio']);
    expect(scored.matched(1)).toEqual(['francis']);
    expect(scored.slotsMatched(0)).toBe(1);
    expect(scored.slotCount).toBe(1);
    // Both matched one query word of one: multiply leaves their scores as they are.
    expect(scored.scores.get(0)).toBeGreaterThan(0);
  });

  it('with BM25+ delta, a long article that has a word once keeps a floor a short one without it cannot reach', () => {
    const long = body('ebola', ...Array.from({ length: 60 }, (_, index) => `filler${index}`));
    const statistics = statisticsOf([
      [[], long],
      [[], body('outbreak', 'news', 'report')],
      [[], body('market', 'news', 'report')],
    ]);
    const plain = bm25fScores(statistics, ['ebola']).get(0)!;
    const lowered = bm25fScores(statistics, ['ebola'], { delta: 1 }).get(0)!;
    expect(lowered - plain).toBeCloseTo(inverseDocumentFrequency(3, 1), 6);
    expect(bm25fScores(statistics, ['ebola'], { delta: 1 }).has(1)).toBe(false);
  });
});
