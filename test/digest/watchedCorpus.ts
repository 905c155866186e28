/** A digest harness over a real corpus folder: the real catalog, watched, stamping with the test clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCatalog, type LiveCatalog } from '../../src/index/catalog.js';
import { watchCorpus } from '../../src/index/watch.js';
import { digestHarness, type DigestHarness } from './harness.js';

export interface WatchedCorpus {
  h: DigestHarness;
  catalog: LiveCatalog;
  corpusDir: string;
  /** Writes a corpus file and waits until the watcher has indexed it and `indexed` says so (default: listed by all()). */
  write(name: string, text: string, indexed?: () => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function watchedCorpus(start: string, files: Record<string, string>): Promise<WatchedCorpus> {
  const corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-digest-corpus-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(corpusDir, name), text);
  let opened: LiveCatalog | undefined;
  const h = await digestHarness(start, async (clock) => {
    opened = await openCatalog({ corpusDir, dataDir: `${corpusDir}-index`, maxBytes: 1_000_000, now: clock.now });
    await opened.loaded;
    return opened;
  });
  const catalog = opened as LiveCatalog;
  const stopWatching = watchCorpus(catalog, { debounceMs: 30 });
  await stopWatching.ready;
  return {
    h,
    catalog,
    corpusDir,
    async write(name, text, indexed = () => catalog.all().some((article) => article.id === name)) {
      fs.writeFileSync(path.join(corpusDir, name), text);
      const deadline = Date.now() + 30_000;
      while (!indexed()) {
        if (Date.now() > deadline) throw new Error(`${name} was not indexed within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await stopWatching();
      await h.close();
      await catalog.close();
      fs.rmSync(corpusDir, { recursive: true, force: true });
      fs.rmSync(`${corpusDir}-index`, { recursive: true, force: true });
    },
  };
}
