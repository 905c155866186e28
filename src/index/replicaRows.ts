/**
 * What travels between a catalog and its system of record (PostgreSQL): the slices an indexing process
 * writes, and the rows a following process applies to its local working copy without analysing anything.
 * Kept free of any database client so catalog.ts can name the shapes.
 */
import type { FileRow } from './store.js';

/** One slice of a sync, as committed locally: loaded articles with their index terms, and ids that left. */
export interface CatalogSlice {
  upserts: Array<FileRow & { terms: { title: string; body: string } }>;
  /** Deleted files, and files that are now skipped (no longer loaded). */
  removals: string[];
}

/** One article row of the system of record, in change order. */
export interface RemoteArticle {
  id: string;
  /** A tombstone: the article left the corpus. */
  deleted: boolean;
  changeSeq: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
  addedAt: string | null;
  analysisVersion: number | null;
  data: string | null;
  meta: string | null;
  people: string | null;
  titleTerms: string | null;
  bodyTerms: string | null;
}
