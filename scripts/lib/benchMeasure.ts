/** What the benchmark measures with: event-loop blocks, memory peaks, latency percentiles. */
import { performance } from 'node:perf_hooks';

/** Interval of the drift meter: a tick later than this by N ms means the loop was held for about N ms. */
const TICK_MS = 10;
const MEMORY_SAMPLE_MS = 100;

export interface PhaseResult<T> {
  result: T;
  seconds: number;
  /** Longest lateness of a 10 ms interval tick during the phase. */
  longestBlockMs: number;
  /**
   * The share of that gap in which the main thread was running (event-loop utilisation): near 1 for a real block,
   * far below it when the OS ran something else (the machine is shared). Worker threads do not count.
   */
  busyShare: number;
}

/**
 * Runs one phase under a drift meter: a 10 ms interval whose late ticks give the longest stall of the event loop
 * (what Discord heartbeats and the 3-second interaction deadline must survive).
 */
export async function measurePhase<T>(work: () => Promise<T> | T): Promise<PhaseResult<T>> {
  let last = performance.now();
  let lastUtilisation = performance.eventLoopUtilization();
  let longestBlockMs = 0;
  let busyShare = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const utilisation = performance.eventLoopUtilization();
    const late = now - last - TICK_MS;
    if (late > longestBlockMs) {
      longestBlockMs = late;
      busyShare = Math.min(1, performance.eventLoopUtilization(utilisation, lastUtilisation).utilization);
    }
    last = now;
    lastUtilisation = utilisation;
  }, TICK_MS);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    // The last stretch before the phase ended counts too: a block just before the end has no tick after it.
    const tail = performance.now() - last - TICK_MS;
    if (tail > longestBlockMs) longestBlockMs = tail;
    return { result, seconds, longestBlockMs: Math.max(0, longestBlockMs), busyShare };
  } finally {
    clearInterval(ticker);
  }
}

/** Peak heap and RSS, sampled every 100 ms (RSS includes worker threads; heap is the main thread's). */
export class MemorySampler {
  peakHeapBytes = 0;
  peakRssBytes = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), MEMORY_SAMPLE_MS);
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.peakHeapBytes = Math.max(this.peakHeapBytes, usage.heapUsed);
    this.peakRssBytes = Math.max(this.peakRssBytes, usage.rss);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

export function latency(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50Ms: round(percentile(sorted, 0.5), 2), p95Ms: round(percentile(sorted, 0.95), 2), p99Ms: round(percentile(sorted, 0.99), 2) };
}

/** Milliseconds taken by each call of `answer` on each input. */
export function timeEach<T>(inputs: readonly T[], answer: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const started = performance.now();
    answer(input);
    return performance.now() - started;
  });
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export const megabytes = (bytes: number) => round(bytes / 1e6, 1);
