/** Autocomplete sources: people and articles matching what the user has typed so far. */
import type { DirectoryPerson, PeopleDirectory } from '../analysis/types.js';
import { foldText as fold } from '../index/tokenize.js';
import type { Catalog } from '../index/types.js';
import { articleRef, type ArticleRef } from './articleRef.js';

interface FoldedPeople {
  everyone: DirectoryPerson[];
  /** Per person: each name and alias folded, each after a space, joined by a separator no one types. */
  names: string[];
}

/** Built once per directory (a directory never changes; the catalog swaps in a new one), not once per keystroke. */
const foldedByDirectory = new WeakMap<PeopleDirectory, FoldedPeople>();

function foldedPeople(directory: PeopleDirectory): FoldedPeople {
  let folded = foldedByDirectory.get(directory);
  if (!folded) {
    const people = directory.list();
    const organizations = directory.organizations?.() ?? [];
    // Organisations are speakers too ("White House"): ranked with people by how often they are quoted.
    const everyone = organizations.length === 0 ? people : mergeByQuotes(people, organizations);
    const names = everyone.map((person) => [person.name, ...person.aliases].map((name) => ` ${fold(name)}`).join('\u0001'));
    folded = { everyone, names };
    foldedByDirectory.set(directory, folded);
  }
  return folded;
}

/** People whose name or an alias contains the typed text (word start first, accents ignored), most quoted, then most mentioned. */
export function peopleMatching(catalog: Catalog, typed: string, limit = 25): DirectoryPerson[] {
  const wanted = fold(typed.trim());
  const { everyone, names } = foldedPeople(catalog.people());
  if (wanted === '') return everyone.slice(0, limit);
  const atWordStart: DirectoryPerson[] = [];
  const inside: DirectoryPerson[] = [];
  const wordStart = ` ${wanted}`;
  for (const [index, person] of everyone.entries()) {
    const folded = names[index]!;
    if (folded.includes(wordStart)) atWordStart.push(person);
    else if (inside.length < limit && folded.includes(wanted)) inside.push(person);
    if (atWordStart.length >= limit) break;
  }
  return [...atWordStart, ...inside].slice(0, limit);
}

/** Articles whose title matches the typed text; newest first when nothing is typed. */
export function articlesMatching(catalog: Catalog, typed: string, limit = 25): ArticleRef[] {
  return catalog.suggestArticles(typed.trim(), limit).map(articleRef);
}

/** Two lists already ranked most quoted first, merged into one in that order. */
function mergeByQuotes(a: readonly DirectoryPerson[], b: readonly DirectoryPerson[]): DirectoryPerson[] {
  const merged: DirectoryPerson[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.quoteCount >= b[j]!.quoteCount)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}
