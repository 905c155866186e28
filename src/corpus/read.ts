/**
 * One article file's bytes → text, or the reason it is skipped. Reasons are phrased to follow the file name
 * in a warning: "skipped notes/a.txt: is empty".
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { normalizeLineEnds } from './inline.js';

export type ReadResult = { ok: true; text: string; hash: string; bytes: number } | { ok: false; reason: string };
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/** More control bytes than this share of the file means binary data, not text with a stray control code. */
const CONTROL_SHARE = 0.01;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

function tooLarge(bytes: number, maxBytes: number): string {
  return `is ${formatBytes(bytes)} (${bytes} bytes), over the ${formatBytes(maxBytes)} limit; raise MAX_FILE_BYTES to load it`;
}

/** C0 control bytes other than tab, LF, VT, FF, CR and ESC, and DEL. */
function countControlBytes(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) || byte === 0x7f) count++;
  }
  return count;
}

/** C1 controls: what Windows-1252 decoding yields for bytes that mean nothing in it. */
function countC1(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 && code <= 0x9f) count++;
  }
  return count;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * Bytes 0x80–0x9F in Windows-1252 (WHATWG table). Node 20's TextDecoder('windows-1252') decodes them as
 * Latin-1 C1 controls (0x93 → U+0093 instead of “), so they are mapped here; the five bytes Windows-1252
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay controls and count as garbage.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return windows1252.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * Bytes → text: UTF-8 (a BOM is dropped), UTF-16 when it starts with a BOM, otherwise Windows-1252. Binary
 * data and bytes that are text in neither encoding are refused with a reason. Line ends become LF.
 */
export function decodeArticleBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'is empty' };
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  } else {
    if (bytes.includes(0)) return { ok: false, reason: 'is a binary file (it contains NUL bytes), not text' };
    const controls = countControlBytes(bytes);
    if (controls > bytes.length * CONTROL_SHARE) {
      return { ok: false, reason: `is a binary file (${controls} control bytes in ${bytes.length}), not text` };
    }
    try {
      text = utf8.decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
      if (countC1(text) > text.length * CONTROL_SHARE * 0.5) {
        return { ok: false, reason: 'is not text: it is neither valid UTF-8 nor Windows-1252; save it as UTF-8' };
      }
    }
  }
  text = normalizeLineEnds(text);
  if (text.trim() === '') return { ok: false, reason: 'is empty (only white space)' };
  return { ok: true, text };
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `cannot be read (${code ?? (error as Error).message})`;
}

export interface ReadOptions {
  maxBytes: number;
  /**
   * Read with blocking calls. An analysis worker has no event loop to keep free, and a small file's
   * asynchronous stat + open + read + close costs it about ten times the CPU of the blocking ones.
   */
  blocking?: boolean;
}

/** Reads `id` (a path relative to `root`, forward slashes). Never throws: problems come back as a reason. */
export async function readArticleFile(root: string, id: string, options: ReadOptions): Promise<ReadResult> {
  const base = path.resolve(root);
  const full = path.resolve(base, ...id.split('/'));
  // Ids come from findArticleFiles; one that climbs out of the corpus folder ("../x") is refused, not read.
  if (full !== base && !full.startsWith(base + path.sep)) return { ok: false, reason: 'is outside the corpus folder' };
  let bytes: Buffer;
  try {
    const info = options.blocking ? statSync(full) : await stat(full);
    if (!info.isFile()) return { ok: false, reason: 'is not a regular file' };
    // Checked before reading, so a huge file is never loaded into memory.
    if (info.size > options.maxBytes) return { ok: false, reason: tooLarge(info.size, options.maxBytes) };
    bytes = options.blocking ? readFileSync(full) : await readFile(full);
  } catch (error) {
    return { ok: false, reason: readError(error) };
  }
  if (bytes.length > options.maxBytes) return { ok: false, reason: tooLarge(bytes.length, options.maxBytes) };
  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return decoded;
  const hash = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, text: decoded.text, hash, bytes: bytes.length };
}
