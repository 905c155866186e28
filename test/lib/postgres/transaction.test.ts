import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/lib/postgres/connect.js';
import { inTransaction } from '../../../src/lib/postgres/transaction.js';
import { freshDatabase } from '../../helpers/postgres.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('inTransaction', () => {
  it('keeps the writes of work that succeeds and none of work that throws, and gives the connection back', async () => {
    const { url, drop } = await freshDatabase();
    const pool = await openPostgres({ url, attempts: 1, poolMax: 1 });
    cleanup = async () => {
      await pool.end();
      await drop();
    };
    await pool.query('CREATE TABLE notes (body TEXT)');
    expect(await inTransaction(pool, async (client) => (await client.query("INSERT INTO notes VALUES ('kept') RETURNING body")).rows[0].body)).toBe('kept');
    await expect(
      inTransaction(pool, async (client) => {
        await client.query("INSERT INTO notes VALUES ('lost')");
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    // poolMax 1: this query only runs if both transactions released their client.
    const { rows } = await pool.query('SELECT body FROM notes');
    expect(rows).toEqual([{ body: 'kept' }]);
  });
});
