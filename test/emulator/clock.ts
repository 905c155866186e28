/**
 * Time and ids for the emulator. Date.now and the timers are captured from Node at import so that a test
 * that fakes timers for the bot (vi.useFakeTimers) does not freeze the emulated Discord with it.
 */
import { setTimeout as nodeSetTimeout, clearTimeout as nodeClearTimeout } from 'node:timers';

const realNow = Date.now;

/** Milliseconds since the epoch, never faked. */
export function now(): number {
  return realNow();
}

export const setTimer = nodeSetTimeout;
export const clearTimer = nodeClearTimeout;

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastMs = 0;
let increment = 0;

/** A Discord snowflake (19 digits today) for the current time, unique within this process. */
export function snowflake(): string {
  let ms = now();
  if (ms <= lastMs) {
    ms = lastMs;
    increment += 1;
    if (increment > 0xfff) {
      ms += 1;
      increment = 0;
    }
  } else {
    increment = 0;
  }
  lastMs = ms;
  // worker 1, process 0: the bits Discord's own ids carry there are irrelevant to clients.
  return (((BigInt(ms) - DISCORD_EPOCH) << 22n) | (1n << 17n) | BigInt(increment)).toString();
}

/** The creation time of a snowflake, in milliseconds since the epoch. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A random token of URL-safe characters, like Discord's interaction and webhook tokens. */
export function randomToken(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let token = '';
  for (let i = 0; i < length; i += 1) token += alphabet[Math.floor(Math.random() * alphabet.length)];
  return token;
}

/** Resolves when `check` returns something other than undefined, re-checking whenever `subscribe` fires. */
export function waitUntil<T>(
  check: () => T | undefined,
  subscribe: (listener: () => void) => () => void,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  type Outcome = { value: T } | { error: unknown } | undefined;
  const attempt = (): Outcome => {
    try {
      const value = check();
      return value === undefined ? undefined : { value };
    } catch (error) {
      return { error };
    }
  };
  return new Promise<T>((resolve, reject) => {
    const settle = (outcome: Exclude<Outcome, undefined>): void => {
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const first = attempt();
    if (first) return settle(first);
    const timer = setTimer(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      const outcome = attempt();
      if (!outcome) return;
      unsubscribe();
      clearTimer(timer);
      settle(outcome);
    });
  });
}
