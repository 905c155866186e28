/**
 * What a sync must do, decided from file sizes and modification times alone: files that look exactly as they
 * did last time are not read again (their saved analysis is reused); everything else is read, and only a
 * changed content hash leads to analysis (see catalog.ts).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Slicer } from '../lib/cooperate.js';

/**
 * Whether a corpus-relative path names an article file: `.txt` or `.md`, outside hidden folders and
 * node_modules (the rules of findArticleFiles, for paths a watcher reports one at a time).
 */
export function isArticleId(id: string): boolean {
  if (!/\.(?:txt|md)$/i.test(id)) return false;
  return !id.split(/[\\/]/).some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.') || part === 'node_modules');
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface KnownFile extends FileStamp {
  /** The analysis version the saved analysis was made with; null for a skipped file. */
  analysisVersion: number | null;
  skipReason: string | null;
}

export interface SyncPlan {
  /** Present and unchanged since the last sync: reuse what is saved. */
  unchanged: string[];
  /** New, touched, or saved with an older analysis version: read (and, if the content changed, analyse). */
  read: string[];
  /** Known before, gone now. */
  removed: string[];
}

export interface PlanOptions {
  analysisVersion: number;
  /** True when the size limit changed since skipped files were judged, so they are judged again. */
  recheckSkipped: boolean;
}

export async function planSync(
  known: ReadonlyMap<string, KnownFile>,
  present: ReadonlyMap<string, FileStamp>,
  options: PlanOptions,
): Promise<SyncPlan> {
  const plan: SyncPlan = { unchanged: [], read: [], removed: [] };
  const slicer = new Slicer();
  for (const [id, stamp] of present) {
    if (slicer.due) await slicer.pause();
    const before = known.get(id);
    const same = before !== undefined && before.size === stamp.size && before.mtimeMs === stamp.mtimeMs;
    const current = before?.skipReason != null ? !options.recheckSkipped : before?.analysisVersion === options.analysisVersion;
    if (same && current) plan.unchanged.push(id);
    else plan.read.push(id);
  }
  for (const id of known.keys()) {
    if (!present.has(id)) plan.removed.push(id);
    if (slicer.due) await slicer.pause();
  }
  return plan;
}

/** Size and mtime of each file, a few at a time; a file that vanished in the meantime is left out. */
export async function stampFiles(root: string, ids: readonly string[], concurrency = 64): Promise<Map<string, FileStamp>> {
  const stamps = new Map<string, FileStamp>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        const info = await stat(path.join(root, id));
        if (info.isFile()) stamps.set(id, { size: info.size, mtimeMs: info.mtimeMs });
      } catch {
        // Deleted between listing and stat: it counts as absent, and the next sync sees the same.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  // Keep the listing's order, so reading and indexing are deterministic (in slices: 100,000 entries take ~50 ms).
  const ordered = new Map<string, FileStamp>();
  const slicer = new Slicer();
  for (const id of ids) {
    const stamp = stamps.get(id);
    if (stamp) ordered.set(id, stamp);
    await slicer.maybePause();
  }
  return ordered;
}
