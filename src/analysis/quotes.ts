/** Direct, indirect and mixed quotes in one article, attributed to a speaker. (First version: to be replaced.) */
import type { ArticlePerson, Quote, Sentence } from './types.js';

export function extractQuotes(_body: string, _sentences: readonly Sentence[], _people: readonly ArticlePerson[]): Quote[] {
  return [];
}
