/**
 * One person per corpus: every article's names merged under the fullest one ("Putin", "Vladimir Putin",
 * "Russian President Vladimir Putin" → Vladimir Putin), people who only share a surname kept apart.
 * Built in one pass with hash maps (no comparison of every person with every other), so it scales to
 * 100,000 articles; only a lookup that finds nothing scans the names for suggestions.
 */
import { distance } from 'fastest-levenshtein';
import { isTitleWord, significantWords } from './nameRuns.js';
import { normalizeName } from './normalizeName.js';
import type { ArticlePerson, DirectoryPerson, PeopleDirectory, PersonLookup, Quote } from './types.js';

export interface DirectoryArticle {
  id: string;
  analysis: { people: ArticlePerson[]; quotes: Quote[] };
}

interface Entry {
  person: DirectoryPerson;
  spellings: Map<string, number>;
  roles: Set<string>;
  articles: Set<string>;
}

const MAX_SUGGESTIONS = 5;

/** Keys are computed once per distinct spelling: the same names recur across thousands of articles. */
function memo<T>(compute: (name: string) => T): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let value = cache.get(name);
    if (value === undefined && !cache.has(name)) {
      value = compute(name);
      if (cache.size >= 200_000) cache.clear();
      cache.set(name, value);
    }
    return value as T;
  };
}

/** "Marieke de Vries" → "marieke vries": the key that merges spellings of one full name. */
const fullKey = memo((name: string): string | null => {
  const words = significantWords(name.split(/\s+/)).map(normalizeName);
  return words.length >= 2 ? `${words[0]} ${words[words.length - 1]}` : null;
});

const surnameKey = memo((name: string): string => {
  const words = significantWords(name.split(/\s+/));
  return normalizeName(words[words.length - 1] ?? name);
});

/** Drops titles and a possessive from a typed name: "President Putin's" → "putin". */
function withoutTitles(name: string): string {
  const words = name.trim().replace(/['’]s$/i, '').split(/\s+/);
  while (words.length > 1 && (isTitleWord(words[0]!) || /^(?:u\.?s\.?|us|uk|u\.?k\.?|the|former|\p{Lu}\p{Ll}+(?:ian|ean|an|ese|ish))$/iu.test(words[0]!))) words.shift();
  return normalizeName(words.join(' '));
}

export function buildPeopleDirectory(articles: readonly DirectoryArticle[]): PeopleDirectory {
  const entries: Entry[] = [];
  const byFullKey = new Map<string, Entry>();
  const bySurname = new Map<string, Entry[]>();
  const canonical = new Map<string, Entry>();
  const singles: Array<{ articleId: string; person: ArticlePerson; siblings: readonly ArticlePerson[] }> = [];

  const newEntry = (name: string): Entry => {
    const entry: Entry = { person: { name, aliases: [], articleIds: [], mentions: 0, quoteCount: 0 }, spellings: new Map(), roles: new Set(), articles: new Set() };
    entries.push(entry);
    return entry;
  };
  const absorb = (entry: Entry, articleId: string, person: ArticlePerson) => {
    entry.spellings.set(person.name, (entry.spellings.get(person.name) ?? 0) + 1);
    for (const alias of person.aliases) if (!entry.person.aliases.includes(alias)) entry.person.aliases.push(alias);
    for (const role of person.roles) entry.roles.add(role);
    entry.person.mentions += person.mentions;
    entry.articles.add(articleId);
    canonical.set(`${articleId}\u0000${person.name}`, entry);
  };

  // Pass 1: full names, merged by first and last name.
  for (const article of articles) {
    for (const person of article.analysis.people) {
      const key = fullKey(person.name);
      if (!key) {
        singles.push({ articleId: article.id, person, siblings: article.analysis.people });
        continue;
      }
      let entry = byFullKey.get(key);
      if (!entry) {
        entry = newEntry(person.name);
        byFullKey.set(key, entry);
        const surname = surnameKey(person.name);
        bySurname.set(surname, [...(bySurname.get(surname) ?? []), entry]);
      }
      absorb(entry, article.id, person);
    }
  }
  // Pass 2: a surname alone joins the one full name it can mean; if it could mean several, it stays apart.
  const unresolved = new Map<string, Entry>();
  for (const { articleId, person, siblings } of singles) {
    const surname = surnameKey(person.name);
    const candidates = bySurname.get(surname) ?? [];
    const inArticle = candidates.filter((entry) => siblings.some((sibling) => fullKey(sibling.name) !== null && entry.spellings.has(sibling.name)));
    const byRole = candidates.filter((entry) => person.roles.some((role) => entry.roles.has(role)));
    const chosen = candidates.length === 1 ? candidates[0] : inArticle.length === 1 ? inArticle[0] : byRole.length === 1 ? byRole[0] : undefined;
    if (chosen) {
      absorb(chosen, articleId, person);
      continue;
    }
    let entry = unresolved.get(surname);
    if (!entry) {
      entry = newEntry(person.name);
      unresolved.set(surname, entry);
      bySurname.set(surname, [...candidates, entry]);
    }
    absorb(entry, articleId, person);
  }
  for (const entry of entries) {
    entry.person.name = fullestSpelling(entry.spellings);
    if (!entry.person.aliases.includes(entry.person.name)) entry.person.aliases.unshift(entry.person.name);
    entry.person.articleIds = [...entry.articles];
  }
  for (const article of articles) {
    for (const quote of article.analysis.quotes) {
      if (quote.speakerType !== 'person' || quote.speaker === null) continue;
      const entry = canonical.get(`${article.id}\u0000${quote.speaker}`);
      if (entry) entry.person.quoteCount++;
    }
  }
  return new Directory(entries, canonical);
}

function fullestSpelling(spellings: ReadonlyMap<string, number>): string {
  return [...spellings.entries()].sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

class Directory implements PeopleDirectory {
  private readonly aliasIndex = new Map<string, Set<Entry>>();
  private readonly sorted: DirectoryPerson[];
  private keys: string[] | null = null;

  constructor(private readonly entries: readonly Entry[], private readonly canonical: ReadonlyMap<string, Entry>) {
    for (const entry of entries) {
      const forms = new Set<string>([entry.person.name, ...entry.person.aliases, ...entry.spellings.keys()]);
      for (const form of forms) {
        this.index(normalizeName(form), entry);
        this.index(withoutTitles(form), entry);
        this.index(surnameKey(form), entry);
        const key = fullKey(form);
        if (key) this.index(key, entry);
      }
    }
    this.sorted = entries.map((entry) => entry.person).sort((a, b) => b.quoteCount - a.quoteCount || b.mentions - a.mentions || a.name.localeCompare(b.name));
  }

  private index(key: string, entry: Entry): void {
    if (key === '') return;
    const set = this.aliasIndex.get(key) ?? new Set<Entry>();
    set.add(entry);
    this.aliasIndex.set(key, set);
  }

  list(): DirectoryPerson[] {
    return [...this.sorted];
  }

  canonicalName(articleId: string, articlePersonName: string): string {
    return this.canonical.get(`${articleId}\u0000${articlePersonName}`)?.person.name ?? articlePersonName;
  }

  lookup(name: string): PersonLookup {
    const attempts = [normalizeName(name), withoutTitles(name), fullKey(withoutTitles(name)) ?? ''];
    for (const attempt of attempts) {
      const found = this.aliasIndex.get(attempt);
      if (!found || found.size === 0) continue;
      const people = [...found].map((entry) => entry.person);
      const exact = people.filter((person) => normalizeName(person.name) === attempt);
      if (people.length === 1 || exact.length === 1) return { kind: 'found', person: exact[0] ?? people[0]! };
      return { kind: 'ambiguous', candidates: people.sort((a, b) => b.quoteCount - a.quoteCount || b.mentions - a.mentions) };
    }
    return { kind: 'unknown', suggestions: this.suggest(withoutTitles(name)) };
  }

  /** Close names: those starting with what was typed, then those within a small edit distance. */
  private suggest(typed: string): DirectoryPerson[] {
    if (typed === '') return [];
    this.keys ??= [...this.aliasIndex.keys()].sort();
    const scored = new Map<DirectoryPerson, number>();
    const limit = Math.max(1, Math.floor(typed.length / 3));
    for (const key of this.keys) {
      let score: number | null = null;
      if (key.startsWith(typed) || key.split(' ').some((word) => word.startsWith(typed))) score = 0;
      else if (Math.abs(key.length - typed.length) <= limit) {
        const d = distance(key, typed);
        if (d <= limit) score = d;
      }
      if (score === null) continue;
      for (const entry of this.aliasIndex.get(key)!) {
        const best = scored.get(entry.person);
        if (best === undefined || score < best) scored.set(entry.person, score);
      }
    }
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || b[0].quoteCount - a[0].quoteCount || b[0].mentions - a[0].mentions)
      .slice(0, MAX_SUGGESTIONS)
      .map(([person]) => person);
  }
}
