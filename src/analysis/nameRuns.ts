/**
 * Finds the capitalised word runs of a sentence that may name a person, and splits each into the
 * title or role written before it ("U.S. Energy Secretary", "Russian negotiator") and the name itself.
 * Pure text work: whether a run really is a person is decided with the whole article (people.ts).
 */
import { isFirstName } from './firstNames.js';
import { codeUnits, isLetterOrMark, isWordCodePoint, wordRunEnd } from './wordChars.js';
import {
  DEMONYM_PATTERN, HONORIFIC_GENDER, NAME_PARTICLES, NON_PERSON_WORDS, NOT_NAME_WORDS, PLACE_PREFIXES,
  CALENDAR_WORDS, ROLE_NOUNS, SURNAME_LIKE_NON_PERSON_WORDS, TITLE_WORDS,
  COUNTRY_WORDS, DATELINE_PLACES,
} from './nameLexicon.js';

export interface Token {
  /** The word without a possessive ending or a sentence-final full stop. */
  text: string;
  start: number;
  end: number;
  possessive: boolean;
  /** True when a single space (no punctuation) separates this token from the previous one. */
  joined: boolean;
}

/** A possible person name in a sentence. Offsets are absolute (into the body). */
export interface NameRun {
  /** Name words without the title: ["Vladimir", "Putin"], ["de", "Vries"]. */
  words: string[];
  /** Offsets of the name words. */
  start: number;
  end: number;
  /** Start of the title or role written before the name (= start without one). */
  aliasStart: number;
  /** Title or role phrase, lowercased ("russian president", "negotiator"), or null. */
  role: string | null;
  /** Gender told by an honorific or gendered title ("Mr.", "Queen"), or null. */
  honorificGender: 'male' | 'female' | null;
  /** The honorific written before the name ("mr", "dr"), lowercased, or null. */
  honorific: string | null;
  /** True when the words follow a title, honorific or role noun. */
  titled: boolean;
  /** Index of the first token after the run, in the sentence token list. */
  nextToken: number;
  /** Index of the first token of the alias (title included). */
  firstToken: number;
}

/** Abbreviations whose full stop is part of the word. */
const DOTTED = new Set(['mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'st', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'maj', 'capt',
  'sgt', 'adm', 'cmdr', 'rev', 'prof', 'det', 'insp', 'supt', 'amb', 'cpl', 'pvt', 'mx']);

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor']);

export const bare = (word: string): string => (word.endsWith('.') ? word.slice(0, -1) : word).toLowerCase();

/** Splits a sentence into word tokens with absolute offsets. */
export function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let previousEnd = -1;
  for (let at = 0; at < text.length;) {
    const codePoint = text.codePointAt(at)!;
    if (!isWordCodePoint(codePoint)) {
      at += codeUnits(codePoint);
      continue;
    }
    const start = at;
    const matchEnd = tokenEnd(text, at, codePoint);
    at = matchEnd;
    let word = text.slice(start, matchEnd);
    if (word.endsWith('.') && word.length > 2 && word[word.length - 3] !== '.' && !DOTTED.has(bare(word))) {
      word = word.slice(0, -1);
    }
    let possessive = false;
    const last = word.charCodeAt(word.length - 1);
    if ((last === 115 || last === 83) && word.length > 2 && (word[word.length - 2] === "'" || word[word.length - 2] === '’')) {
      word = word.slice(0, -2);
      possessive = true;
    }
    const joined = previousEnd >= 0 && start === previousEnd + 1 && (text[previousEnd] === ' ' || text[previousEnd] === '\u00a0');
    tokens.push({ text: word, start: offset + start, end: offset + start + word.length, possessive, joined });
    previousEnd = matchEnd;
  }
  return tokens;
}

/**
 * End of the token starting at a word character, as the pattern
 * /[\p{L}\p{M}]\.(?:[\p{L}\p{M}]\.)+|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*\.?/u would match it:
 * dotted initials ("U.S.", "H.W.") whole, else a word with inner apostrophes and hyphens and a full stop.
 */
function tokenEnd(text: string, start: number, codePoint: number): number {
  const dotted = dottedEnd(text, start, codePoint);
  if (dotted > 0) return dotted;
  let end = wordRunEnd(text, start);
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code !== 39 && code !== 0x2019 && code !== 45) break;
    const after = wordRunEnd(text, end + 1);
    if (after === end + 1) break;
    end = after;
  }
  return text.charCodeAt(end) === 46 ? end + 1 : end;
}

/** End of letters each followed by a full stop, at least two of them ("U.S."), or -1. */
function dottedEnd(text: string, start: number, codePoint: number): number {
  let end = start;
  let letters = 0;
  let current = codePoint;
  while (isLetterOrMark(current) && text.charCodeAt(end + codeUnits(current)) === 46) {
    end += codeUnits(current) + 1;
    letters++;
    if (end >= text.length) break;
    current = text.codePointAt(end)!;
  }
  return letters >= 2 ? end : -1;
}

const UPPER_START = /^\p{Lu}/u;
const PREFIXED_NAME = /^(?:(?:al|el|ad|as|at|an)-|[dl]['’])\p{Lu}/u;
/** Capitalised, or a name with a lowercase prefix ("al-Assad", "d'Alembert"). Fast paths for ASCII. */
function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code >= 65 && code <= 90) return true;
  if (code >= 97 && code <= 122) return (word[1] === '-' || word[2] === '-' || word[1] === "'" || word[1] === '’') && PREFIXED_NAME.test(word);
  return code > 127 && UPPER_START.test(word);
}
const isAcronym = (word: string): boolean => {
  const ascii = asciiAcronym(word);
  if (ascii !== null) return ascii;
  return /^(?:\p{Lu}\.?){2,}$/u.test(word) && !/^\p{Lu}\.$/u.test(word);
};
/**
 * isAcronym for an ASCII word without the Unicode patterns (run on every name word): two or more capitals, each
 * optionally followed by one full stop. Null when a non-ASCII character comes before the answer: left to the patterns.
 */
function asciiAcronym(word: string): boolean | null {
  let letters = 0;
  let at = 0;
  while (at < word.length) {
    const code = word.charCodeAt(at);
    if (code >= 0x80) return null;
    // Any other ASCII character fails the pattern, whatever follows it.
    if (code < 65 || code > 90) return false;
    letters++;
    at++;
    if (word.charCodeAt(at) === 46) at++;
  }
  return letters >= 2;
}
/** Dotted letters that name a place or body, never a person's initials ("U.S.", "D.C.", "L.A."). */
const PLACE_INITIALS = new Set(['u.s.', 'u.k.', 'u.n.', 'e.u.', 'd.c.', 'l.a.', 'n.y.', 'n.j.', 's.c.', 'n.c.', 'u.s.a.', 'u.a.e.', 'p.m.', 'a.m.', 'b.c.', 'a.d.']);
/**
 * Initials inside a name: "George H.W. Bush", "A.J. Hinch", "J.R.R. Tolkien". Two dotted letters before a name word,
 * or three after a given name; a title after them ("F.B.I. Director") makes them an acronym.
 */
function isNameInitials(tokens: readonly Token[], k: number, nameStart: number, to: number): boolean {
  const word = tokens[k]!.text;
  // Initials hold a full stop: most words are settled without the pattern.
  const letters = word.includes('.') && /^(?:\p{Lu}\.){2,3}$/u.test(word) ? (word.length / 2) : 0;
  if (letters === 0 || PLACE_INITIALS.has(word.toLowerCase()) || k + 1 >= to || isTitleWord(tokens[k + 1]!.text)) return false;
  return letters === 2 || (k > nameStart && isFirstName(tokens[k - 1]!.text));
}
/** One capital and a full stop ("W."): two or three code units, so longer words skip the pattern. */
const isInitial = (word: string): boolean => word.length <= 3 && /^\p{Lu}\.$/u.test(word);
const joins = (token: Token): boolean => token.joined;
/** A title, hyphenated ones included ("Vice-President", "Secretary-General", "Attorney-General"). */
export const isTitleWord = (word: string): boolean => {
  const lower = bare(word);
  // "Justices Antonin Scalia and …": a plural title is still a title.
  if (TITLE_WORDS.has(lower) || (lower.length > 4 && lower.endsWith('s') && TITLE_WORDS.has(lower.slice(0, -1)))) return true;
  return lower.includes('-') && lower.split('-').every((part) => TITLE_WORDS.has(part) || part === 'elect');
};
/** A title inside a run; an occupation counts too when it opens the sentence ("Striker Kwame Mensah"). */
const isRunTitle = (token: Token, sentenceStart: boolean): boolean => isTitleWord(token.text) || (sentenceStart && ROLE_NOUNS.has(bare(token.text)));

/** A lowercase word naming a role ("negotiator", "activist", "spokeswoman"). */
/** Title words that, written lowercase, are mostly ordinary words ("the major leagues", "in general"). */
const LOWERCASE_NON_ROLES = new Set(['official', 'major', 'general', 'private', 'count', 'crown', 'chair', 'head', 'vice', 'prime', 'justice', 'speaker', 'model', 'host', 'anchor', 'partner', 'fellow', 'rival', 'ally', 'champion', 'forward', 'principal', 'dean']);

export function isRoleNoun(word: string): boolean {
  // Lowercase first letter: decided from the char code for ASCII, by the pattern otherwise.
  const code = word.charCodeAt(0);
  if (code < 0x80 ? code < 97 || code > 122 : !/^\p{Ll}/u.test(word)) return false;
  const lower = word.toLowerCase();
  if (NOT_NAME_WORDS.has(lower) || LOWERCASE_NON_ROLES.has(lower)) return false;
  return TITLE_WORDS.has(lower) || ROLE_NOUNS.has(lower) || (lower.length > 5 && /(?:ist|ian|man|woman|person)$/.test(lower));
}

/** Finds every capitalised run of a sentence and splits off its title. */
export function findNameRuns(tokens: readonly Token[]): NameRun[] {
  const runs: NameRun[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!;
    if (!isCapitalised(token.text)) {
      index++;
      continue;
    }
    let end = index + 1;
    if (!token.possessive) {
      while (end < tokens.length) {
        const next = tokens[end]!;
        if (!joins(next)) break;
        if (isCapitalised(next.text)) {
          end++;
          if (next.possessive) break;
          continue;
        }
        // Particles ("de", "de la", "van der") continue a name only when a capitalised word follows them.
        let particles = end;
        while (particles < tokens.length && NAME_PARTICLES.has(tokens[particles]!.text) && joins(tokens[particles]!) && particles - end < 3) particles++;
        const after = tokens[particles];
        if (particles > end && after && joins(after) && isCapitalised(after.text)) {
          end = particles;
          continue;
        }
        break;
      }
    }
    const run = splitRun(tokens, index, end);
    if (run) runs.push(run);
    index = end;
  }
  return runs;
}

/** Splits tokens[from, to) into title and name, or returns null when no name is left. */
function splitRun(tokens: readonly Token[], from: number, to: number): NameRun | null {
  let first = from;
  // Sentence openers ("Despite", "However") are dropped only where a sentence or clause starts; mid-sentence a
  // capitalised word is a name ("the critic Per Ekdahl"), except months, days and the like.
  const skippable = from === 0 || !tokens[from]!.joined ? NOT_NAME_WORDS : CALENDAR_WORDS;
  while (first < to) {
    const word = tokens[first]!.text;
    if (!skippable.has(bare(word)) || isTitleWord(word) || isAcronym(word)) break;
    // "Will Grant, a retired teacher, said": a given name that is also a common word, closing a two-word run before punctuation.
    if (isFirstName(word) && to - first === 2 && tokens[to] !== undefined && !tokens[to]!.joined) break;
    first++;
  }
  if (first >= to) return null;
  // The name starts after the last title word that still leaves a name, provided nothing before it is a given name.
  let nameStart = first;
  for (let k = to - 2; k >= first; k--) {
    // "Chief Medical Correspondent Sanjay Gupta": an occupation right before a given name is a title anywhere.
    const beforeGiven = ROLE_NOUNS.has(bare(tokens[k]!.text)) && isFirstName(tokens[k + 1]!.text);
    if (!beforeGiven && !isRunTitle(tokens[k]!, k === first && (k === 0 || !tokens[k]!.joined))) continue;
    const prefix = tokens.slice(first, k);
    if (prefix.every((t) => !isFirstName(t.text) || isTitleWord(t.text))) {
      nameStart = k + 1;
      break;
    }
  }
  // Acronyms ("NATO", "CNN") may prefix a title but are never part of a name.
  for (let k = to - 1; k >= nameStart; k--) {
    if (isAcronym(tokens[k]!.text) && !isNameInitials(tokens, k, nameStart, to)) {
      nameStart = k + 1;
      break;
    }
  }
  if (nameStart >= to) return null;
  // "In Moscow Vladimir Putin said": a capitalised word glued before a given name and surname is not part of the name
  // (an initial is: "W. Mark Felt").
  // "Maine Follow Daniel Kish", "Rome Raffaele Sollecito": a dateline or a stray word glued before the name at a sentence start.
  if (nameStart === first && to - first >= 3) {
    const given = tokens.slice(first + 1, to - 1).findIndex((token) => isFirstName(token.text));
    const glued = given >= 0 && tokens.slice(first, first + 1 + given).every((token) => !isFirstName(token.text) && !isInitial(token.text) && !NAME_PARTICLES.has(token.text.toLowerCase()));
    const shift = glued ? given + 1 : from === 0 ? datelineLength(tokens, first, to) : 0;
    first += shift;
    nameStart += shift;
  }
  let titleTokens = tokens.slice(first, nameStart);
  let aliasFirst = first;
  // A lowercase role noun right before the name: "negotiator Vladimir Medinsky", "City manager Ruth Callahan".
  if (titleTokens.length === 0) {
    const roleTokens = roleBefore(tokens, from);
    if (roleTokens.length > 0) {
      titleTokens = roleTokens;
      aliasFirst = from - roleTokens.length;
    }
  }
  const nameTokens = tokens.slice(nameStart, to);
  const words = nameTokens.map((t) => t.text);
  const titled = titleTokens.some((t) => isTitleWord(t.text) || isRoleNoun(t.text) || ROLE_NOUNS.has(bare(t.text)));
  // "Vice President", "Prime Minister" are titles alone; "Dr King", "Mr. Shah" are names.
  const honorific = titleTokens.some((t) => HONORIFICS.has(bare(t.text)));
  if (!honorific && words.every((word) => TITLE_WORDS.has(bare(word)) || ROLE_NOUNS.has(bare(word)))) return null;
  if (!plausibleName(words.filter((_, k) => !isNameInitials(tokens, nameStart + k, nameStart, to)), titled)) return null;
  const roleWords = titleTokens.map((t) => t.text).filter((word) => !/^(?:mr|mrs|ms|miss|mx|dr)\.?$/i.test(word));
  let honorificGender: 'male' | 'female' | null = null;
  for (const t of titleTokens) honorificGender = HONORIFIC_GENDER.get(bare(t.text)) ?? honorificGender;
  return {
    words,
    start: nameTokens[0]!.start,
    end: nameTokens[nameTokens.length - 1]!.end,
    aliasStart: tokens[aliasFirst]!.start,
    role: roleWords.length > 0 ? roleWords.join(' ').toLowerCase() : null,
    honorificGender,
    honorific: titleTokens.map((token) => bare(token.text)).find((word) => HONORIFICS.has(word)) ?? null,
    titled,
    nextToken: to,
    firstToken: aliasFirst,
  };
}

/** Words of a place opening the run ("Los Angeles", "Rome") when at least two name words follow. */
function datelineLength(tokens: readonly Token[], first: number, to: number): number {
  for (const length of [2, 1]) {
    if (to - first - length < 2) continue;
    const place = tokens.slice(first, first + length).map((token) => token.text.toLowerCase()).join(' ');
    if (DATELINE_PLACES.has(place)) return length;
  }
  return 0;
}

/** Lowercase role words just before a capitalised run, with their modifiers (at most four words). */
function roleBefore(tokens: readonly Token[], runStart: number): Token[] {
  const head = tokens[runStart - 1];
  if (!head || !joins(tokens[runStart]!) || head.possessive || !isRoleNoun(head.text)) return [];
  let first = runStart - 1;
  while (first > 0 && runStart - first < 4) {
    const previous = tokens[first - 1]!;
    if (!joins(tokens[first]!) || previous.possessive) break;
    const lower = previous.text.toLowerCase();
    if (NOT_NAME_WORDS.has(lower) || /^\p{N}/u.test(lower)) break;
    first--;
  }
  return tokens.slice(first, runStart);
}

/** Rejects runs that read as places, organisations or things. */
function plausibleName(words: readonly string[], titled: boolean): boolean {
  const lower = words.map(bare);
  // "Sen. Lindsey Graham, R-South Carolina,": a party and state tag is not a name.
  if (/^[RDI]-\p{Lu}/u.test(words[0] ?? '')) return false;
  // "I'm Jewish", "Wouldn't al-Assad": contractions are not names.
  if (lower.some((word) => /(?:n['’]t|['’](?:m|re|ve|ll|d))$/.test(word))) return false;
  if (lower.some((word, position) => (position > 0 && NOT_NAME_WORDS.has(word)) || CALENDAR_WORDS.has(word))) return false;
  if (words.some((word) => isAcronym(word))) return false;
  // "Paris France", "Atlantic Canada", "Puerto Ricans", "Labour MPs": a place or a group, not a person.
  const last = words[words.length - 1]!;
  if (COUNTRY_WORDS.has(lower[lower.length - 1]!)) return false;
  if (last.endsWith('s') && (/^\p{Lu}{2,}s$/u.test(last) || (words.length > 1 && /^\p{Lu}\p{Ll}*(?:icans|ians|eans)$/u.test(last)))) return false;
  if (!titled && lower.length > 1 && PLACE_PREFIXES.has(lower[0]!)) return false;
  const firstIsGiven = isFirstName(words[0]!);
  return lower.every((word, position) => {
    if (!NON_PERSON_WORDS.has(word)) return true;
    // "Bill Clinton", "Grant Shapps": a given name that is also a common noun opens a name.
    if (position === 0 && firstIsGiven && lower.length >= 2) return true;
    const last = position === lower.length - 1;
    return last && position === 1 && (firstIsGiven || titled) && SURNAME_LIKE_NON_PERSON_WORDS.has(word);
  });
}

/** True when the word looks like a nationality or country abbreviation ("Russian", "U.S."). */
export const isDemonym = (word: string): boolean => DEMONYM_PATTERN.test(word);

/** Name words that count as a name: particles and initials do not. */
export const significantWords = (words: readonly string[]): string[] =>
  words.filter((word, position) => !NAME_PARTICLES.has(word) && !isInitial(word) && !(position > 0 && isGenerationSuffix(word)));

/** "Jr.", "Sr.", "III": part of a full name, but not its surname ("Martin Luther King Jr." is King). */
export const isGenerationSuffix = (word: string): boolean => word.length <= 4 && /^(?:jr|sr|ii|iii|iv)\.?$/i.test(word);
