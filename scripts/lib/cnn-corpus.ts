/** Reads the CNN corpus evaluation layout: references.jsonl plus one article file per line. */
import { readFileSync } from 'node:fs';

export interface Reference {
  file: string;
  date: string | null;
  highlights: string[];
  extractive: string[];
  category?: string;
}

/** Parses references.jsonl; a malformed line is reported with its number so the file can be fixed. */
export function readReferences(file: string): Reference[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const references: Reference[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    const value = parsed as Partial<Reference>;
    if (typeof value.file !== 'string' || !Array.isArray(value.highlights) || !Array.isArray(value.extractive)) {
      throw new Error(`${file}:${index + 1}: needs "file", "highlights" and "extractive"`);
    }
    references.push({ file: value.file, date: value.date ?? null, highlights: value.highlights, extractive: value.extractive, category: value.category });
  });
  return references;
}
