/**
 * The people directory checked the way a journalist would read it: the most quoted people, each flagged when
 * the entry is not one real person.
 *
 *   npm run eval:people -- --corpus DIR [--top N] [--all]
 *
 * Every article is analysed (sentences, people, quotes), the directory is built as the bot builds it, and the
 * top N people by quote count (default 200) are checked. The checks use their own word lists, not the
 * extractor's lexicon, so they do not simply agree with it:
 *  - MERGE: the entry's aliases carry two different given names for one surname ("Bill Clinton" and
 *    "Hillary Clinton", "Pope Francis" and "Leonard Francis"), once titles are taken off; initials, the
 *    usual short forms (Bill/William, Joe/Joseph) and one-letter spelling variants of 5+ letter names
 *    (Sergey/Sergei) agree. Also flagged: a bare surname shown as the name while full names sit among its
 *    aliases; an alias (title included) that another entry also holds; aliases whose roles belong to occupations one
 *    person does not hold at once (a military rank and a journalist's role: "Gen. John Allen" and "CNN
 *    Vatican analyst John Allen").
 *  - JUNK: the name is not a person's: it holds a place, organisation or group word (a country, a US state,
 *    a big city, "Schools", "Party", "Ministry"…), a plural group ("Ricans", "MPs"), a title or sentence
 *    word left in the name ("Top", "President-elect", "Follow"), a lowercase word that is not a particle, or
 *    it is a single word never written as a full name.
 * Prints one line per flagged entry (and, with --all, every checked entry), then the counts.
 */
import { distance } from 'fastest-levenshtein';
import path from 'node:path';
import { bodyText } from '../src/corpus/article.js';
import { loadArticles } from './lib/load-corpus.js';
import { findPeople } from '../src/analysis/people.js';
import { buildPeopleDirectory, type DirectoryArticle } from '../src/analysis/peopleDirectory.js';
import { extractQuotes } from '../src/analysis/quotes.js';
import { splitSentences } from '../src/analysis/sentences.js';
import { normalizeName } from '../src/analysis/normalizeName.js';
import type { DirectoryPerson } from '../src/analysis/types.js';

const list = (text: string): Set<string> => new Set(text.trim().split(/\s+/).map((word) => word.toLowerCase()));

const PLACE_WORDS = list(`
  afghanistan africa albania algeria america american angeles argentina arizona arkansas asia atlanta atlantic australia
  austria baghdad bahrain bangladesh beijing belgium berlin bolivia boston brazil britain brussels bulgaria cairo
  california cambodia canada chicago chile china colombia colorado connecticut cuba dallas damascus delaware denmark
  detroit dubai egypt england europe florida france gaza georgia germany ghana greece haiti havana hawaii hollywood
  houston hungary idaho illinois india indiana indonesia iowa iran iraq ireland israel italy jamaica japan jerusalem
  jordan kabul kansas rome kentucky kenya korea kuwait lebanon libya london louisiana madrid maine malaysia manhattan
  maryland massachusetts mexico miami michigan minnesota mississippi missouri montana morocco moscow mumbai nebraska
  nevada nigeria norway ohio oklahoma oregon pacific pakistan paris pennsylvania peru philippines poland portugal qatar
  russia rwanda scotland seoul somalia spain sudan sweden switzerland syria taiwan tehran tennessee texas thailand
  tokyo turkey uganda ukraine utah venezuela vermont vietnam virginia wales washington wisconsin yemen zimbabwe
`);
const GROUP_WORDS = list(`
  schools school university college party ministry department council committee company corporation inc corp group
  association agency authority bank church club foundation institute league office police service services times
  post news network airlines union forces army navy court hospital museum fund board commission administration
  government republic kingdom city county state states center centre
`);
const LEFTOVER_WORDS = list(`top follow without justices senators read watch click more new old former late president-elect senator-elect
  obamacare says said the a an and but in on at of for with from this that these those`);
const PARTICLES = list('de da das dos du del della di van von der den ter ten la le bin ibn al el y st.');
/** Short and full forms of one given name. */
const SAME_GIVEN = [
  ['bill', 'william', 'will', 'billy'], ['joe', 'joseph'], ['bob', 'robert', 'bobby', 'rob'], ['jim', 'james', 'jimmy'],
  ['mike', 'michael'], ['tom', 'thomas'], ['dick', 'richard', 'rick'], ['chris', 'christopher'], ['dan', 'daniel', 'danny'],
  ['dave', 'david'], ['ted', 'edward', 'ed'], ['al', 'albert', 'alan'], ['tony', 'anthony'], ['steve', 'steven', 'stephen'],
  ['nick', 'nicholas'], ['ben', 'benjamin'], ['sam', 'samuel'], ['alex', 'alexander'], ['kate', 'katherine', 'catherine'],
  ['liz', 'elizabeth'], ['pat', 'patrick', 'patricia'], ['newt', 'newton'], ['barack', 'barrack'],
];

/** Occupations that exclude each other, told by the words before a name. */
const OCCUPATIONS: Array<[string, RegExp]> = [
  ['military', /\b(?:Gen|Lt|Col|Maj|Sgt|Adm|Cpl|Pvt|Brig)\.|\b(?:General|Admiral|Colonel|Marine|Army)\s+\p{Lu}/u],
  ['journalist', /\b(?:analyst|correspondent|reporter|anchor|journalist|columnist|editor|producer|commentator|contributor)\b/i],
  ['clergy', /\b(?:Pope|Cardinal|Archbishop|Bishop|Rev\.|Reverend)\s/],
];

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const TITLE_LIKE = /^(?:president|pres|vice|prime|minister|sen|senator|rep|representative|gov|governor|mr|mrs|ms|dr|gen|general|pope|king|queen|prince|princess|duke|duchess|sir|lady|lord|judge|justice|secretary|chancellor|mayor|first|former|the|u\.?s\.?|sheriff|coach|rev|reverend|capt|captain|col|lt|sgt|officer|detective|professor|prof|chairman|ceo|chief|director|sheikh|ayatollah|cardinal|archbishop|bishop|father|sister|brother|saint|st|attorney|speaker|leader|analyst|correspondent|reporter|anchor|editor|host|producer|contributor|commentator|columnist|expert)(?:-elect)?\.?$/i;

/**
 * The name words of an alias: its closing run of capitalised words, after the last title in it and without
 * places, nationalities or acronyms before the name ("Washington U.S. President Barack Obama" → barack obama).
 */
function nameWords(alias: string): string[] {
  const words = alias.replace(/['’]s$/, '').split(/\s+/);
  let start = words.length;
  while (start > 0 && /^(?:\p{Lu}|\p{Ll}{1,3}-\p{Lu})/u.test(words[start - 1]!) || (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase()))) start--;
  let run = words.slice(start);
  const lastTitle = run.map((word) => TITLE_LIKE.test(word)).lastIndexOf(true);
  if (lastTitle >= 0 && lastTitle < run.length - 1) run = run.slice(lastTitle + 1);
  while (run.length > 1 && (PLACE_WORDS.has(run[0]!.toLowerCase()) || /^(?:\p{Lu}\.?){2,}$/u.test(run[0]!) || (run.length > 2 && /^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i)$/u.test(run[0]!)))) run = run.slice(1);
  return run.map((word) => normalizeName(word)).filter((word) => word !== '' && !PARTICLES.has(word) && !/^\p{L}\.?$/u.test(word));
}

/** Same given name: short and full forms, initials, or spelling variants one letter apart (Sergey/Sergei, Mohamed/Mohammed). */
const sameGiven = (a: string, b: string): boolean =>
  a === b || a.startsWith(b) || b.startsWith(a) || SAME_GIVEN.some((group) => group.includes(a) && group.includes(b))
  || (Math.min(a.length, b.length) >= 5 && distance(a, b) <= 1);

function mergeProblems(person: DirectoryPerson, fullNames: ReadonlyMap<string, DirectoryPerson[]>): string[] {
  const problems: string[] = [];
  const own = nameWords(person.name);
  const surname = own[own.length - 1];
  const givens = new Map<string, string>();
  for (const alias of person.aliases) {
    const words = nameWords(alias);
    if (words.length < 2 || words[words.length - 1] !== surname) continue;
    givens.set(words[0]!, alias);
    // Homonyms kept apart share their bare full name; a fuller alias in two entries is one person split or merged wrongly.
    const others = (fullNames.get(words.join(' ')) ?? []).filter((other) => other !== person && (alias !== person.name || alias !== other.name) && other.aliases.includes(alias));
    if (others.length > 0) problems.push(`alias "${alias}" is also ${others.map((other) => other.name).join(', ')}`);
  }
  const distinct = [...givens.entries()];
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      const [a, aliasA] = distinct[i]!;
      const [b, aliasB] = distinct[j]!;
      // "Jose Manuel Barroso" and "Manuel Barroso" agree: one given name is among the other's names.
      if (sameGiven(a, b) || nameWords(aliasA).includes(b) || nameWords(aliasB).includes(a)) continue;
      problems.push(`given names disagree: "${aliasA}" / "${aliasB}"`);
    }
  }
  const occupations = OCCUPATIONS.filter(([, pattern]) => person.aliases.some((alias) => pattern.test(alias))).map(([label]) => label);
  if (occupations.length > 1) problems.push(`roles of different people: ${occupations.join(' and ')}`);
  // Shown under a bare surname although a full name is among its aliases: the entry holds more than one bearer.
  if (own.length === 1 && givens.size > 0) problems.push(`a bare surname with full names among its aliases (${[...givens.values()].join(', ')})`);
  return problems;
}

function junkProblems(person: DirectoryPerson): string[] {
  const words = person.name.split(/\s+/);
  const lower = words.map((word) => word.toLowerCase().replace(/['’]s$/, ''));
  const problems: string[] = [];
  const place = lower.find((word) => PLACE_WORDS.has(word));
  if (place) problems.push(`place word "${place}"`);
  const group = lower.find((word) => GROUP_WORDS.has(word));
  if (group) problems.push(`organisation word "${group}"`);
  const leftover = lower.find((word) => LEFTOVER_WORDS.has(word));
  if (leftover) problems.push(`not a name word "${leftover}"`);
  const last = words[words.length - 1]!;
  if (/^\p{Lu}{2,}s$/u.test(last) || /^\p{Lu}\p{Ll}+(?:icans|ians|eans)$/u.test(last)) problems.push('plural group');
  if (words.some((word) => /^\p{Ll}/u.test(word) && !PARTICLES.has(word.toLowerCase()) && !/^\p{Ll}{1,3}-\p{Lu}/u.test(word))) problems.push('lowercase word');
  // A single word is a person when some alias gives a full name or a title ("Prince William", "Pope Francis").
  const named = person.aliases.some((alias) => nameWords(alias).length >= 2 || TITLE_LIKE.test(alias.split(/\s+/).slice(-2, -1)[0] ?? ''));
  if (words.length === 1 && !named) problems.push('single word, never a full name or titled');
  return problems;
}

async function main(): Promise<void> {
  const corpus = argument('corpus');
  if (!corpus) {
    console.error('usage: npm run eval:people -- --corpus DIR [--top N] [--all]');
    process.exitCode = 2;
    return;
  }
  const top = Math.max(1, Number(argument('top') ?? 200));
  const root = path.resolve(corpus);
  const analysed: DirectoryArticle[] = [];
  for (const article of await loadArticles(root)) {
    const sentences = splitSentences(article.blocks);
    const people = findPeople(sentences);
    analysed.push({ id: article.id, analysis: { people, quotes: extractQuotes(bodyText(article), sentences, people) } });
  }
  if (analysed.length === 0) throw new Error(`No articles could be read from ${root}: give the folder holding the .txt/.md files.`);
  const everyone = buildPeopleDirectory(analysed).list();
  const fullNames = new Map<string, DirectoryPerson[]>();
  for (const person of everyone) {
    const key = nameWords(person.name).join(' ');
    if (key.includes(' ')) fullNames.set(key, [...(fullNames.get(key) ?? []), person]);
  }
  const checked = everyone.slice(0, top);
  let merges = 0;
  let junk = 0;
  for (const person of checked) {
    const merge = mergeProblems(person, fullNames);
    const notPerson = junkProblems(person);
    if (merge.length > 0) merges++;
    if (notPerson.length > 0) junk++;
    if (merge.length > 0 || notPerson.length > 0 || process.argv.includes('--all')) {
      const flags = [...merge.map((problem) => `MERGE ${problem}`), ...notPerson.map((problem) => `JUNK ${problem}`)];
      console.log(`${person.quoteCount}\t${person.name}\t${flags.join('; ') || 'ok'}\t[${person.aliases.slice(0, 6).join(' | ')}]`);
    }
  }
  console.log(`articles ${analysed.length}  people ${everyone.length}  checked top ${checked.length} by quotes`);
  console.log(`merged people ${merges}  not a person ${junk}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
