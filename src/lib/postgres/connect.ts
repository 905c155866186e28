/**
 * Opening PostgreSQL: one pool per process, a first connection retried with backoff, and one clear line
 * naming DATABASE_URL (password hidden) when the server is wrong or away, instead of a crash loop.
 */
import pg from 'pg';
import pRetry from 'p-retry';

export interface PostgresOptions {
  /** Connection URL (postgres://…). */
  url: string;
  /** Most connections open at once. Default 10. */
  poolMax?: number;
  /** Milliseconds an attempt to connect may take. Default 5000. */
  connectTimeoutMs?: number;
  /** Attempts before giving up (the first included). Default: keep trying (Infinity). */
  attempts?: number;
  /** Longest wait between attempts, ms. Default 30000. */
  maxDelayMs?: number;
  /** Told about each failed attempt: the one-line reason and the wait before the next. */
  onRetry?: (reason: string, attempt: number, nextInMs: number) => void;
  signal?: AbortSignal;
}

/** The URL with its password replaced, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there (is PostgreSQL running, and on that port?)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve (DNS is not answering)',
  ETIMEDOUT: 'the connection timed out',
  '28P01': 'the password is wrong',
  '28000': 'that user may not connect',
  '3D000': 'the database does not exist (create it, or fix the name at the end of the URL)',
  '57P03': 'the server is starting up',
};

/** One line saying what is wrong with a connection, naming DATABASE_URL. */
export function describeConnectionError(error: unknown, url: string): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = (code && REASONS[code]) ?? (/timeout/i.test(message) ? 'the connection timed out' : message);
  return `DATABASE_URL ${redactUrl(url)}: cannot connect: ${reason}`;
}

/** Whether retrying can help (a server away or starting) rather than a setting to fix. */
function isPermanent(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '28P01' || code === '28000' || code === '3D000' || code === 'ENOTFOUND';
}

/**
 * A pool whose first connection has succeeded. Transient failures are retried with exponential backoff
 * (1 s doubling to maxDelayMs); a wrong password, user or database name fails at once with the one-line reason.
 */
export async function openPostgres(options: PostgresOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    await pRetry(
      async () => {
        const client = await pool.connect();
        client.release();
      },
      {
        retries: (options.attempts ?? Infinity) - 1,
        minTimeout: 1_000,
        maxTimeout: options.maxDelayMs ?? 30_000,
        factor: 2,
        signal: options.signal,
        shouldRetry: ({ error }) => !isPermanent(error),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0 && !isPermanent(error)) {
            const wait = Math.min(1_000 * 2 ** (attemptNumber - 1), options.maxDelayMs ?? 30_000);
            options.onRetry?.(describeConnectionError(error, options.url), attemptNumber, wait);
          }
        },
      },
    );
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(describeConnectionError(error, options.url), { cause: error });
  }
  return pool;
}
