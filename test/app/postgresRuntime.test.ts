/**
 * `npm start` wiring with DATABASE_URL: a process with the folder indexes it and says so on /readyz; one
 * without the folder starts anyway, answers from PostgreSQL and says it follows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { startServices, type Services } from '../../src/app/services.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { freshDatabase } from '../helpers/postgres.js';
import { scratchCorpus } from '../index/helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string>): Promise<{ runtime: Runtime; services: Services }> {
  const config = loadConfig({ HEALTH_PORT: '0', WATCH_CORPUS: 'false', ANALYSIS_WORKERS: '0', ...env });
  const runtime = await openRuntime({ config, logger: createLogger('silent'), waitForLoad: true });
  const services = await startServices(runtime, { discord: false });
  cleanups.push(async () => {
    await services.stop();
    await runtime.catalog.close();
  });
  return { runtime, services };
}

async function readiness(services: Services): Promise<{ catalog: { articles: number; postgres?: { role: string; changesBehind: number } } }> {
  return (await (await fetch(`${services.health!.url}/readyz`)).json()) as never;
}

describe('Newsdesk on PostgreSQL', () => {
  it('indexes where the folder is, follows where it is not, and says which on /readyz', async () => {
    const { corpusDir, cleanup } = await scratchCorpus();
    const database = await freshDatabase();
    const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-pg-runtime-'));
    cleanups.push(cleanup, database.drop, () => rm(dataRoot, { recursive: true, force: true }));

    const indexer = await start({ DATABASE_URL: database.url, CORPUS_DIR: corpusDir, DATA_DIR: path.join(dataRoot, 'a') });
    const until = Date.now() + 10_000;
    while ((await readiness(indexer.services)).catalog.postgres?.role !== 'indexer' || indexer.runtime.catalog.size < 7) {
      if (Date.now() > until) throw new Error('the first process never indexed the folder');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await indexer.runtime.catalog.sync();

    const follower = await start({ DATABASE_URL: database.url, CORPUS_DIR: path.join(dataRoot, 'elsewhere'), DATA_DIR: path.join(dataRoot, 'b') });
    expect(follower.runtime.catalog.size).toBe(7);
    expect((await readiness(follower.services)).catalog).toMatchObject({ articles: 7, postgres: { role: 'follower', changesBehind: 0 } });
    expect(follower.runtime.catalog.search('sanctions').map((hit) => hit.id)).toEqual(indexer.runtime.catalog.search('sanctions').map((hit) => hit.id));
  });
});
