/**
 * The in-memory engine: MiniSearch (searchIndex.ts) with the map of content hashes it covers, saved to the
 * catalog store in pieces after changes and restored from them at start.
 */
import type { EngineName, EngineSearchOptions, IndexDocument, SearchEngine } from './engine.js';
import { restoreIndex, saveIndex } from './savedIndex.js';
import { indexDocumentOf, SearchIndex } from './searchIndex.js';
import type { CatalogStore } from './store.js';
import type { SearchHit } from './types.js';

export class MiniSearchEngine implements SearchEngine {
  readonly name: EngineName = 'minisearch';
  private changes = 0;

  private constructor(
    private readonly store: CatalogStore,
    readonly index: SearchIndex,
    private readonly hashes: Map<string, string>,
  ) {}

  static empty(store: CatalogStore): MiniSearchEngine {
    return new MiniSearchEngine(store, new SearchIndex(), new Map());
  }

  /** The saved index, or an empty one (to be filled by the catalog) when none is usable. */
  static async restore(store: CatalogStore): Promise<{ engine: MiniSearchEngine; restored: boolean }> {
    const saved = await restoreIndex(store);
    if (!saved) return { engine: MiniSearchEngine.empty(store), restored: false };
    return { engine: new MiniSearchEngine(store, saved.index, saved.covered), restored: true };
  }

  get size(): number {
    return this.index.size;
  }

  get unsaved(): number {
    return this.changes;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  coveredHash(id: string): string | undefined {
    return this.hashes.get(id);
  }

  covered(): IterableIterator<[string, string]> {
    return this.hashes.entries();
  }

  put(document: IndexDocument): void {
    // The title is already empty when it was derived from the first sentence.
    this.index.put(indexDocumentOf({ ...document, titleDerived: false }, document.body));
    this.hashes.set(document.id, document.hash);
    this.changes += 1;
  }

  remove(id: string): void {
    if (!this.hashes.has(id) && !this.index.has(id)) return;
    this.index.remove(id);
    this.hashes.delete(id);
    this.changes += 1;
  }

  search(query: string, options: EngineSearchOptions = {}): SearchHit[] {
    return this.index.search(query, options);
  }

  knows(term: string): boolean {
    return this.index.documentFrequency(term) > 0;
  }

  nearestTerm(term: string): string | null {
    return this.index.nearestTerm(term);
  }

  documentFrequency(term: string): number {
    return this.index.documentFrequency(term);
  }

  /** Nothing to do: the index lives in memory until save(). */
  flush(): void {}

  async save(): Promise<void> {
    if (this.changes === 0) return;
    const saving = this.changes;
    await saveIndex(this.store, this.index, this.hashes);
    this.changes -= saving;
  }
}
