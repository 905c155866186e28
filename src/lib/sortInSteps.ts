/**
 * Sorting that can pause. Sorting 100,000 items with a comparator takes a few hundred milliseconds in one
 * synchronous call, longer than any event-loop block we allow; this merge sort does the same work as a
 * generator that yields every STEP_ITEMS items, so a caller can pause between steps (`yield*` it from another
 * step generator, or drive it with runSteps).
 *
 * The sort is stable, like Array.prototype.sort.
 */

/** Items sorted or merged between yields: about a millisecond of work. */
const STEP_ITEMS = 4_096;

/** Code-unit order, as Array.prototype.sort sorts strings without a comparator. */
const nativeOrder = (a: unknown, b: unknown): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

/** Sorts by `compare`; without one, strings in the engine's native order (its own sort of each run is far cheaper). */
export function* sortInSteps<T>(items: readonly T[], compare?: (a: T, b: T) => number): Generator<void, T[]> {
  let runs: T[][] = [];
  for (let first = 0; first < items.length; first += STEP_ITEMS) {
    const run = items.slice(first, first + STEP_ITEMS);
    runs.push(compare ? run.sort(compare) : run.sort());
    yield;
  }
  compare ??= nativeOrder;
  if (runs.length === 0) return [];
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let index = 0; index < runs.length; index += 2) {
      const left = runs[index]!;
      const right = runs[index + 1];
      if (!right) {
        merged.push(left);
        continue;
      }
      const out: T[] = new Array<T>(left.length + right.length);
      let i = 0;
      let j = 0;
      let k = 0;
      let sinceYield = 0;
      while (i < left.length && j < right.length) {
        // Ties take the left run first: stable.
        out[k++] = compare(right[j]!, left[i]!) < 0 ? right[j++]! : left[i++]!;
        if (++sinceYield >= STEP_ITEMS) {
          sinceYield = 0;
          yield;
        }
      }
      while (i < left.length) out[k++] = left[i++]!;
      while (j < right.length) out[k++] = right[j++]!;
      merged.push(out);
      yield;
    }
    runs = merged;
  }
  return runs[0]!;
}

/** Runs a step generator to the end in one go (small inputs, tests). */
export function runSteps<R>(steps: Generator<void, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
