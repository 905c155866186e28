import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeArticleBytes, readArticleFile } from '../../src/corpus/read.js';

const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(name: string, bytes: Uint8Array | string): string {
  writeFileSync(path.join(root, name), bytes);
  return name;
}

const limit = { maxBytes: 1024 };

describe('readArticleFile', () => {
  it('reads UTF-8, drops the BOM, normalises CRLF and lone CR, and hashes the raw bytes', async () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Caf\u00e9 title\r\n\r\nBody one.\rBody two.\n')]);
    const result = await readArticleFile(root, put('utf8.txt', raw), limit);
    expect(result).toEqual({
      ok: true,
      text: 'Café title\n\nBody one.\nBody two.\n',
      hash: createHash('sha256').update(raw).digest('hex'),
      bytes: raw.length,
    });
  });

  it('falls back to Windows-1252 for text that is not UTF-8', async () => {
    // “Smart quotes”, an em dash and é as a Windows editor saves them.
    const raw = Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x97, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x2e]);
    const result = await readArticleFile(root, put('cp1252.txt', raw), limit);
    expect(result.ok && result.text).toBe('“Hi” — café.');
  });

  it('reads UTF-16 files that start with a byte-order mark', async () => {
    const raw = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\n\nBody.', 'utf16le')]);
    const result = await readArticleFile(root, put('utf16.txt', raw), limit);
    expect(result.ok && result.text).toBe('Title\n\nBody.');
  });

  it('skips an empty file and a file of white space', async () => {
    expect(await readArticleFile(root, put('empty.txt', ''), limit)).toEqual({ ok: false, reason: 'is empty' });
    const blank = await readArticleFile(root, put('blank.txt', ' \n\t\r\n'), limit);
    expect(blank.ok).toBe(false);
    expect(!blank.ok && blank.reason).toMatch(/empty/);
  });

  it('skips binary files: NUL bytes, or many control bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const withNul = await readArticleFile(root, put('image.md', png), limit);
    expect(!withNul.ok && withNul.reason).toMatch(/binary.*NUL/);
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 0x01 : 0x41)));
    const manyControls = await readArticleFile(root, put('controls.txt', controls), limit);
    expect(!manyControls.ok && manyControls.reason).toMatch(/binary/);
  });

  it('skips bytes that are text in neither UTF-8 nor Windows-1252', async () => {
    const raw = Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x81 : i % 3 === 1 ? 0x8d : 0x41)));
    const result = await readArticleFile(root, put('garbage.txt', raw), limit);
    expect(!result.ok && result.reason).toMatch(/not text.*UTF-8.*Windows-1252/);
  });

  it('skips an over-size file, giving its size and the limit and naming MAX_FILE_BYTES', async () => {
    const result = await readArticleFile(root, put('big.txt', 'x'.repeat(3000)), limit);
    expect(result.ok).toBe(false);
    const reason = !result.ok ? result.reason : '';
    expect(reason).toContain('3000 bytes');
    expect(reason).toContain('1 KB');
    expect(reason).toContain('MAX_FILE_BYTES');
  });

  it('reports a missing file or a folder as a reason, not an exception', async () => {
    expect(await readArticleFile(root, 'gone.txt', limit)).toEqual({ ok: false, reason: 'no longer exists' });
    const folder = await readArticleFile(root, '.', limit);
    expect(folder.ok).toBe(false);
    put('inside.txt', 'Title\n\nText.');
    const outside = await readArticleFile(path.join(root, 'sub'), '../inside.txt', limit);
    expect(outside).toEqual({ ok: false, reason: 'is outside the corpus folder' });
  });

  it('gives the same text, hash and reasons with blocking reads (as analysis workers read)', async () => {
    const blocking = { ...limit, blocking: true };
    const name = put('same.txt', 'Title\r\n\r\nText.');
    expect(await readArticleFile(root, name, blocking)).toEqual(await readArticleFile(root, name, limit));
    expect(await readArticleFile(root, 'gone.txt', blocking)).toEqual({ ok: false, reason: 'no longer exists' });
    expect(await readArticleFile(root, '.', blocking)).toEqual(await readArticleFile(root, '.', limit));
    const big = put('big2.txt', 'x'.repeat(3000));
    expect(await readArticleFile(root, big, blocking)).toEqual(await readArticleFile(root, big, limit));
  });
});

describe('decodeArticleBytes', () => {
  it('keeps text with a rare stray control byte', () => {
    const text = `${'A sentence of text. '.repeat(20)}\u0007end`;
    expect(decodeArticleBytes(Buffer.from(text)).ok).toBe(true);
  });
});
