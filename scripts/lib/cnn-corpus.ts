/** Reads the CNN corpus evaluation layout: references.jsonl plus one article file per line. */
import { readFileSync } from 'node:fs';

export interface Reference {
  file: string;
  date: string | null;
  highlights: string[];
  extractive: string[];
  category?: string;
}

/** Parses a JSONL file; a malformed line is reported with its number so the file can be fixed. */
export function readJsonLines(file: string): Array<{ line: number; value: unknown }> {
  const rows: Array<{ line: number; value: unknown }> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      try {
        rows.push({ line: index + 1, value: JSON.parse(text) });
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
      }
    });
  return rows;
}

/** Parses references.jsonl, checking each line has what the summary evaluation needs. */
export function readReferences(file: string): Reference[] {
  const references: Reference[] = [];
  for (const { line, value: parsed } of readJsonLines(file)) {
    const value = parsed as Partial<Reference>;
    if (typeof value.file !== 'string' || !Array.isArray(value.highlights) || !Array.isArray(value.extractive)) {
      throw new Error(`${file}:${line}: needs "file", "highlights" and "extractive"`);
    }
    references.push({ file: value.file, date: value.date ?? null, highlights: value.highlights, extractive: value.extractive, category: value.category });
  }
  return references;
}

/** Sections of hard news: events reported. The others (opinion, living, travel, showbiz, …) are features. */
const HARD_NEWS_SECTIONS = new Set(['world', 'us', 'politics', 'justice', 'business', 'news', 'crime', 'uk']);

/**
 * Hard news by a general rule: the reference's category, or else the section in the article's URL (the path
 * segment after a /YYYY/MM/DD/ date, as CNN writes it, or the first segment, as most outlets do).
 */
export function isHardNews(reference: Pick<Reference, 'category'>, url: string | null | undefined): boolean {
  if (reference.category) return HARD_NEWS_SECTIONS.has(reference.category.toLowerCase());
  if (!url) return false;
  let path: string[];
  try {
    path = new URL(url).pathname.split('/').filter((part) => part !== '');
  } catch {
    return false;
  }
  const dated = path.findIndex((part, k) => /^\d{4}$/.test(part) && /^\d{2}$/.test(path[k + 1] ?? '') && /^\d{2}$/.test(path[k + 2] ?? ''));
  const section = dated >= 0 ? path[dated + 3] : path[0];
  return section !== undefined && HARD_NEWS_SECTIONS.has(section.toLowerCase());
}

/** FNV-1a of the file name: a split that depends on nothing but the name, the same on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The training part and the held-out part of the corpus: about half each, by a hash of the file name. */
export function splitPart(file: string): 'train' | 'held-out' {
  return fnv1a(file) % 2 === 0 ? 'train' : 'held-out';
}

/** Inside the training part, the half used to choose settings (the other half fits them). */
export function isValidationHalf(file: string): boolean {
  return (fnv1a(file) >>> 1) % 2 === 1;
}
