import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { describeConnectionError, openPostgres, redactUrl } from '../../../src/lib/postgres/connect.js';

describe('openPostgres', () => {
  it('connects to a running server', async () => {
    const pool = await openPostgres({ url: inject('postgresUrl'), attempts: 1 });
    const { rows } = await pool.query('SELECT 1 + 1 AS two');
    expect(rows[0].two).toBe(2);
    await pool.end();
  });

  it('names DATABASE_URL, hides the password and says why, when nothing listens there', async () => {
    const url = 'postgres://newsdesk:s3cret@127.0.0.1:1/newsdesk';
    const error = await openPostgres({ url, attempts: 1 }).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^DATABASE_URL postgres:\/\/newsdesk:\*\*\*@127\.0\.0\.1:1\/newsdesk: cannot connect: nothing is listening/);
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('retries a server that is away, with growing waits, and reports each attempt', async () => {
    const waits: number[] = [];
    const started = openPostgres({
      url: 'postgres://newsdesk:x@127.0.0.1:1/newsdesk',
      attempts: 3,
      maxDelayMs: 1_500,
      onRetry: (_reason, _attempt, next) => waits.push(next),
    });
    await expect(started).rejects.toThrow(/DATABASE_URL/);
    expect(waits).toEqual([1_000, 1_500]);
  });

  it('does not retry a wrong database name: that is a setting to fix', async () => {
    const url = inject('postgresUrl').replace(/\/postgres$/, '/no_such_database');
    const waits: number[] = [];
    await expect(openPostgres({ url, attempts: 5, onRetry: (_r, _a, next) => waits.push(next) })).rejects.toThrow(
      /the database does not exist/,
    );
    expect(waits).toEqual([]);
  });
});

describe('redactUrl / describeConnectionError', () => {
  it('keeps everything but the password', () => {
    expect(redactUrl('postgres://u:p@h:5432/d?sslmode=require')).toBe('postgres://u:***@h:5432/d?sslmode=require');
    expect(describeConnectionError({ code: '28P01' }, 'postgres://u:p@h/d')).toBe('DATABASE_URL postgres://u:***@h/d: cannot connect: the password is wrong');
  });
});
