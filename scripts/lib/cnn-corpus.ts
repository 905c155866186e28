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
