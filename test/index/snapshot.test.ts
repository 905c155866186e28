import { describe, expect, it } from 'vitest';
import { MINISEARCH_OPTIONS, SearchIndex } from '../../src/index/searchIndex.js';
import { assemblePieces, restoreSnapshot, snapshotPieces } from '../../src/index/snapshot.js';
import { fixtureDocuments } from './helpers.js';

async function collect(pieces: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const piece of pieces) all.push(piece);
  return all;
}

const QUERIES = ['sanctions Russia', 'oil prices', 'interest rates', 'City', 'Zelenksy', 'year'];

describe('index snapshots', () => {
  it('reassemble to exactly what MiniSearch serialises itself', async () => {
    const index = new SearchIndex();
    for (const document of await fixtureDocuments()) index.put(document);
    const plain = await assemblePieces(await collect(snapshotPieces(index.mini)));
    expect(plain).toEqual(JSON.parse(JSON.stringify(index.mini)));
  });

  it('restore an index that answers every query as the original does, after replacements and removals', async () => {
    const index = new SearchIndex();
    const documents = await fixtureDocuments();
    for (const document of documents) index.put(document);
    index.put({ ...documents[0]!, body: 'Replaced body about wheat harvests.' });
    index.remove(documents[1]!.id);
    await index.vacuum();

    const restored = new SearchIndex(await restoreSnapshot(await collect(snapshotPieces(index.mini)), MINISEARCH_OPTIONS));
    expect(restored.size).toBe(index.size);
    for (const query of [...QUERIES, 'wheat']) {
      expect(restored.search(query)).toEqual(index.search(query));
      expect(restored.search(query, { from: '2025-04-01' })).toEqual(index.search(query, { from: '2025-04-01' }));
    }
  });

  it('split a large index into many small pieces', async () => {
    const index = new SearchIndex();
    for (let i = 0; i < 3000; i++) {
      index.put({ id: `doc-${i}`, title: `Story ${i}`, body: `word${i} shared text number ${i % 97}`, date: null });
    }
    const pieces = await collect(snapshotPieces(index.mini));
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(200_000);
  });

  it('refuse pieces without a header', async () => {
    await expect(assemblePieces(['{"terms":[]}'])).rejects.toThrow(/header/);
  });
});
