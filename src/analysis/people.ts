/**
 * Named people in one article: the fullest name, every form the article uses (surname, title + name),
 * roles, mention count and gender when the text tells it.
 *
 * A capitalised run becomes a person when something marks it as one: a common given name, a title or role
 * before it, a speech verb next to it, an age or appositive after it, or its surname used alone elsewhere.
 * Runs that read as places or organisations ("White House", "Harbour City") never do.
 */
import { firstNameGender, isFirstName } from './firstNames.js';
import { genderFromVotes, inferGenders } from './gender.js';
import { findNameRuns, isRoleNoun, significantWords, tokenize, type NameRun, type Token } from './nameRuns.js';
import { normalizeName } from './normalizeName.js';
import { PersonIndex, surnameForms } from './personIndex.js';
import { FORMER_ROLE, NAME_PARTICLES } from './nameLexicon.js';
import { ALL_SPEECH_VERBS } from './speechVerbs.js';
import type { ArticlePerson, Gender, Sentence } from './types.js';

/** One place where the article names a person. Offsets are into the body. */
export interface Mention {
  person: number;
  /** Offsets of the name words; aliasStart includes a title written before them. */
  start: number;
  end: number;
  aliasStart: number;
  sentence: number;
}

export interface PeopleInArticle {
  people: ArticlePerson[];
  mentions: Mention[];
}

interface SentenceRuns {
  sentence: number;
  text: string;
  offset: number;
  tokens: Token[];
  runs: NameRun[];
}

interface Candidate {
  variants: Map<string, number>;
  evidence: number;
  first: number;
  surnames: string[];
}

/** Mentions found with each people list, so that quote extraction need not scan the names again. */
const knownMentions = new WeakMap<readonly ArticlePerson[], { sentences: readonly Sentence[]; mentions: Mention[] }>();

/** People named in the article (the analysis contract). */
export function findPeople(sentences: readonly Sentence[]): ArticlePerson[] {
  const { people, mentions } = analysePeople(sentences);
  knownMentions.set(people, { sentences, mentions });
  return people;
}

/** Mentions of these people in these sentences: remembered from findPeople, or found again. */
export function mentionsOf(sentences: readonly Sentence[], people: readonly ArticlePerson[]): Mention[] {
  const known = knownMentions.get(people);
  return known && known.sentences === sentences ? known.mentions : locateMentions(sentences, people);
}

/** People and every mention of them, in article order. */
export function analysePeople(sentences: readonly Sentence[]): PeopleInArticle {
  const scanned = scanSentences(sentences);
  const names = discoverNames(scanned);
  // Given names tell "Mr. Berg" from "Anna Berg" before the article's pronouns are counted.
  const index = new PersonIndex(names.map((name) => ({ name, gender: firstNameGender(name.split(' ')[0]!) })));
  const mentions = resolveMentions(scanned, index);
  return { people: describePeople(names, mentions, scanned), mentions };
}

/** Mentions of already known people (e.g. when quotes are extracted from a stored analysis). */
export function locateMentions(sentences: readonly Sentence[], people: readonly ArticlePerson[]): Mention[] {
  const forms = people.map((person) => person.aliases.map((alias) => alias));
  const index = new PersonIndex(people, forms);
  return resolveMentions(scanSentences(sentences), index);
}

function scanSentences(sentences: readonly Sentence[]): SentenceRuns[] {
  const scanned: SentenceRuns[] = [];
  sentences.forEach((sentence, position) => {
    if (sentence.heading) return;
    const tokens = tokenize(sentence.text, sentence.start);
    scanned.push({ sentence: position, text: sentence.text, offset: sentence.start, tokens, runs: findNameRuns(tokens) });
  });
  return scanned;
}

/** Full names (two or more name words) that the article marks as people, fullest spelling first seen. */
function discoverNames(scanned: readonly SentenceRuns[]): string[] {
  const candidates = new Map<string, Candidate>();
  const singles = new Map<string, number>();
  const titledSingles = new Map<string, string>();
  /** "President Clinton … his wife": a titled surname whose context tells a gender, first seen per surname and gender. */
  const gendered = new Map<string, { spelled: string; title: string; gender: 'male' | 'female'; first: number }>();
  const afterThe = new Set<string>();
  const addCandidate = (words: readonly string[], spelled: string, start: number, evidence: number) => {
    const key = candidateKey(candidates, words, spelled);
    const candidate = candidates.get(key) ?? { variants: new Map(), evidence: 0, first: start, surnames: surnameForms(spelled.split(' ')) };
    candidate.variants.set(spelled, (candidate.variants.get(spelled) ?? 0) + 1);
    candidate.evidence += evidence;
    candidates.set(key, candidate);
  };
  const pairs: Array<{ given: NameRun; full: NameRun }> = [];
  for (const item of scanned) {
    for (let runIndex = 0; runIndex + 1 < item.runs.length; runIndex++) {
      const full = coordinatedPair(item, runIndex);
      if (full) pairs.push({ given: item.runs[runIndex]!, full });
    }
    for (const run of item.runs) {
      const words = significantWords(run.words);
      const spelled = run.words.join(' ');
      const previous = item.tokens[run.firstToken - 1];
      if (previous && previous.text.toLowerCase() === 'the' && !run.titled) afterThe.add(normalizeName(spelled));
      if (words.length === 0) continue;
      if (words.length === 1) {
        const key = normalizeName(spelled);
        singles.set(key, (singles.get(key) ?? 0) + 1);
        // "President Zelensky", "His wife, Siti,": one name, but marked as a person's.
        if ((run.titled || leadRole(run, item) !== null) && !titledSingles.has(key)) titledSingles.set(key, spelled);
        const gender = run.titled ? cueGender(run, item) : null;
        const title = gender ? writtenTitle(run, item) : null;
        if (gender && title && !gendered.has(`${key} ${gender}`)) gendered.set(`${key} ${gender}`, { spelled, title, gender, first: run.start });
        continue;
      }
      addCandidate(words, spelled, run.start, evidenceFor(run, item));
    }
  }
  // "Priya and Meera Nair": two people sharing the surname written once (not "O'Brien and De Vries").
  const knownSurnames = new Set([...candidates.values()].flatMap((candidate) => candidate.surnames));
  for (const { given, full } of pairs) {
    if (knownSurnames.has(normalizeName(given.words[0]!)) || NAME_PARTICLES.has(full.words[0]!.toLowerCase())) continue;
    const words = [given.words[0]!, ...full.words.slice(1)];
    // Only when something else says these are given names ("Liberia and Sierra Leone" is not "Liberia Leone").
    const spelledElsewhere = candidates.has(`${normalizeName(words[0]!)} ${normalizeName(words[words.length - 1]!)}`);
    const givenUsedAlone = (singles.get(normalizeName(given.words[0]!)) ?? 0) > 1 || (singles.get(normalizeName(full.words[0]!)) ?? 0) > 0;
    if (!isFirstName(given.words[0]!) && !isFirstName(full.words[0]!) && !spelledElsewhere && !givenUsedAlone) continue;
    addCandidate(words, words.join(' '), given.start, 2);
    addCandidate(full.words, full.words.join(' '), full.start, 2);
  }
  const names: Array<{ name: string; first: number }> = [];
  const surnamesTaken = new Set<string>();
  // Two-word surnames of longer names ("Abu Bakr" of "Khaled Abu Bakr") are not people of their own.
  const longSurnames = new Set([...candidates.values()].flatMap((candidate) => candidate.surnames.filter((form) => form.includes(' '))));
  for (const candidate of candidates.values()) {
    const spellings = [...candidate.variants.keys()];
    if (spellings.every((spelling) => longSurnames.has(normalizeName(spelling)))) continue;
    if (spellings.some((spelling) => afterThe.has(normalizeName(spelling)))) continue;
    const reused = candidate.surnames.some((surname) => (singles.get(surname) ?? 0) > 0);
    if (candidate.evidence < 2 && !reused) continue;
    names.push({ name: fullest(candidate.variants), first: candidate.first });
    for (const surname of candidate.surnames) surnamesTaken.add(surname);
  }
  // "President Zelensky" with no full name anywhere is still a person, named by the surname alone.
  for (const [key, spelled] of titledSingles) {
    if (!surnamesTaken.has(key) && !names.some((entry) => normalizeName(entry.name.split(' ')[0]!) === key)) {
      names.push({ name: spelled, first: Number.MAX_SAFE_INTEGER });
    }
  }
  // A title whose context disagrees with everyone of that surname ("President Clinton … his wife" in an article
  // about Hillary Clinton) is someone else: a person of their own, named with the title so "Clinton" stays hers.
  for (const { spelled, title, gender, first } of gendered.values()) {
    const key = normalizeName(spelled);
    const namesakes = names.filter((entry) => surnameForms(entry.name.split(' ')).includes(key));
    const genders = namesakes.map((entry) => firstNameGender(entry.name.split(' ')[0]!));
    if (namesakes.length === 0 || genders.some((known) => known === null || known === gender)) continue;
    names.push({ name: `${title} ${spelled}`, first });
  }
  return names.sort((a, b) => a.first - b.first).map((entry) => entry.name);
}

const MALE_PRONOUN = /^(?:he|his|him|himself)$/i;
const FEMALE_PRONOUN = /^(?:she|her|hers|herself)$/i;

/**
 * The gender a titled name's own context tells: its honorific ("Mr."), a relation before it ("her husband,"), else
 * the first personal pronoun after it in the sentence, before any other name ("President Clinton campaigned for his wife").
 */
function cueGender(run: NameRun, item: SentenceRuns): Gender {
  if (run.honorificGender) return run.honorificGender;
  // "her husband, former President Clinton": the relation it stands in apposition to.
  const before = item.text.slice(Math.max(0, run.aliasStart - item.offset - 40), run.aliasStart - item.offset);
  const relation = /\b(?:his|her|their|its)\s+([\p{L}-]+),\s*(?:(?:former|then|ex|late)-?\s*)?$/iu.exec(before);
  const told = relation ? genderWord(relation[1]!.toLowerCase()) : null;
  if (told) return told;
  const nextRun = item.runs.find((other) => other.start > run.start);
  for (let k = run.nextToken; k < item.tokens.length; k++) {
    const token = item.tokens[k]!;
    if (nextRun && token.start >= nextRun.aliasStart) break;
    if (MALE_PRONOUN.test(token.text)) return 'male';
    if (FEMALE_PRONOUN.test(token.text)) return 'female';
  }
  return null;
}

/** "former President George H.W. Bush", "Former President Bush": a title its holder no longer holds. */
function formerTitle(run: NameRun, item: SentenceRuns): boolean {
  return /\b(?:former|ex-)\s*(?:\p{Lu}[\p{L}.-]*\s+){1,3}$/iu.test(item.text.slice(Math.max(0, run.aliasStart - item.offset - 8), run.start - item.offset));
}

/** The title word written right before a name ("President" of "former President Clinton"), or null. */
function writtenTitle(run: NameRun, item: SentenceRuns): string | null {
  const words = item.text.slice(run.aliasStart - item.offset, run.start - item.offset).trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return /^\p{Lu}[\p{L}.]*$/u.test(last) ? last : null;
}

/**
 * The role a name stands in apposition to: "Her editor, Paul Whitfield," → "editor"; "The general secretary of the
 * union, Dev Patel," → "general secretary of the union". After a possessive any relation will do; after "the" the
 * phrase must hold a role noun. The name must be followed by a comma or the end of the sentence.
 */
function leadRole(run: NameRun, item: SentenceRuns): string | null {
  const lead = item.text.slice(Math.max(0, run.aliasStart - item.offset - 120), run.aliasStart - item.offset);
  const after = item.text.slice(run.end - item.offset, run.end - item.offset + 2);
  if (!/^(?:,|\s*$)/.test(after)) return null;
  // The pattern below ends with ",\s*$": most names have no comma right before them, and are settled here.
  if (!lead.trimEnd().endsWith(',')) return null;
  const match = /(?:^|,\s)(the|his|her|its|their|our|\p{Lu}[\p{L}'’-]*['’]s)\s+([^,]+),\s*$/iu.exec(lead);
  if (!match) return null;
  const possessive = /^(?:his|her|their|our)$/i.test(match[1]!);
  const phraseWords = match[2]!.split(/\s+/);
  // "Her publisher, Bloomsbury,", "his employer, Acme,": a relation that is a firm names an organisation.
  if (ORGANIZATION_RELATIONS.has(phraseWords[phraseWords.length - 1]!.toLowerCase())) return null;
  return possessive || phraseWords.some((word) => isRoleNoun(word)) ? match[2]!.toLowerCase() : null;
}

/** Relations that a firm or body stands in: the name in apposition to them is not a person's. */
const ORGANIZATION_RELATIONS = new Set(['publisher', 'publishers', 'employer', 'label', 'studio', 'sponsor', 'sponsors', 'insurer', 'lender',
  'distributor', 'manufacturer', 'supplier', 'carrier', 'company', 'firm', 'bank', 'club', 'team', 'university', 'school', 'hospital',
  'newspaper', 'network', 'broadcaster', 'airline', 'agency'])

/** A one-word run, "and", then a two-word name ("Priya and Meera Nair"), followed by lowercase text or punctuation. */
function coordinatedPair(item: SentenceRuns, runIndex: number): NameRun | null {
  const run = item.runs[runIndex]!;
  const next = item.runs[runIndex + 1];
  if (!next || run.words.length !== 1 || run.titled || next.titled || next.words.length !== 2) return null;
  if (item.tokens[run.nextToken]?.text !== 'and' || next.firstToken !== run.nextToken + 1) return null;
  if (item.tokens[run.nextToken - 1]?.possessive) return null;
  const after = item.tokens[next.nextToken];
  return !after || !/^\p{Lu}/u.test(after.text) || !after.joined ? next : null;
}

/**
 * Given name and surname identify a candidate, unless its spellings' middle initials disagree: "George H.W. Bush"
 * and "George W. Bush" are father and son, "John F. Kennedy" and "John Kennedy" one man.
 */
function candidateKey(candidates: ReadonlyMap<string, Candidate>, words: readonly string[], spelled: string): string {
  const key = `${normalizeName(words[0]!)} ${normalizeName(words[words.length - 1]!)}`;
  const middle = middleInitials(spelled);
  const known = candidates.get(key);
  if (middle === '' || !known) return key;
  const clash = [...known.variants.keys()].some((variant) => {
    const other = middleInitials(variant);
    return other !== '' && other !== middle;
  });
  return clash ? `${key} ${middle}` : key;
}

/** The initials between the first and last word of a name ("h.w." of "George H.W. Bush"), or ''. */
function middleInitials(spelled: string): string {
  const words = spelled.split(' ');
  return words.slice(1, -1).filter((word) => /^(?:\p{Lu}\.)+$/u.test(word)).join(' ').toLowerCase();
}

/** The spelling with the most words, then the most used. */
function fullest(variants: ReadonlyMap<string, number>): string {
  let best = '';
  let bestScore = -1;
  for (const [spelling, count] of variants) {
    const score = spelling.split(' ').length * 1000 + count;
    if (score > bestScore) {
      best = spelling;
      bestScore = score;
    }
  }
  return best;
}

/** How strongly the context marks a run as a person: 2 for decisive evidence, 1 for supporting evidence. */
function evidenceFor(run: NameRun, item: SentenceRuns): number {
  if (run.titled || isFirstName(run.words[0]!)) return 2;
  const after = item.text.slice(run.end - item.offset, run.end - item.offset + 160);
  if (/^,\s*\d{1,3},/.test(after)) return 2;
  const bareRole = /^,\s+([\p{Ll}-]+)\s+(?:of|at|for|with)\b/u.exec(after);
  if (bareRole && isRoleNoun(bareRole[1]!)) return 2;
  // "Her editor, Paul Whitfield," / "The general secretary of the union, Dev Patel,": a name in apposition to a role.
  if (leadRole(run, item) !== null) return 2;
  // Weaker signs add up: an appositive after the name, a speech verb before or after it.
  let evidence = 0;
  if (/^,\s+(?:(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}?[\p{L}-]+|who|whose|one of|\p{Lu}[\p{L}'’-]*['’]s\s+\p{Ll})/u.test(after)) {
    const appositive = /^,\s+(?:a|an|the)\s+((?:[\p{L}-]+\s+){0,4}?[\p{L}-]+)(?=\s+(?:of|at|for|with|in|from|who|and)\b|,|\.|$)/u.exec(after);
    if (appositive && isRoleNoun(appositive[1]!.split(/\s+/).pop()!)) return 2;
    evidence++;
  }
  const before = item.tokens[run.firstToken - 1];
  if (before && ALL_SPEECH_VERBS.has(before.text.toLowerCase())) {
    // "“…,” said Okwudili Nnamdi": a name right after a quote and its verb.
    const beforeVerb = item.text.slice(Math.max(0, before.start - item.offset - 3), before.start - item.offset);
    evidence += /[”"»“’'],?\s*$/.test(beforeVerb) ? 2 : 1;
  }
  const verbAfter = /^(?:,[^,]{1,80},|,)?\s+(?:(?:has|have|had|also|later|then|repeatedly)\s+)*([\p{Ll}]+)/u.exec(after);
  if (verbAfter && ALL_SPEECH_VERBS.has(verbAfter[1]!)) {
    evidence++;
    // "One of them, Swati Dhingra, has argued …": a name set off by commas right before its speech verb.
    // A plural last word is more often a firm ("the developer, Harbourline Homes, said").
    if (/,\s*$/.test(item.text.slice(0, run.aliasStart - item.offset)) && /^,\s/.test(after) && !/s$/.test(run.words[run.words.length - 1]!)) evidence++;
  }
  return Math.min(evidence, 2);
}

function resolveMentions(scanned: readonly SentenceRuns[], index: PersonIndex): Mention[] {
  const mentions: Mention[] = [];
  for (const item of scanned) {
    for (const run of item.runs) {
      const title = run.titled ? writtenTitle(run, item) : null;
      const person = index.resolve(run.words, run.start, run.titled ? cueGender(run, item) : run.honorificGender, run.honorific, title, run.titled ? formerTitle(run, item) : null);
      if (person === null) continue;
      mentions.push({ person, start: run.start, end: run.end, aliasStart: run.aliasStart, sentence: item.sentence });
    }
  }
  return mentions;
}

function describePeople(names: readonly string[], mentions: readonly Mention[], scanned: readonly SentenceRuns[]): ArticlePerson[] {
  const bySentence = new Map(scanned.map((item) => [item.sentence, item]));
  const people: ArticlePerson[] = names.map((name) => ({ name, aliases: [], roles: [], mentions: 0, gender: null }));
  const honorifics: Gender[] = names.map(() => null);
  for (const mention of mentions) {
    const person = people[mention.person]!;
    const item = bySentence.get(mention.sentence)!;
    person.mentions++;
    const alias = item.text.slice(mention.aliasStart - item.offset, mention.end - item.offset);
    const bareName = item.text.slice(mention.start - item.offset, mention.end - item.offset);
    addUnique(person.aliases, alias);
    addUnique(person.aliases, bareName);
    const run = item.runs.find((candidate) => candidate.start === mention.start);
    // "former President George H.W. Bush" is "the former president", not "the president" of the day.
    if (run?.role) addUnique(person.roles, run.titled && formerTitle(run, item) && !FORMER_ROLE.test(run.role) ? `former ${run.role}` : run.role);
    const lead = run ? leadRole(run, item) : null;
    if (lead) addUnique(person.roles, lead);
    if (run?.honorificGender) honorifics[mention.person] = run.honorificGender;
    const nameEnd = mention.end - item.offset;
    const appositive = appositiveRole(item.text.slice(nameEnd, nameEnd + 120));
    if (appositive) addUnique(person.roles, appositive);
  }
  const pronounGenders = inferGenders(scanned.map((item) => ({ text: item.text, offset: item.offset, sentence: item.sentence })), mentions);
  people.forEach((person, position) => {
    // A given name's usual gender yields only to pronouns that clearly and repeatedly say otherwise.
    const given = firstNameGender(person.name.split(' ')[0]!);
    const votes = pronounGenders.get(position);
    const fromPronouns = genderFromVotes(votes);
    const overridesGiven = given !== null && fromPronouns !== null && fromPronouns !== given && genderFromVotes(votes, 3) === fromPronouns;
    person.gender = honorifics[position] ?? roleGender(person.roles) ?? (given !== null && !overridesGiven ? given : fromPronouns);
    addUnique(person.aliases, person.name);
  });
  return people;
}

/** "X, the union leader, …" → "union leader". */
function appositiveRole(after: string): string | null {
  // The pattern opens with a comma, and most names have none after them: skip the regex.
  if (!after.startsWith(',')) return null;
  const match = /^,\s+(?:\d{1,3},\s+)?(?:the|a|an|its|their|his|her)\s+((?:[\p{L}'’-]+\s+){0,3}?[\p{L}-]+)(?=\s+(?:of|at|for|with|in|from|who|and|on)\b|,|\.|$)/u.exec(after);
  if (!match) return null;
  const phrase = match[1]!;
  return isRoleNoun(phrase.split(/\s+/).pop()!) ? phrase.toLowerCase() : null;
}

function roleGender(roles: readonly string[]): Gender {
  for (const role of roles) {
    for (const word of role.split(' ')) {
      const gender = genderWord(word);
      if (gender) return gender;
    }
  }
  return null;
}

const genderWord = (word: string): Gender =>
  /(?:woman|ess|wife|mother|daughter|sister|queen|princess|widow|aunt|girlfriend|grandmother)$/.test(word)
    ? 'female'
    : /^(?:\w*man|husband|father|son|brother|king|prince|widower|uncle|boyfriend|grandfather)$/.test(word) && word !== 'human'
      ? 'male'
      : null;

function addUnique(list: string[], value: string): void {
  const trimmed = value.trim();
  if (trimmed !== '' && !list.includes(trimmed)) list.push(trimmed);
}
