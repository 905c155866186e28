import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lowerBound, patchSorted, positionOf } from '../../src/index/sortedArray.js';

interface Item {
  key: number;
  name: string;
}
const byKey = (a: Item, b: Item) => a.key - b.key;

describe('sorted arrays', () => {
  it('patching gives the same order as sorting again, and leaves the original alone', () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 20 }), name: fc.string({ maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), fc.array(item, { maxLength: 10 }), (start, drops, added) => {
        const sorted = [...start].sort(byKey);
        const removed = [...new Set(drops.map((index) => sorted[index % Math.max(1, sorted.length)]).filter((found) => found !== undefined))];
        const copy = [...sorted];
        const patched = patchSorted(sorted, removed, added, byKey);
        expect(sorted).toEqual(copy);
        const expected = [...sorted.filter((entry) => !removed.includes(entry)), ...added];
        expect(patched.map((entry) => entry.key)).toEqual(expected.map((entry) => entry.key).sort((a, b) => a - b));
        expect(new Set(patched)).toEqual(new Set(expected));
      }),
    );
  });

  it('finds positions by binary search and items by identity among equals', () => {
    const a = { key: 1, name: 'a' };
    const b = { key: 1, name: 'b' };
    const items = [{ key: 0, name: 'z' }, a, b, { key: 2, name: 'y' }];
    expect(lowerBound(items, { key: 1, name: '' }, byKey)).toBe(1);
    expect(positionOf(items, b, byKey)).toBe(2);
    expect(positionOf(items, { key: 1, name: 'b' }, byKey)).toBe(-1);
  });
});
