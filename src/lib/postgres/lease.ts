/**
 * Leases: a named job (indexing a corpus, posting a digest slot) held by one process at a time, for a time
 * it keeps renewing. When the holder dies its lease expires and another process may take the job over.
 * Times are the server's clock, so processes on machines with skewed clocks agree.
 */
import type pg from 'pg';

export const LEASE_MIGRATIONS = {
  component: 'leases',
  migrations: [
    `CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    )`,
  ],
} as const;

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * Takes the lease if it is free, expired, or already ours (then it is renewed). True when we hold it for
 * `ttlMs` from now.
 */
export async function acquireLease(db: Queryable, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
     WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()`,
    [name, holder, ttlMs],
  );
  return rowCount === 1;
}

/** Extends a lease we hold; false if it was lost (expired and taken by another process). */
export async function renewLease(db: Queryable, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE name = $1 AND holder = $2`,
    [name, holder, ttlMs],
  );
  return rowCount === 1;
}

/** Gives a lease up at once (a clean shutdown), so another process need not wait for it to expire. */
export async function releaseLease(db: Queryable, name: string, holder: string): Promise<void> {
  await db.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
}

/** Who holds a lease now, if anyone. */
export async function leaseHolder(db: Queryable, name: string): Promise<string | null> {
  const { rows } = await db.query<{ holder: string }>('SELECT holder FROM leases WHERE name = $1 AND expires_at >= now()', [name]);
  return rows[0]?.holder ?? null;
}
