import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findArticleFiles } from '../../src/corpus/find.js';
import { loadArticle } from '../../src/corpus/load.js';

const seeds = fileURLToPath(new URL('../../seeds/', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadArticle over a folder with good and broken files', () => {
  for (const seed of readdirSync(seeds)) copyFileSync(path.join(seeds, seed), path.join(root, seed));
  writeFileSync(path.join(root, 'empty.txt'), '');
  writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  writeFileSync(path.join(root, 'title-only.txt'), 'Only a headline here\n');
  writeFileSync(path.join(root, 'front-matter-only.md'), '---\ntitle: Nothing below\ndate: 2026-01-02\n---\n\n');
  writeFileSync(path.join(root, 'huge.txt'), `Title\n\n${'Words and more words. '.repeat(2000)}`);

  it('loads the seeds and skips each broken file with a reason', async () => {
    const ids = await findArticleFiles(root);
    const results = await Promise.all(ids.map((id) => loadArticle(root, id, { maxBytes: 20_000 })));
    const loaded = results.flatMap((result) => (result.ok ? [result.article] : []));
    const skipped = Object.fromEntries(results.flatMap((result) => (result.ok ? [] : [[result.skipped.id, result.skipped.reason]])));

    expect(loaded.map((article) => [article.id, article.date])).toEqual([
      [readdirSync(seeds).sort()[0], '2025-09-12'],
      [readdirSync(seeds).sort()[1], null],
    ]);
    expect(Object.keys(skipped).sort()).toEqual(['binary.md', 'empty.txt', 'front-matter-only.md', 'huge.txt', 'title-only.txt']);
    expect(skipped['empty.txt']).toMatch(/empty/);
    expect(skipped['binary.md']).toMatch(/binary/);
    expect(skipped['title-only.txt']).toMatch(/no article text/);
    expect(skipped['front-matter-only.md']).toMatch(/no article text/);
    expect(skipped['huge.txt']).toMatch(/MAX_FILE_BYTES/);
  });

  it('gives a stable content hash: same bytes, same hash', async () => {
    const [id] = await findArticleFiles(seeds);
    const first = await loadArticle(seeds, id!, { maxBytes: 1 << 20 });
    const again = await loadArticle(root, id!, { maxBytes: 1 << 20 });
    expect(first.ok && again.ok && first.hash === again.hash).toBe(true);
    expect(first.ok && first.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
