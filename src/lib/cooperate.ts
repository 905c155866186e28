/**
 * Long loops that share the event loop: Discord heartbeats and the 3-second interaction deadline must survive a
 * corpus load, so no synchronous stretch may run for long. Work runs in slices of a few milliseconds with a
 * setImmediate yield between them (setImmediate, unlike setTimeout(0), costs no timer clamp per yield).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Milliseconds of work between yields. Well under the ~50 ms we allow any single block to take. */
export const SLICE_MS = 12;

/** A clock that says when the current slice is used up; `pause()` yields and starts a new slice. */
export class Slicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = SLICE_MS) {}

  get due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  async pause(): Promise<void> {
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }

  /** Yields only when the slice is used up. */
  async maybePause(): Promise<void> {
    if (this.due) await this.pause();
  }
}

/** Runs `work` on every item, yielding to the event loop between slices. */
export async function forEachCooperatively<T>(
  items: Iterable<T>,
  work: (item: T) => void,
  budgetMs = SLICE_MS,
): Promise<void> {
  const slicer = new Slicer(budgetMs);
  for (const item of items) {
    work(item);
    await slicer.maybePause();
  }
}

/** Drives a step generator (e.g. lib/sortInSteps.ts) to the end, yielding to the event loop between slices. */
export async function runStepsCooperatively<R>(steps: Generator<void, R>, budgetMs = SLICE_MS): Promise<R> {
  const slicer = new Slicer(budgetMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.maybePause();
  }
}
