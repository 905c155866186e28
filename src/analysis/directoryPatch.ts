/**
 * A people directory with a few changed articles folded into one already built: what a small change needs at
 * once, without reading every article again (a full build over 100,000 articles takes tens of seconds of CPU).
 *
 * Each person of a changed article goes to the person the base directory already resolves their name to
 * (`lookup`); a name it does not know becomes a new person; a name it finds ambiguous goes to the candidate a
 * full name in the same article points at, and otherwise stays unplaced (its quotes wait for the next full
 * build rather than joining the wrong person). Merges only a whole-corpus view makes (a surname that now means
 * two people, a new full name that a bare surname elsewhere should join) also wait for it: the catalog runs a
 * full build after a patch, less often. Counts of removed or replaced articles are not subtracted until then.
 */
import { nameKeys, typedNameKeys, type DirectoryArticle } from './peopleDirectory.js';
import type { ArticlePerson, DirectoryPerson, PeopleDirectory, PersonLookup } from './types.js';

/** An article of the patch: its id, and its people and quotes, or null when the article is gone. */
export interface PatchedArticle {
  id: string;
  analysis: DirectoryArticle['analysis'] | null;
}

export function patchDirectory(base: PeopleDirectory, articles: readonly PatchedArticle[]): PeopleDirectory {
  return new PatchedDirectory(base, articles);
}

const key = (articleId: string, name: string) => `${articleId}\u0000${name}`;
const rank = (a: DirectoryPerson, b: DirectoryPerson) => b.quoteCount - a.quoteCount || b.mentions - a.mentions || a.name.localeCompare(b.name);

class PatchedDirectory implements PeopleDirectory {
  /** Base people touched by the patch, by the base's object, and their patched copies. */
  private readonly copies = new Map<DirectoryPerson, DirectoryPerson>();
  /** People the base did not know, under every key of their names (nameKeys). */
  private readonly added = new Map<string, DirectoryPerson>();
  private readonly addedPeople: DirectoryPerson[] = [];
  /** Where each person of a patched article went; an article of the patch is answered from here only. */
  private readonly canonical = new Map<string, DirectoryPerson>();
  private readonly patched = new Set<string>();
  private sorted: DirectoryPerson[] | null = null;

  constructor(
    private readonly base: PeopleDirectory,
    articles: readonly PatchedArticle[],
  ) {
    // A base person may still list a patched article they are no longer in: harmless, since an article of the
    // patch maps its names only through `canonical` (so /quotes finds nothing of theirs there).
    for (const article of articles) this.patched.add(article.id);
    for (const article of articles) {
      if (!article.analysis) continue;
      const { people, quotes } = article.analysis;
      for (const person of people) {
        const target = this.place(person, people);
        if (!target) continue;
        target.mentions += person.mentions;
        if (!target.articleIds.includes(article.id)) target.articleIds.push(article.id);
        for (const alias of person.aliases) if (!target.aliases.includes(alias)) target.aliases.push(alias);
        this.canonical.set(key(article.id, person.name), target);
      }
      for (const quote of quotes) {
        if (quote.speakerType !== 'person' || quote.speaker === null) continue;
        const speaker = this.canonical.get(key(article.id, quote.speaker));
        if (speaker) speaker.quoteCount++;
      }
    }
  }

  /** A base person's patched copy, made on first touch, without the articles the patch replaces. */
  private copyOf(person: DirectoryPerson): DirectoryPerson {
    let copy = this.copies.get(person);
    if (!copy) {
      copy = { ...person, aliases: [...person.aliases], articleIds: person.articleIds.filter((id) => !this.patched.has(id)) };
      this.copies.set(person, copy);
    }
    return copy;
  }

  private place(person: ArticlePerson, siblings: readonly ArticlePerson[]): DirectoryPerson | null {
    const known = this.addedUnder(person.name);
    if (known) return known;
    const found = this.base.lookup(person.name);
    if (found.kind === 'found' && found.person.kind !== 'organization') return this.copyOf(found.person);
    if (found.kind === 'ambiguous') {
      // "Clinton" beside "Hillary Clinton" in the same article is her, as the full build decides.
      const named = found.candidates.filter((candidate) =>
        siblings.some((sibling) => sibling !== person && sibling.name.includes(' ') && candidate.aliases.includes(sibling.name)),
      );
      return named.length === 1 ? this.copyOf(named[0]!) : null;
    }
    const created: DirectoryPerson = { name: person.name, aliases: [person.name], articleIds: [], mentions: 0, quoteCount: 0 };
    this.addedPeople.push(created);
    for (const form of [person.name, ...person.aliases]) {
      for (const key of nameKeys(form)) if (key !== '' && !this.added.has(key)) this.added.set(key, created);
    }
    return created;
  }

  /** A person the patch added, under a name as typed. */
  private addedUnder(name: string): DirectoryPerson | undefined {
    for (const key of typedNameKeys(name)) {
      const found = this.added.get(key);
      if (found) return found;
    }
    return undefined;
  }

  private current = (person: DirectoryPerson): DirectoryPerson => this.copies.get(person) ?? person;

  list(): DirectoryPerson[] {
    if (!this.sorted) {
      // The base is ranked; only the touched and the new need placing again.
      const untouched = this.base.list().filter((person) => !this.copies.has(person));
      const moved = [...this.copies.values(), ...this.addedPeople].filter((person) => person.articleIds.length > 0).sort(rank);
      this.sorted = mergeRanked(untouched, moved);
    }
    return [...this.sorted];
  }

  organizations(): DirectoryPerson[] {
    return this.base.organizations?.() ?? [];
  }

  lookup(name: string): PersonLookup {
    const found = this.base.lookup(name);
    if (found.kind === 'found') return { kind: 'found', person: this.current(found.person) };
    if (found.kind === 'ambiguous') return { kind: 'ambiguous', candidates: found.candidates.map(this.current) };
    const added = this.addedUnder(name);
    if (added) return { kind: 'found', person: added };
    return { kind: 'unknown', suggestions: found.suggestions.map(this.current) };
  }

  canonicalName(articleId: string, articlePersonName: string): string {
    if (!this.patched.has(articleId)) return this.base.canonicalName(articleId, articlePersonName);
    return this.canonical.get(key(articleId, articlePersonName))?.name ?? articlePersonName;
  }
}

/** Two lists ranked by `rank`, merged into one in that order. */
function mergeRanked(a: readonly DirectoryPerson[], b: readonly DirectoryPerson[]): DirectoryPerson[] {
  const merged: DirectoryPerson[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && rank(a[i]!, b[j]!) <= 0)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}
