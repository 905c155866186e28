/**
 * How far the first load of a catalog has come, for answers that say "still loading". The catalog reports
 * progress through its `onProgress` option; whoever opens it records that here, so answers can read it from
 * the catalog they are given without the Catalog interface changing.
 */
import type { CatalogProgress } from './catalog.js';
import type { Catalog } from './types.js';

export type LoadProgress = CatalogProgress;

const latestByCatalog = new WeakMap<Catalog, () => LoadProgress | undefined>();

/** Makes `latest` the progress source of `catalog` (the opener keeps the latest onProgress value). */
export function trackLoadProgress(catalog: Catalog, latest: () => LoadProgress | undefined): void {
  latestByCatalog.set(catalog, latest);
}

/** The last progress of the catalog's first load; undefined once it is loaded, or when nothing was reported. */
export function loadProgressOf(catalog: Catalog): LoadProgress | undefined {
  return catalog.ready ? undefined : latestByCatalog.get(catalog)?.();
}
