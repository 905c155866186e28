/** Named people in one article, with the aliases the article uses for each. (First version: to be replaced.) */
import type { ArticlePerson, Sentence } from './types.js';

export function findPeople(_sentences: readonly Sentence[]): ArticlePerson[] {
  return [];
}
