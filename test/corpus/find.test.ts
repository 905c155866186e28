import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findArticleFiles } from '../../src/corpus/find.js';

const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-find-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(relative: string) {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, 'Title\n\nText.');
}

describe('findArticleFiles', () => {
  it('lists .txt and .md files recursively, sorted, relative with forward slashes', async () => {
    for (const file of ['b.txt', 'a.md', 'UPPER.TXT', 'notes.Md', 'world/europe/eu.txt', 'world/asia.md', 'image.png', 'data.json', 'readme']) put(file);
    for (const file of ['.hidden.txt', '.git/config.md', 'node_modules/pkg/readme.md', 'world/.drafts/draft.txt']) put(file);
    symlinkSync(root, path.join(root, 'world', 'loop'));
    const files = await findArticleFiles(root);
    expect(files).toEqual(['UPPER.TXT', 'a.md', 'b.txt', 'notes.Md', 'world/asia.md', 'world/europe/eu.txt']);
  });

  it('says which folder is missing and to set CORPUS_DIR', async () => {
    const missing = path.join(root, 'no-such-folder');
    await expect(findArticleFiles(missing)).rejects.toThrow(missing);
    await expect(findArticleFiles(missing)).rejects.toThrow(/CORPUS_DIR/);
  });

  it('refuses a file given as the corpus folder', async () => {
    put('single.txt');
    await expect(findArticleFiles(path.join(root, 'single.txt'))).rejects.toThrow(/not a folder.*CORPUS_DIR/);
  });
});
