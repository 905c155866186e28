import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSteps, sortInSteps } from '../../src/lib/sortInSteps.js';

describe('sortInSteps', () => {
  it('sorts exactly as Array.prototype.sort does, ties kept in order, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), order: fc.nat() }), { maxLength: 12_000 }), (items) => {
        const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(runSteps(sortInSteps(items, compare))).toEqual([...items].sort(compare));
      }),
      { numRuns: 30 },
    );
  });

  it('without a comparator, sorts strings in the native order (paths, ids, any Unicode)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[a-z0-9./-]{0,12}$/)), { maxLength: 10_000 }), (items) => {
        expect(runSteps(sortInSteps(items))).toEqual([...items].sort());
      }),
      { numRuns: 30 },
    );
  });

  it('pauses between steps on a large input instead of sorting in one go', () => {
    const items = Array.from({ length: 50_000 }, (_, index) => (index * 7919) % 50_000);
    const steps = sortInSteps(items, (a, b) => a - b);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses += 1;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThan(20);
    expect(step.value).toEqual([...items].sort((a, b) => a - b));
  });
});
