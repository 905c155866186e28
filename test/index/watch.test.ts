import { rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog, type LiveCatalog, type SyncReport } from '../../src/index/catalog.js';
import { watchCorpus, type StopWatching } from '../../src/index/watch.js';
import { scratchCorpus } from './helpers.js';

let catalog: LiveCatalog;
let stopWatching: StopWatching | undefined;
let cleanup: () => Promise<void>;
let corpusDir: string;

beforeEach(async () => {
  const scratch = await scratchCorpus();
  ({ corpusDir, cleanup } = scratch);
  catalog = await openCatalog({ corpusDir, dataDir: scratch.dataDir, maxBytes: 100_000 });
  await catalog.loaded;
});

afterEach(async () => {
  await stopWatching?.();
  stopWatching = undefined;
  await catalog.close();
  await cleanup();
});

/** Resolves with the next change report that satisfies `test`. */
function nextChange(test: (report: SyncReport) => boolean): Promise<SyncReport> {
  return new Promise((resolve) => {
    const unsubscribe = catalog.onChange((report) => {
      if (!test(report)) return;
      unsubscribe();
      resolve(report);
    });
  });
}

describe('watchCorpus', () => {
  it('indexes new, changed and removed files without a restart', async () => {
    stopWatching = watchCorpus(catalog, { debounceMs: 50 });
    await stopWatching.ready;

    let change = nextChange((report) => report.added.length > 0);
    await mkdir(path.join(corpusDir, 'late'));
    await writeFile(path.join(corpusDir, 'late/port.txt'), 'Port strike ends\n\nDock workers returned to work after a week-long strike.\n');
    expect((await change).added).toEqual(['late/port.txt']);
    expect(catalog.search('dock workers').map((hit) => hit.id)).toEqual(['late/port.txt']);

    change = nextChange((report) => report.changed.length > 0);
    await writeFile(path.join(corpusDir, 'late/port.txt'), 'Port strike ends\n\nCrane operators returned to work after a week-long strike.\n');
    expect((await change).changed).toEqual(['late/port.txt']);
    expect(catalog.search('crane operators').map((hit) => hit.id)).toEqual(['late/port.txt']);

    change = nextChange((report) => report.removed.length > 0);
    await rm(path.join(corpusDir, 'late/port.txt'));
    expect((await change).removed).toEqual(['late/port.txt']);
    expect(catalog.search('crane operators')).toEqual([]);
  });

  it('turns a burst of new files into few syncs', async () => {
    let syncs = 0;
    const counting = { corpusDir, sync: () => (syncs++, catalog.sync()) };
    stopWatching = watchCorpus(counting, { debounceMs: 200 });
    await stopWatching.ready;
    const change = nextChange(() => catalog.size >= 27);
    for (let i = 0; i < 20; i++) {
      await writeFile(path.join(corpusDir, `burst-${i}.txt`), `Story ${i}\n\nA short story number ${i} about harbour cranes.\n`);
    }
    await change;
    expect(syncs).toBeLessThanOrEqual(3);
  });

  it('ignores files that are not articles', async () => {
    let syncs = 0;
    stopWatching = watchCorpus({ corpusDir, sync: () => (syncs++, catalog.sync()) }, { debounceMs: 30 });
    await stopWatching.ready;
    await writeFile(path.join(corpusDir, 'notes.json'), '{}');
    await writeFile(path.join(corpusDir, '.hidden.txt'), 'Hidden\n\nNot part of the corpus.\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(syncs).toBe(0);
  });
});
