import { describe, expect, it } from 'vitest';
import { bm25fScores, type TermModel, type TermStatistics } from '../../src/index/bm25f.js';
import { dirichletLength, dirichletMatch, dph, pl2, type CollectionTerm } from '../../src/index/models.js';

/** A tiny one-field engine: documents as lists of terms. */
function statisticsOf(documents: string[][]): TermStatistics {
  return {
    documentCount: documents.length,
    fields: [{ name: 'text', weight: 1, averageLength: documents.reduce((sum, terms) => sum + terms.length, 0) / documents.length }],
    documentFrequency: (term) => documents.filter((terms) => terms.includes(term)).length,
    postings: (term) =>
      documents.flatMap((terms, doc) => {
        const tf = terms.filter((each) => each === term).length;
        return tf > 0 ? [{ doc, field: 0, tf }] : [];
      }),
    fieldLength: (doc) => documents[doc]!.length,
  };
}

const collection = (documentFrequency: number, collectionFrequency: number): CollectionTerm => ({
  documentCount: 1000,
  documentFrequency,
  collectionFrequency,
  averageLength: 100,
});

const models: Array<Exclude<TermModel, 'bm25f'>> = ['dph', 'pl2', 'dirichlet'];

describe('term weighting models', () => {
  it('weigh a rare term above a common one at the same frequency and length (DPH, PL2, Dirichlet)', () => {
    expect(dph(2, 100, collection(5, 6))).toBeGreaterThan(dph(2, 100, collection(400, 900)));
    expect(pl2(2, 100, collection(5, 6))).toBeGreaterThan(pl2(2, 100, collection(400, 900)));
    expect(dirichletMatch(2, collection(5, 6))).toBeGreaterThan(dirichletMatch(2, collection(400, 900)));
  });

  it('reward more occurrences, and the same occurrences in a shorter document', () => {
    const rare = collection(5, 6);
    expect(dph(3, 100, rare)).toBeGreaterThan(dph(1, 100, rare));
    expect(pl2(3, 100, rare)).toBeGreaterThan(pl2(1, 100, rare));
    expect(dph(2, 50, rare)).toBeGreaterThan(dph(2, 300, rare));
    expect(pl2(2, 50, rare)).toBeGreaterThan(pl2(2, 300, rare));
    expect(dirichletLength(50)).toBeGreaterThan(dirichletLength(300));
  });

  it('give a document made only of the term a finite DPH weight', () => {
    expect(Number.isFinite(dph(3, 3, collection(5, 6)))).toBe(true);
  });

  it.each(models)('%s ranks a document matching the rare query word above one matching the common word', (model) => {
    const statistics = statisticsOf([
      ['ebola', 'outbreak', 'report', 'today'],
      ['news', 'outbreak', 'report', 'today'],
      ['news', 'market', 'price', 'today'],
      ['news', 'sport', 'goal', 'today'],
      ['news', 'weather', 'rain', 'today'],
    ]);
    const scores = bm25fScores(statistics, ['ebola', 'news'], { model });
    expect(scores.get(0)).toBeGreaterThan(scores.get(1)!);
    expect(scores.size).toBe(5);
  });

  it.each(models)('%s prefers a document with both query words over one with either', (model) => {
    const statistics = statisticsOf([
      ['ebola', 'vaccine', 'trial', 'today'],
      ['ebola', 'outbreak', 'report', 'today'],
      ['vaccine', 'market', 'price', 'today'],
      ['news', 'sport', 'goal', 'today'],
      ['news', 'weather', 'rain', 'today'],
    ]);
    const scores = bm25fScores(statistics, ['ebola', 'vaccine'], { model });
    expect(scores.get(0)).toBeGreaterThan(Math.max(scores.get(1)!, scores.get(2)!));
  });
});
