import { describe, expect, it } from 'vitest';
import { bo1Expansion, bo1Weight } from '../../src/index/expansion.js';

describe('Bo1 query expansion', () => {
  it('weighs a term rare in the collection above a common one seen as often in the feedback documents', () => {
    expect(bo1Weight(3, 0.001)).toBeGreaterThan(bo1Weight(3, 0.5));
    expect(bo1Weight(6, 0.01)).toBeGreaterThan(bo1Weight(3, 0.01));
  });

  it('adds terms shared by the feedback documents, not counted as query words, and keeps the query first', () => {
    const texts = ['Ebola outbreak in Liberia, quarantine', 'Ebola outbreak: Liberia clinic', 'Ebola vaccine, Liberia'];
    const frequencies: Record<string, number> = { ebola: 3, outbreak: 5, liberia: 4, quarantin: 2, clinic: 3, vaccin: 2 };
    const expanded = bo1Expansion([{ term: 'ebola', weight: 1, slot: 0 }], texts, (term) => frequencies[term] ?? 1, 1000);
    const byTerm = new Map(expanded.map((entry) => [entry.term, entry]));
    expect(byTerm.get('ebola')!.slot).toBe(0);
    expect(byTerm.get('liberia')!.slot).toBe(-1);
    expect(byTerm.has('outbreak')).toBe(true);
    // Seen in one feedback document only: not an expansion term.
    expect(byTerm.has('quarantin')).toBe(false);
    expect(Math.max(...expanded.filter((entry) => entry.slot < 0).map((entry) => entry.weight))).toBeLessThanOrEqual(byTerm.get('ebola')!.weight);
  });

  it('expands nothing without feedback documents', () => {
    expect(bo1Expansion([{ term: 'ebola', weight: 1, slot: 0 }], [], () => 1, 10)).toEqual([]);
  });
});
