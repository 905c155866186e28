/**
 * Saving the search index to the catalog store and restoring it, with the map of file hashes it covers (so a
 * restore knows exactly which articles it must add, replace or drop to match the files table).
 */
import { SLICE_MS, Slicer } from '../lib/cooperate.js';
import { INDEX_FORMAT_VERSION, MINISEARCH_OPTIONS, SearchIndex, type IndexDocument } from './searchIndex.js';
import { restoreSnapshot, snapshotPieces } from './snapshot.js';
import type { CatalogStore, PieceKind } from './store.js';

/** Pieces written per transaction. */
const PIECES_PER_WRITE = 8;
const COVERED_PER_PIECE = 5_000;

/** Saves the index and what it covers. The index must not change until this resolves (the catalog's lock). */
export async function saveIndex(store: CatalogStore, index: SearchIndex, covered: ReadonlyMap<string, string>): Promise<void> {
  // Discarded documents are cleaned up first: searches then no longer touch the index while it is walked.
  await index.vacuum();
  await dropStalePieces(store);
  const generation = store.newGeneration();
  const counts: Record<PieceKind, number> = { index: 0, covered: 0 };
  const slicer = new Slicer(SLICE_MS);

  const write = async (kind: PieceKind, pieces: AsyncIterable<string> | Iterable<string>) => {
    let batch: string[] = [];
    const flush = () => {
      store.writePieces(generation, kind, counts[kind], batch);
      counts[kind] += batch.length;
      batch = [];
    };
    for await (const piece of pieces) {
      batch.push(piece);
      if (batch.length >= PIECES_PER_WRITE) flush();
      await slicer.maybePause();
    }
    if (batch.length > 0) flush();
  };

  await write('index', snapshotPieces(index.mini));
  await write('covered', coveredPieces(covered));
  store.commitIndex({ generation, formatVersion: INDEX_FORMAT_VERSION, pieces: counts });
  await dropStalePieces(store);
}

/** Deletes pieces of older or unfinished saves a few at a time. */
async function dropStalePieces(store: CatalogStore): Promise<void> {
  const slicer = new Slicer();
  while (store.dropStalePieces(PIECES_PER_WRITE * 4) > 0) await slicer.maybePause();
}

function* coveredPieces(covered: ReadonlyMap<string, string>): Generator<string> {
  let entries: Array<[string, string]> = [];
  for (const entry of covered) {
    entries.push(entry);
    if (entries.length >= COVERED_PER_PIECE) {
      yield JSON.stringify(entries);
      entries = [];
    }
  }
  if (entries.length > 0) yield JSON.stringify(entries);
}

export interface RestoredIndex {
  index: SearchIndex;
  /** File id → content hash of each document in the index. */
  covered: Map<string, string>;
}

/**
 * The saved index, or null when there is none, it was saved by another index format, or it is incomplete
 * (the caller then rebuilds it from the saved articles).
 */
export async function restoreIndex(store: CatalogStore): Promise<RestoredIndex | null> {
  const info = store.savedIndex();
  if (!info || info.formatVersion !== INDEX_FORMAT_VERSION) return null;
  const counted: Record<PieceKind, number> = { index: 0, covered: 0 };
  const read = async function* (kind: PieceKind): AsyncGenerator<string> {
    let after = -1;
    for (;;) {
      const page = store.piecePage(info.generation, kind, after, PIECES_PER_WRITE);
      if (page.length === 0) return;
      for (const piece of page) {
        counted[kind] += 1;
        yield piece.json;
      }
      after = page[page.length - 1]!.seq;
    }
  };

  const mini = await restoreSnapshot<IndexDocument>(read('index'), MINISEARCH_OPTIONS);
  const covered = new Map<string, string>();
  const slicer = new Slicer();
  for await (const piece of read('covered')) {
    for (const [id, hash] of JSON.parse(piece) as Array<[string, string]>) covered.set(id, hash);
    await slicer.maybePause();
  }
  if (counted.index !== info.pieces.index || counted.covered !== info.pieces.covered || covered.size !== mini.documentCount) {
    return null;
  }
  return { index: new SearchIndex(mini), covered };
}
