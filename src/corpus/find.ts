/** Which files in the corpus folder are articles. */
import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { runStepsCooperatively, Slicer } from '../lib/cooperate.js';
import { sortInSteps } from '../lib/sortInSteps.js';

const ARTICLE_EXTENSION = /\.(?:txt|md)$/i;

function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** What a symbolic link points at, or null when it is broken. */
async function linkTarget(full: string): Promise<'file' | 'directory' | null> {
  try {
    const target = await stat(full);
    if (target.isDirectory()) return 'directory';
    return target.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

/**
 * Every `.txt` and `.md` file (any case) under `root`, recursively, as sorted paths relative to `root` with
 * forward slashes. Hidden files and folders and `node_modules` are skipped; symbolic links are followed once
 * (a link cycle is not walked twice). A missing or unreadable root throws an Error that says what to set.
 */
export async function findArticleFiles(root: string): Promise<string[]> {
  const absolute = path.resolve(root);
  let rootStat;
  try {
    rootStat = await stat(absolute);
  } catch {
    throw new Error(`Corpus folder not found: ${absolute}. Set CORPUS_DIR to the folder that holds your .txt and .md articles.`);
  }
  if (!rootStat.isDirectory()) {
    throw new Error(`Corpus folder ${absolute} is a file, not a folder. Set CORPUS_DIR to the folder that holds your .txt and .md articles.`);
  }

  const found: string[] = [];
  const visited = new Set<string>();
  const slicer = new Slicer();

  const walk = async (directory: string, relative: string, isRoot: boolean): Promise<void> => {
    const real = await realpath(directory).catch(() => directory);
    if (visited.has(real)) return;
    visited.add(real);
    // Read in batches: one readdir of a folder of 100,000 files builds every entry in one synchronous step.
    let entries: AsyncIterable<Dirent>;
    try {
      entries = await opendir(directory, { bufferSize: 256 });
    } catch (error) {
      if (isRoot) {
        throw new Error(`Corpus folder ${absolute} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions, or set CORPUS_DIR to another folder.`);
      }
      return; // An unreadable subfolder is left out; the rest of the corpus still loads.
    }
    const subfolders: Promise<void>[] = [];
    for await (const entry of entries) {
      // Buffered entries arrive as microtasks, which never let timers run: pause now and then, or a folder of
      // 100,000 files is walked in one block.
      await slicer.maybePause();
      if (skipped(entry.name)) continue;
      const full = path.join(directory, entry.name);
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const kind = entry.isSymbolicLink() ? await linkTarget(full) : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : null;
      if (kind === 'directory') subfolders.push(walk(full, rel, false));
      else if (kind === 'file' && ARTICLE_EXTENSION.test(entry.name)) found.push(rel);
    }
    await Promise.all(subfolders);
  };

  await walk(absolute, '', true);
  // Native string order, sorted in steps: one sort of 100,000 paths blocks for over 50 ms.
  return runStepsCooperatively(sortInSteps(found));
}
