/** An extractive summary: two or three sentences in article order. (First version: lead sentences.) */
import type { Sentence } from './types.js';

export function summarize(sentences: readonly Sentence[]): string[] {
  return sentences.filter((sentence) => !sentence.heading).slice(0, 3).map((sentence) => sentence.text);
}
