/** A real catalog over a corpus folder (the seeds by default), with its data in a fresh temporary folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalog, type LiveCatalog } from '../../src/index/catalog.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export interface TestCatalog {
  catalog: LiveCatalog;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function openTestCatalog(corpusDir = SEEDS_DIR): Promise<TestCatalog> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-data-'));
  const catalog = await openCatalog({ corpusDir, dataDir, maxBytes: 5 * 1024 * 1024 });
  await catalog.loaded;
  return {
    catalog,
    dataDir,
    dispose: async () => {
      await catalog.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
