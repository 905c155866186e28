/**
 * Watching the corpus folder: new, changed and removed article files trigger a sync, debounced so that a
 * burst of changes (a feed dropping 500 files, an editor's save dance) costs one sync, not 500. The sync looks
 * at the reported files only, so an event costs the same on 100 articles as on 100,000; a folder appearing or
 * vanishing, or an error from the watcher, falls back to a sync of the whole folder.
 */
import path from 'node:path';
import { watch } from 'chokidar';
import type { CatalogLogger, LiveCatalog } from './catalog.js';
import { isArticleId } from './syncPlan.js';

export interface WatchOptions {
  /** Quiet time after the last change before syncing. Default 500 ms. */
  debounceMs?: number;
  /** Longest a sync waits under a steady stream of changes. Default 10 × debounceMs. */
  maxWaitMs?: number;
  logger?: CatalogLogger;
}

/** Stops watching; `ready` resolves once the watcher has scanned the folder and reports changes. */
export type StopWatching = (() => Promise<void>) & { ready: Promise<void> };

/** Hidden files and folders and node_modules are not part of the corpus (as in findArticleFiles). */
function ignored(corpusDir: string, file: string): boolean {
  const relative = path.relative(corpusDir, file);
  if (relative === '') return false;
  return relative.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules');
}

export function watchCorpus(catalog: Pick<LiveCatalog, 'sync' | 'corpusDir'>, options: WatchOptions = {}): StopWatching {
  const debounceMs = options.debounceMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? debounceMs * 10;
  const logger = options.logger;
  let timer: NodeJS.Timeout | undefined;
  let firstPending: number | null = null;
  let stopped = false;
  /** Files reported since the last sync; null when the whole folder must be looked at. */
  let pending: Set<string> | null = new Set();

  const runSync = () => {
    timer = undefined;
    firstPending = null;
    const ids = pending;
    pending = new Set();
    if (stopped) return;
    catalog.sync(ids ? { ids: [...ids] } : {}).then(
      (report) => {
        const changes = report.added.length + report.changed.length + report.removed.length;
        if (changes > 0) {
          logger?.info(`Corpus changed: ${report.added.length} new, ${report.changed.length} changed, ${report.removed.length} removed.`);
        }
      },
      (error: Error) => logger?.warn(`Re-indexing after a corpus change failed: ${error.message}`),
    );
  };

  const schedule = () => {
    if (stopped) return;
    const now = Date.now();
    firstPending ??= now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPending + maxWaitMs - now));
    timer = setTimeout(runSync, wait);
  };

  const watcher = watch(catalog.corpusDir, {
    ignoreInitial: true,
    ignored: (file) => ignored(catalog.corpusDir, file),
  });
  watcher.on('all', (event, file) => {
    if (event === 'addDir' || event === 'unlinkDir') {
      if (path.resolve(file) === path.resolve(catalog.corpusDir)) return;
      pending = null;
      schedule();
      return;
    }
    const id = path.relative(catalog.corpusDir, file).split(path.sep).join('/');
    if (!isArticleId(id)) return;
    pending?.add(id);
    schedule();
  });
  watcher.on('error', (error) => {
    logger?.warn(`Watching ${catalog.corpusDir} reported an error (${(error as Error).message}); checking the whole folder.`);
    pending = null;
    schedule();
  });

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    await watcher.close();
  };
  return Object.assign(stop, { ready });
}
