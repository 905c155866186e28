/**
 * One person per corpus: every article's names merged under the fullest one ("Putin", "Vladimir Putin",
 * "Russian President Vladimir Putin" → Vladimir Putin), people who only share a surname kept apart.
 * Built in one pass with hash maps (no comparison of every person with every other), so it scales to
 * 100,000 articles; only a lookup that finds nothing scans the names for suggestions.
 */
import { distance } from 'fastest-levenshtein';
import { runSteps, sortInSteps } from '../lib/sortInSteps.js';
import { GENERIC_SPEAKER_NOUNS, NOT_NAME_WORDS } from './nameLexicon.js';
import { isTitleWord, significantWords } from './nameRuns.js';
import { normalizeName } from './normalizeName.js';
import type { ArticlePerson, DirectoryPerson, PeopleDirectory, PersonLookup, Quote } from './types.js';

export interface DirectoryArticle {
  id: string;
  /** Only who spoke matters here: callers may pass quotes without their text, to hold less in memory. */
  analysis: { people: ArticlePerson[]; quotes: ReadonlyArray<Quote | Pick<Quote, 'speaker' | 'speakerType'>> };
}

interface Entry {
  person: DirectoryPerson;
  spellings: Map<string, number>;
  roles: Set<string>;
  articles: Set<string>;
  /** Set when this entry was merged into another (e.g. "Moscow Vladimir Putin" into "Vladimir Putin"). */
  mergedInto?: Entry;
  /** The occupation its roles tell, if one of OCCUPATIONS. */
  occupation?: string | null;
  /** Middle initials of its first full name ("hw" for George H.W. Bush), if it had any. */
  middle?: string | null;
}

/** Occupations one person does not hold at once: a shared full name with two of them is two people. */
const OCCUPATIONS: Array<[string, RegExp]> = [
  ['military', /^(?:(?:\S+\s+)*(?:gen|general|lt|col|colonel|maj|major|sgt|adm|admiral|brig|cpl|pvt)\.?(?:\s+gen\.?)?|marine\s.*)$/],
  // Retired officers often become "military analysts": only a civilian beat makes an analyst a journalist here.
  ['journalist', /^(?!.*\b(?:military|security|defen[cs]e|intelligence|terrorism)\b).*\b(?:analyst|correspondent|reporter|anchor|journalist|columnist|editor|commentator)\b/],
  ['clergy', /\b(?:pope|cardinal|archbishop|bishop|rev\.?|reverend)$/],
];

function occupationOf(roles: readonly string[]): string | null {
  for (const [label, pattern] of OCCUPATIONS) if (roles.some((role) => pattern.test(role))) return label;
  return null;
}

const MAX_SUGGESTIONS = 5;
/** Titles written before a given name alone ("Pope Francis", "King Abdullah", "Prince William"). */
const REGNAL_TITLES = new Set(['pope', 'king', 'queen', 'prince', 'princess', 'emperor', 'empress', 'sultan', 'emir', 'saint', 'st.', 'duke', 'duchess']);
/** A bare surname joins the best-known full name with it when that one has this many times the mentions of each other. */
const SURNAME_DOMINANCE = 4;
/** Items processed between checks of the time slice in the cooperative build. */
const STEP = 256;
/** Articles between pauses: each carries dozens of people, so a step of STEP articles could block for 100 ms. */
const ARTICLE_STEP = 16;

/**
 * "President Clinton": a surname kept with its title because the article told it apart from a namesake
 * (people.ts). It is a surname to resolve, not a full name, and never the namesake of that article.
 */
const setApartByTitle = (name: string): boolean => {
  const words = name.split(/\s+/);
  return words.length === 2 && isTitleWord(words[0]!) && !REGNAL_TITLES.has(words[0]!.toLowerCase());
};

const resolved = (entry: Entry): Entry => {
  let current = entry;
  while (current.mergedInto) current = current.mergedInto;
  return current;
};

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

/**
 * "George H.W. Bush" → "hw", "George W. Bush" → "w", "George Bush" → null: middle initials that disagree tell a
 * father from a son with one first and last name; a name without them joins either.
 */
const middleInitials = memo((name: string): string | null => {
  const words = name.split(/\s+/);
  const significant = significantWords(words);
  if (significant.length < 2) return null;
  const between = words.slice(words.indexOf(significant[0]!) + 1, words.lastIndexOf(significant[significant.length - 1]!));
  const letters = between.filter((word) => /^(?:\p{Lu}\.)+$/u.test(word)).join('').replace(/\./g, '');
  return letters === '' ? null : letters.toLowerCase();
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

/** The keys a person is found under, for each form of their name: as written, without titles, surname, full name. */
export function nameKeys(form: string): string[] {
  const key = fullKey(form);
  return key ? [normalizeName(form), withoutTitles(form), surnameKey(form), key] : [normalizeName(form), withoutTitles(form), surnameKey(form)];
}

/** The keys tried, in order, for a name a user typed. */
export function typedNameKeys(name: string): string[] {
  return [normalizeName(name), withoutTitles(name), fullKey(withoutTitles(name)) ?? ''];
}

/** Builds the directory in one go (fine for small corpora and tests). */
export function buildPeopleDirectory(articles: Iterable<DirectoryArticle>): PeopleDirectory {
  const steps = directorySteps(articles);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Builds the directory in slices of about `sliceMs`, yielding to the event loop between them, so a
 * rebuild over 100,000 articles never stalls Discord heartbeats or interactions.
 */
export async function buildPeopleDirectoryCooperatively(articles: Iterable<DirectoryArticle>, { sliceMs = 10 } = {}): Promise<PeopleDirectory> {
  const steps = directorySteps(articles);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** The build, as a generator that pauses every STEP items so callers can choose to yield. */
function* directorySteps(articles: Iterable<DirectoryArticle>): Generator<void, PeopleDirectory> {
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
  const absorb = (target: Entry, articleId: string, person: ArticlePerson) => {
    const entry = resolved(target);
    entry.spellings.set(person.name, (entry.spellings.get(person.name) ?? 0) + Math.max(1, person.mentions));
    for (const alias of person.aliases) if (!entry.person.aliases.includes(alias)) entry.person.aliases.push(alias);
    for (const role of person.roles) entry.roles.add(role);
    entry.person.mentions += person.mentions;
    entry.articles.add(articleId);
    canonical.set(`${articleId}\u0000${person.name}`, entry);
  };

  // Pass 1: full names, merged by first and last name.
  let count = 0;
  for (const article of articles) {
    if (++count % ARTICLE_STEP === 0) yield;
    for (const person of article.analysis.people) {
      const key = setApartByTitle(person.name) ? null : fullKey(person.name);
      if (!key) {
        singles.push({ articleId: article.id, person, siblings: article.analysis.people });
        continue;
      }
      // "Gen. John Allen" and "CNN Vatican analyst John Allen": one full name, two people told apart by occupation.
      const occupation = occupationOf(person.roles);
      const middle = middleInitials(person.name);
      const first = byFullKey.get(key);
      const byOccupation = occupation && first?.occupation && first.occupation !== occupation ? `${key}\u0000${occupation}` : key;
      const fullKeyed = middle && first?.middle && first.middle !== middle ? `${byOccupation}\u0000${middle}` : byOccupation;
      let entry = byFullKey.get(fullKeyed);
      if (!entry) {
        entry = newEntry(person.name);
        byFullKey.set(fullKeyed, entry);
        const surname = surnameKey(person.name);
        bySurname.set(surname, [...(bySurname.get(surname) ?? []), entry]);
      }
      entry.occupation ??= occupation;
      entry.middle ??= middle;
      absorb(entry, article.id, person);
    }
  }
  // Pass 1b: a longer name ending in a known full name is that person with a word glued on
  // ("Moscow Vladimir Putin" → "Vladimir Putin").
  for (const entry of [...byFullKey.values()]) {
    if (++count % STEP === 0) yield;
    const words = significantWords(entry.person.name.split(/\s+/));
    if (words.length < 3) continue;
    const shorter = byFullKey.get(`${normalizeName(words[words.length - 2]!)} ${normalizeName(words[words.length - 1]!)}`);
    if (shorter && resolved(shorter) !== entry) mergeInto(entry, resolved(shorter));
  }
  // Pass 1c: a rare misspelt given name ("Barrack Obama") is the far better-known bearer of the surname.
  // A common surname's group is compared with itself: count that work too, or one group of hundreds blocks.
  let comparisons = 0;
  for (const group of bySurname.values()) {
    if (++count % STEP === 0) yield;
    if (group.length < 2) continue;
    for (const entry of group) {
      comparisons += group.length;
      if (comparisons >= STEP * 64) {
        comparisons = 0;
        yield;
      }
      const live = resolved(entry);
      const given = givenOf(live.person.name);
      const better = group.map(resolved).find((other) => other !== live && other.person.mentions >= SURNAME_DOMINANCE * live.person.mentions && isMisspelling(given, givenOf(other.person.name)));
      if (better) mergeInto(live, better);
    }
  }
  // Pass 2: a surname alone joins the one full name it can mean (or the one far better known);
  // if it could mean several, it stays apart.
  const unresolved = new Map<string, Entry>();
  const unresolvedEntries = new Set<Entry>();
  for (const { articleId, person, siblings } of singles) {
    if (++count % STEP === 0) yield;
    const surname = surnameKey(person.name);
    // "Pope Francis", "Prince William": a regnal title goes with a given name, never with someone's surname.
    const regnal = person.roles.some((role) => REGNAL_TITLES.has(role.split(/\s+/).pop() ?? ''));
    const sameSurname = regnal ? [] : [...new Set((bySurname.get(surname) ?? []).map(resolved))];
    const inArticle = sameSurname.filter((entry) => siblings.some((sibling) => fullKey(sibling.name) !== null && entry.spellings.has(sibling.name)));
    // A name kept with its title ("President Clinton") is one the article told apart from its namesakes there.
    const setApart = setApartByTitle(person.name);
    const candidates = setApart ? sameSurname.filter((entry) => !inArticle.includes(entry)) : sameSurname;
    const byRole = candidates.filter((entry) => person.roles.some((role) => entry.roles.has(role)));
    // "President Clinton" in an article about Hillary Clinton is the one called President elsewhere (Bill).
    const roleDisagrees = !setApart && byRole.length === 1 && inArticle.length === 1 && byRole[0] !== inArticle[0] && !person.roles.some((role) => inArticle[0]!.roles.has(role));
    const chosen =
      candidates.length === 1
        ? candidates[0]
        : !setApart && inArticle.length === 1 && !roleDisagrees
          ? inArticle[0]
          : byRole.length === 1
            ? byRole[0]
            : dominantEntry(candidates.filter((entry) => !unresolvedEntries.has(entry)));
    if (chosen) {
      absorb(chosen, articleId, person);
      continue;
    }
    let entry = unresolved.get(surname);
    if (!entry) {
      entry = newEntry(person.name);
      unresolved.set(surname, entry);
      unresolvedEntries.add(entry);
      bySurname.set(surname, [...candidates, entry]);
    }
    absorb(entry, articleId, person);
  }
  const live = entries.filter((entry) => !entry.mergedInto);
  for (const entry of live) {
    if (++count % STEP === 0) yield;
    entry.person.name = fullestSpelling(entry.spellings);
    if (!entry.person.aliases.includes(entry.person.name)) entry.person.aliases.unshift(entry.person.name);
    entry.person.articleIds = [...entry.articles];
  }
  // One more pass over the articles counts quotes, by people and by organisations.
  const organizations = organizationTally();
  for (const article of articles) {
    if (++count % ARTICLE_STEP === 0) yield;
    organizations.add(article);
    for (const quote of article.analysis.quotes) {
      if (quote.speakerType !== 'person' || quote.speaker === null) continue;
      const entry = canonical.get(`${article.id}\u0000${quote.speaker}`);
      if (entry) resolved(entry).person.quoteCount++;
    }
  }
  const directory = new Directory(canonical);
  for (const entry of live) {
    if (++count % STEP === 0) yield;
    directory.add(entry);
  }
  for (const organization of organizations.entries()) {
    if (++count % STEP === 0) yield;
    directory.addOrganization(organization);
  }
  return yield* directory.sealSteps();
}

/** "the White House's" → "White House": the organisation's name as a user would type it. */
export const organizationName = memo((phrase: string): string | null => {
  const name = phrase.trim().replace(/^the\s+/i, '').replace(/['’]s?$/, '').trim();
  const words = name.split(/\s+/);
  // A proper name only: "the ministry" or "officials" are not an organisation one can ask for.
  if (words.length === 0 || words.length > 6 || !/^[\p{Lu}\p{N}]/u.test(name) || name.endsWith('…')) return null;
  // "Prosecutors" opening a sentence is a group of people; a title before a name is a person, not an organisation.
  if (words.length === 1 && GENERIC_SPEAKER_NOUNS.has(name.toLowerCase())) return null;
  if (words.slice(0, -1).some((word) => isTitleWord(word)) && /\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+$/u.test(name)) return null;
  return name;
});

const organizationKey = memo((name: string): string => normalizeName(name));

/** Organisations quoted as speakers, keyed by their folded name, tallied an article at a time. */
function organizationTally(): { add: (article: DirectoryArticle) => void; entries: () => Entry[] } {
  const byKey = new Map<string, Entry>();
  const add = (article: DirectoryArticle) => {
    for (const quote of article.analysis.quotes) {
      if (quote.speakerType !== 'organization' || quote.speaker === null) continue;
      const name = organizationName(quote.speaker);
      if (!name) continue;
      const key = organizationKey(name);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { person: { name, aliases: [], articleIds: [], mentions: 0, quoteCount: 0, kind: 'organization' }, spellings: new Map(), roles: new Set(), articles: new Set() };
        byKey.set(key, entry);
      }
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
      entry.person.quoteCount++;
      entry.person.mentions++;
      entry.articles.add(article.id);
    }
  };
  const entries = () => {
    for (const entry of byKey.values()) {
      entry.person.name = [...entry.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
      entry.person.aliases = [...entry.spellings.keys()];
      entry.person.articleIds = [...entry.articles];
    }
    return [...byKey.values()];
  };
  return { add, entries };
}

interface DirectoryJSON {
  version: 1;
  entries: Array<{ person: DirectoryPerson; spellings: Array<[string, number]>; roles: string[] }>;
  organizations: Array<{ person: DirectoryPerson; spellings: Array<[string, number]> }>;
  /** [article id, article person name, index into entries]. */
  canonical: Array<[string, string, number]>;
}

/** The directory as JSON, to persist it: directoryFromJSON gives back one that answers exactly the same. */
export function directoryToJSON(directory: PeopleDirectory): string {
  if (!(directory instanceof Directory)) throw new Error('directoryToJSON: only a directory built by buildPeopleDirectory can be saved');
  return JSON.stringify(directory.toData());
}

export function directoryFromJSON(json: string): PeopleDirectory {
  const data = JSON.parse(json) as DirectoryJSON;
  if (data?.version !== 1 || !Array.isArray(data.entries)) throw new Error('directoryFromJSON: not a saved people directory (version 1)');
  const revive = (item: { person: DirectoryPerson; spellings: Array<[string, number]>; roles?: string[] }): Entry =>
    ({ person: item.person, spellings: new Map(item.spellings), roles: new Set(item.roles ?? []), articles: new Set(item.person.articleIds) });
  const entries = data.entries.map(revive);
  const canonical = new Map<string, Entry>();
  for (const [articleId, name, index] of data.canonical) canonical.set(`${articleId}\u0000${name}`, entries[index]!);
  const directory = new Directory(canonical);
  for (const entry of entries) directory.add(entry);
  for (const organization of data.organizations.map(revive)) directory.addOrganization(organization);
  return directory.seal();
}

/** Records per saved piece (directoryPieces)… */
const PIECE_ITEMS = 2_000;
/**
 * …and about this many characters at most: the best-known people are in thousands of articles each, so 2,000 of
 * them made a piece of 10 MB at 100,000 articles, written and parsed in one blocking step.
 */
const PIECE_CHARS = 256 * 1024;

/** Entries as pieces of `kind`, each of at most PIECE_ITEMS records and about PIECE_CHARS characters. */
function* cutPieces(kind: 'entries' | 'organizations', entries: readonly Entry[], record: (entry: Entry) => object): Generator<string> {
  let items: string[] = [];
  let chars = 0;
  const piece = () => `{"kind":${JSON.stringify(kind)},"items":[${items.join(',')}]}`;
  for (const entry of entries) {
    const json = JSON.stringify(record(entry));
    if (items.length > 0 && (items.length >= PIECE_ITEMS || chars + json.length > PIECE_CHARS)) {
      yield piece();
      items = [];
      chars = 0;
    }
    items.push(json);
    chars += json.length;
  }
  if (items.length > 0) yield piece();
}

/** The saved form's version: a directory saved by another one is rebuilt instead of restored. */
export const DIRECTORY_PIECES_VERSION = 1;

/** The directory as pieces of JSON, one per step, for a store to save: directoryFromPieces gives it back. */
export function* directoryPieces(directory: PeopleDirectory): Generator<string> {
  if (!(directory instanceof Directory)) throw new Error('directoryPieces: only a directory built by buildPeopleDirectory can be saved');
  yield* directory.pieces();
}

type Piece =
  | { kind: 'start'; version: number }
  | { kind: 'entries'; items: DirectoryJSON['entries'] }
  | { kind: 'organizations'; items: DirectoryJSON['organizations'] }
  | { kind: 'canonical'; items: DirectoryJSON['canonical'] };

/** Rebuilds a directory from directoryPieces' output, a piece per step; throws on pieces it cannot read. */
export function* directoryFromPieces(pieces: readonly string[]): Generator<void, PeopleDirectory> {
  const revive = (item: { person: DirectoryPerson; spellings: Array<[string, number]>; roles?: string[] }): Entry =>
    ({ person: item.person, spellings: new Map(item.spellings), roles: new Set(item.roles ?? []), articles: new Set(item.person.articleIds) });
  const parsed = (json: string) => JSON.parse(json) as Piece;
  const first = pieces[0] === undefined ? undefined : parsed(pieces[0]);
  if (first?.kind !== 'start' || first.version !== DIRECTORY_PIECES_VERSION) throw new Error('directoryFromPieces: not a saved people directory');
  const entries: Entry[] = [];
  const organizations: Entry[] = [];
  const canonical = new Map<string, Entry>();
  for (const json of pieces.slice(1)) {
    const piece = parsed(json);
    if (piece.kind === 'entries') for (const item of piece.items) entries.push(revive(item));
    else if (piece.kind === 'organizations') for (const item of piece.items) organizations.push(revive(item));
    else if (piece.kind === 'canonical') {
      for (const [articleId, name, index] of piece.items) {
        const entry = entries[index];
        if (!entry) throw new Error('directoryFromPieces: a name points at no saved person');
        canonical.set(`${articleId}\u0000${name}`, entry);
      }
    }
    yield;
  }
  const directory = new Directory(canonical);
  let count = 0;
  for (const entry of entries) {
    directory.add(entry);
    if (++count % STEP === 0) yield;
  }
  for (const organization of organizations) {
    directory.addOrganization(organization);
    if (++count % STEP === 0) yield;
  }
  return yield* directory.sealSteps();
}

const givenOf = (name: string): string => normalizeName(significantWords(name.split(/\s+/))[0] ?? '');

/** Two given names one letter apart, long enough that the difference is a typo ("barrack"/"barack"), not another name. */
function isMisspelling(a: string, b: string): boolean {
  return a !== b && a.length >= 5 && b.length >= 5 && a[0] === b[0] && distance(a, b) === 1;
}

/** Moves everything known about `from` onto `into`; lookups through `from` follow the redirect. */
function mergeInto(from: Entry, into: Entry): void {
  for (const [spelling, times] of from.spellings) into.spellings.set(spelling, (into.spellings.get(spelling) ?? 0) + times);
  for (const alias of from.person.aliases) if (!into.person.aliases.includes(alias)) into.person.aliases.push(alias);
  for (const role of from.roles) into.roles.add(role);
  for (const article of from.articles) into.articles.add(article);
  into.person.mentions += from.person.mentions;
  from.mergedInto = into;
}

/** The candidate mentioned SURNAME_DOMINANCE times more than every other, if there is one. */
function dominantEntry(candidates: readonly Entry[]): Entry | undefined {
  const [first, ...rest] = [...candidates].sort((a, b) => b.person.mentions - a.person.mentions);
  if (!first || rest.length === 0) return undefined;
  return rest.every((other) => first.person.mentions >= SURNAME_DOMINANCE * other.person.mentions) ? first : undefined;
}

/**
 * The display name: the fullest spelling among those used at least a quarter as often as the most common
 * one, so "Vladimir Putin" wins over a rare "Moscow Vladimir Putin" but "Vladimir Putin" over "Putin".
 */
function fullestSpelling(all: ReadonlyMap<string, number>): string {
  // "Without Huma Abedin", "Top Obama": a spelling opening with a sentence word is never the display name.
  const clean = new Map([...all].filter(([spelling]) => !NOT_NAME_WORDS.has(spelling.split(' ')[0]!.toLowerCase()) && !/^top$/i.test(spelling.split(' ')[0]!)));
  // "President Clinton" gives way to "Bill Clinton" when the person is known by a full name too.
  const untitled = new Map([...clean].filter(([spelling]) => !isTitleWord(spelling.split(' ')[0]!)));
  const spellings = [...untitled.keys()].some((spelling) => spelling.includes(' ')) ? untitled : clean.size > 0 ? clean : all;
  const most = Math.max(...spellings.values());
  const common = [...spellings.entries()].filter(([spelling, times]) => times * 4 >= most || spelling.split(' ').length === 1);
  const pool = common.some(([spelling]) => spelling.includes(' ')) ? common.filter(([spelling]) => spelling.includes(' ') && spellings.get(spelling)! * 4 >= most) : common;
  const ranked = (pool.length > 0 ? pool : [...spellings.entries()]).sort(
    (a, b) => b[0].split(' ').length - a[0].split(' ').length || b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  return ranked[0]![0];
}

class Directory implements PeopleDirectory {
  private readonly aliasIndex = new Map<string, Set<Entry>>();
  private sorted: DirectoryPerson[] = [];
  private keys: string[] | null = null;

  private readonly entries: Entry[] = [];
  private readonly organizationEntries: Entry[] = [];
  private readonly organizationIndex = new Map<string, Entry>();
  private sortedOrganizations: DirectoryPerson[] = [];

  constructor(private readonly canonical: ReadonlyMap<string, Entry>) {}

  /** Indexes an organisation under its spellings only: "House" must not find the White House. */
  addOrganization(entry: Entry): void {
    this.organizationEntries.push(entry);
    for (const form of [entry.person.name, ...entry.spellings.keys()]) {
      const key = normalizeName(form);
      if (!this.organizationIndex.has(key)) this.organizationIndex.set(key, entry);
    }
  }

  organizations(): DirectoryPerson[] {
    return [...this.sortedOrganizations];
  }

  /**
   * The directory as JSON pieces of at most PIECE_ITEMS records, a piece per step: what toData holds, cut so
   * that neither saving nor restoring a directory of 100,000 articles parses or builds it in one go.
   */
  *pieces(): Generator<string> {
    const position = new Map<Entry, number>();
    for (const [index, entry] of this.entries.entries()) position.set(entry, index);
    yield JSON.stringify({ version: 1, kind: 'start' });
    yield* cutPieces('entries', this.entries, (entry) => ({ person: entry.person, spellings: [...entry.spellings], roles: [...entry.roles] }));
    yield* cutPieces('organizations', this.organizationEntries, (entry) => ({ person: entry.person, spellings: [...entry.spellings] }));
    let items: Array<[string, string, number]> = [];
    for (const [key, entry] of this.canonical) {
      const index = position.get(resolved(entry));
      if (index === undefined) continue;
      const [articleId, name] = key.split('\u0000') as [string, string];
      items.push([articleId, name, index]);
      if (items.length >= PIECE_ITEMS * 4) {
        yield JSON.stringify({ kind: 'canonical', items });
        items = [];
      }
    }
    if (items.length > 0) yield JSON.stringify({ kind: 'canonical', items });
  }

  toData(): DirectoryJSON {
    const position = new Map(this.entries.map((entry, index) => [entry, index]));
    return {
      version: 1,
      entries: this.entries.map((entry) => ({ person: entry.person, spellings: [...entry.spellings], roles: [...entry.roles] })),
      organizations: this.organizationEntries.map((entry) => ({ person: entry.person, spellings: [...entry.spellings] })),
      canonical: [...this.canonical].flatMap(([key, entry]) => {
        const index = position.get(resolved(entry));
        const [articleId, name] = key.split('\u0000') as [string, string];
        return index === undefined ? [] : [[articleId, name, index] as [string, string, number]];
      }),
    };
  }

  /** Indexes one person under every form of their name. */
  add(entry: Entry): void {
    this.entries.push(entry);
    const forms = new Set<string>([entry.person.name, ...entry.person.aliases, ...entry.spellings.keys()]);
    for (const form of forms) for (const key of nameKeys(form)) this.index(key, entry);
  }

  seal(): this {
    return runSteps(this.sealSteps());
  }

  /** The ranking sorts in steps: over 100,000 articles one sort of every person blocks for hundreds of ms. */
  *sealSteps(): Generator<void, this> {
    const ranked = (a: DirectoryPerson, b: DirectoryPerson) => b.quoteCount - a.quoteCount || b.mentions - a.mentions || a.name.localeCompare(b.name);
    this.sorted = yield* sortInSteps(this.entries.map((entry) => entry.person), ranked);
    this.sortedOrganizations = yield* sortInSteps(this.organizationEntries.map((entry) => entry.person), ranked);
    return this;
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
    const entry = this.canonical.get(`${articleId}\u0000${articlePersonName}`);
    return entry ? resolved(entry).person.name : articlePersonName;
  }

  lookup(name: string): PersonLookup {
    // An organisation's exact name wins ("White House" is not Amy Winehouse); people come first otherwise.
    const organization = this.organizationIndex.get(normalizeName(organizationName(name) ?? name));
    if (organization && !this.aliasIndex.has(normalizeName(name))) return { kind: 'found', person: organization.person };
    for (const attempt of typedNameKeys(name)) {
      const found = this.aliasIndex.get(attempt);
      if (!found || found.size === 0) continue;
      const people = [...found].map((entry) => entry.person);
      // An exact match wins, unless it is a bare surname that full names also carry ("Berg" next to Anna and Erik Berg).
      const exact = people.filter((person) => normalizeName(person.name) === attempt && (person.name.includes(' ') || people.length === 1));
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
