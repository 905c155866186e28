/** The server's side of LISTEN connections, for tests that cut them (as a server restart or a network drop would). */
import type pg from 'pg';

/** Backends of this database whose last statement was `LISTEN channel`. */
export async function listeningBackends(pool: pg.Pool, channel: string): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1 AND pid <> pg_backend_pid()`,
    [`LISTEN ${channel}`],
  );
  return rows.map((row) => row.pid);
}

/** pg_terminate_backend on each of them; returns the pids cut. */
export async function cutListeners(pool: pg.Pool, channel: string): Promise<number[]> {
  const pids = await listeningBackends(pool, channel);
  for (const pid of pids) await pool.query('SELECT pg_terminate_backend($1)', [pid]);
  return pids;
}
