/**
 * LISTEN on a connection of its own, kept open: when it drops (a server restart, pg_terminate_backend, the
 * network) or cannot be opened, it is opened again with backoff (1 s doubling to 30 s), so a process that
 * lost its listening connection does not fall back to polling for good. Notifications sent while nobody
 * listened are lost: `onListening(again = true)` tells the caller to catch up on what they announced.
 */
import type pg from 'pg';

export interface ListenOptions {
  /** The connection is taken from this pool, and held until stop(). */
  pool: pg.Pool;
  /** A plain identifier (it is spliced into LISTEN). */
  channel: string;
  onNotification: (payload: string | undefined) => void;
  /** Each time LISTEN is in place: `again` is false the first time, true after a reconnection. */
  onListening?: (again: boolean) => void;
  /** A failure to listen (or a dropped connection), in one line, and the wait before the next try. */
  onError?: (reason: string, retryInMs: number) => void;
  /** First wait before listening again, ms. Default 1000. */
  minDelayMs?: number;
  /** Longest wait, ms. Default 30000. */
  maxDelayMs?: number;
}

export interface Listener {
  /** Settles after the first attempt: true when listening, false when it failed (it keeps trying). */
  readonly started: Promise<boolean>;
  /** Whether LISTEN is in place now. */
  listening(): boolean;
  /** Stops listening and trying; the connection is closed. */
  stop(): Promise<void>;
}

export function keepListening(options: ListenOptions): Listener {
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let current: pg.PoolClient | undefined;
  let active = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let listenedBefore = false;

  const retryLater = (error: unknown) => {
    if (stopped) return;
    const wait = Math.min(minDelay * 2 ** failures, maxDelay);
    failures += 1;
    options.onError?.(error instanceof Error ? error.message : String(error), wait);
    timer = setTimeout(() => void open(), wait);
    timer.unref();
  };

  /** Gives up a connection once (its error, its end and a failed LISTEN may all report the same drop). */
  const drop = (client: pg.PoolClient, error: unknown) => {
    if (current !== client) return;
    current = undefined;
    active = false;
    client.release(true);
    retryLater(error);
  };

  const open = async (): Promise<boolean> => {
    timer = undefined;
    if (stopped) return false;
    let client: pg.PoolClient;
    try {
      client = await options.pool.connect();
    } catch (error) {
      retryLater(error);
      return false;
    }
    if (stopped) {
      client.release(true);
      return false;
    }
    current = client;
    client.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotification(message.payload);
    });
    client.on('error', (error) => drop(client, error));
    client.on('end', () => drop(client, new Error('the listening connection closed')));
    try {
      await client.query(`LISTEN ${options.channel}`);
    } catch (error) {
      drop(client, error);
      return false;
    }
    if (current !== client) return false;
    active = true;
    failures = 0;
    const again = listenedBefore;
    listenedBefore = true;
    options.onListening?.(again);
    return true;
  };

  const started = open();
  return {
    started,
    listening: () => active,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await started;
      const client = current;
      current = undefined;
      active = false;
      // Closed rather than given back: a connection that listened is not worth cleaning for reuse.
      client?.release(true);
    },
  };
}
