/**
 * Who a speaker phrase refers to: a person of the article (by name, pronoun or role), an organisation
 * ("the ministry", "Politico") or an unnamed source ("a diplomat", "officials").
 * Pronouns go to the most recent compatible person named outside quote marks, preferring the subject
 * (the first person named) of the nearest sentence that names one.
 */
import type { Mention } from './people.js';
import type { SegmentKind } from './frames.js';
import {
  DEMONYM_PATTERN, FORMER_ROLE, GENERIC_SPEAKER_NOUNS, LEADER_TITLES, NOT_NAME_WORDS, ORGANIZATION_NOUNS, ROLE_NOUNS, TITLE_WORDS, genderOfRoleWord,
} from './nameLexicon.js';
import { ALL_SPEECH_VERBS } from './speechVerbs.js';
import type { ArticlePerson, Gender } from './types.js';

export type SpeakerRef =
  | { type: 'person'; person: number }
  | { type: 'organization' | 'unnamed'; phrase: string };

// A Map, so that a phrase such as "constructor" is not read as an inherited key.
const PRONOUN_GENDER = new Map<string, Gender | 'plural'>([['he', 'male'], ['she', 'female'], ['they', 'plural'], ['we', 'plural'], ['i', 'plural'], ['it', 'plural']]);
const LONGEST_PRONOUN = Math.max(...[...PRONOUN_GENDER.keys()].map((key) => key.length));
/** The pronoun a whole phrase is, if any; a long phrase is not lowercased only to miss. */
const pronounOf = (text: string): Gender | 'plural' | undefined => (text.length <= LONGEST_PRONOUN ? PRONOUN_GENDER.get(text.toLowerCase()) : undefined);
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'some', 'two', 'three', 'four', 'five', 'several', 'many', 'most', 'few', 'other', 'others', 'numerous', 'multiple', 'any', 'no', 'both', 'all', 'each', 'dozens', 'hundreds', 'thousands']);
const DEFINITE = new Set(['the', 'his', 'her', 'its', 'their', 'our', 'this', 'that']);
const APPOSITIVE_START = new Set([...INDEFINITE, ...DEFINITE, 'who', 'whose', 'which', 'whom', 'himself', 'herself', 'speaking', 'citing']);
const LEADING = /^(?:(?:and|but|yet|so|as|while|although|though|because|since|however|also)\s+)+/i;
const HEAD_END = /\s(?:of|for|at|with|from|in|on|who|whose|which|to|and|close|familiar)\b/;
/** The modifier of a speaker phrase that says its role is past ("the former president", "the ex-minister"). */
const FORMER_MODIFIER = /^(?:former|ex|ex-\S*)$/;
/** How many sentences back a pronoun may reach. */
const PRONOUN_REACH = 5;

interface PlacedMention {
  /** Index into people, or -1 for an unnamed speaker ("a neighbour said …"). */
  person: number;
  /** For an unnamed speaker: the phrase and the gender its noun tells. */
  phrase?: string;
  gender?: Gender;
  start: number;
  end: number;
  aliasStart: number;
  sentence: number;
}

export class SpeakerResolver {
  private readonly mentions: PlacedMention[];

  constructor(
    private readonly body: string,
    private readonly people: readonly ArticlePerson[],
    mentions: readonly Mention[],
    private readonly inQuote: (position: number) => boolean,
    private readonly sentenceOf: (position: number) => number,
    /** False for a sentence entirely inside quote marks: it does not count towards a pronoun's reach. */
    private readonly narrated: (sentence: number) => boolean = () => true,
    /** Offset where a sentence starts, to see whether it opens with a pronoun. */
    private readonly sentenceStart: (sentence: number) => number = () => -1,
  ) {
    this.mentions = mentions.filter((mention) => !inQuote(mention.start)).map((mention) => ({ ...mention }));
    this.mentions.sort((a, b) => a.start - b.start);
  }

  /** classify's answers by range: the frame rules ask about the same piece several times. */
  private readonly kinds = new Map<number, SegmentKind>();

  /**
   * What a piece of a speaker phrase is: used to skip appositives ("X, a lawyer with Y, said").
   * It reads only the body and the article's own mentions (record() adds none that it sees), so it is remembered.
   */
  readonly classify = (start: number, end: number): SegmentKind => {
    const key = start * 0x4000000 + end;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = this.classifyPiece(start, end);
      this.kinds.set(key, kind);
    }
    return kind;
  };

  private classifyPiece(start: number, end: number): SegmentKind {
    const text = this.body.slice(start, end).trim().replace(LEADING, '');
    // The first word (what text.split(/\s+/)[0] gives), without splitting the whole phrase.
    const space = text.search(/\s/);
    const first = (space < 0 ? text : text.slice(0, space)).toLowerCase();
    if (pronounOf(text) !== undefined) return 'pronoun';
    // A name closing the piece wins ("19-year-old student Lena Fischer", "the elder Mr. Hale").
    if (this.namedPerson(start, end) !== null) return 'person';
    // "Tohti's other lawyer": a role of someone named, in apposition.
    if (/^\p{Lu}[\p{L}'’-]*['’]s\s+\p{Ll}/u.test(text)) return 'appositive';
    if (APPOSITIVE_START.has(first) || /^\p{N}/u.test(first)) return 'appositive';
    // "Sen. Rand Paul, R-Kentucky, said": a party and state tag.
    if (/^[RDI]-\p{Lu}/u.test(text)) return 'appositive';
    if (/^\p{Ll}/u.test(text)) return 'appositive';
    return 'other';
  }

  /** Resolves the phrase at [start, end) to a speaker. */
  /** `reported` are the reported words around the phrase: names in them are not who a pronoun means. */
  resolve(start: number, end: number, reported: ReadonlyArray<readonly [number, number]> = []): SpeakerRef {
    const raw = this.body.slice(start, end);
    const text = raw.trim().replace(LEADING, '');
    const words = text.split(/\s+/);
    const first = words[0]?.toLowerCase() ?? '';
    // "He refused to use power tools, insisting that …": a clause led by a pronoun speaks for that pronoun.
    const pronoun = pronounOf(text) ?? pronounOf(/^(he|she)\s/i.exec(text)?.[1] ?? '');
    if (pronoun !== undefined) {
      if (pronoun === 'plural') return { type: 'unnamed', phrase: text };
      const referent = this.pronoun(start, pronoun, reported);
      if (typeof referent === 'string') return { type: 'unnamed', phrase: referent };
      return referent === null ? { type: 'unnamed', phrase: text } : { type: 'person', person: referent };
    }
    // "her statement said", "Vasquez's letter says": the words are the possessor's.
    const document = DOCUMENT_NOUNS.has(text.slice(text.lastIndexOf(' ') + 1).toLowerCase())
      ? /^(?:(his|her)|(.+?)['’]s?)\s+(?:\p{Ll}+\s+)?\S+$/iu.exec(text)
      : null;
    if (document) {
      const possessorStart = start + raw.indexOf(text);
      const owner = document[1]
        ? this.pronoun(start, document[1].toLowerCase() === 'his' ? 'male' : 'female', reported)
        : this.namedPerson(possessorStart, possessorStart + document[2]!.length);
      if (typeof owner === 'number') return { type: 'person', person: owner };
    }
    const closingName = this.namedPerson(start, end);
    if (closingName !== null) return { type: 'person', person: this.namesakeSpeaking(closingName, text, start) ?? closingName };
    if (INDEFINITE.has(first) || /^\p{N}/u.test(first)) return { type: 'unnamed', phrase: shorten(text) };
    const named = this.leadingPerson(start, end);
    if (named !== null) return { type: 'person', person: named };
    if (DEFINITE.has(first)) {
      const head = text.split(HEAD_END)[0]!.split(/\s+/).slice(1);
      // "the German said", "the 23-year-old said": the most recent person, like a pronoun.
      const noun = head[head.length - 1] ?? '';
      const nationalityNoun = /^(?:French|English|Irish|Scots|Dutch|Welsh)(wo)?man$/.exec(noun);
      if (head.length <= 2 && (/^\d+-year-old$/.test(noun) || nationalityNoun || (/^\p{Lu}/u.test(noun) && DEMONYM_PATTERN.test(noun)))) {
        const referent = this.pronoun(start, nationalityNoun ? (nationalityNoun[1] ? 'female' : 'male') : null, reported);
        if (typeof referent === 'number') return { type: 'person', person: referent };
      }
      const person = this.role(head, start);
      if (person !== null) return { type: 'person', person };
      // "the 34-year-old mother", "the 61-year-old teacher": someone just named, like a pronoun of the noun's gender.
      if (head.length <= 3 && head.some((word) => /^\d+-year-old$/.test(word)) && ROLE_NOUNS.has(noun.toLowerCase())) {
        const referent = this.pronoun(start, genderOfRoleWord(noun.toLowerCase()), reported);
        if (typeof referent === 'number') return { type: 'person', person: referent };
      }
      const headNoun = noun.toLowerCase().replace(/['’]s$/, '');
      return { type: ORGANIZATION_NOUNS.has(headNoun) || /^\p{Lu}/u.test(head[0] ?? '') ? 'organization' : 'unnamed', phrase: shorten(text) };
    }
    if (GENERIC_SPEAKER_NOUNS.has(first)) return { type: 'unnamed', phrase: shorten(text) };
    const last = words[words.length - 1] ?? '';
    if (/^\p{Ll}/u.test(last) && !ORGANIZATION_NOUNS.has(last)) return { type: 'unnamed', phrase: shorten(text) };
    // "U.S.-based Christian rights group China Aid": the name after the organisation noun, not the words before it.
    const afterNoun = /\s(\p{Ll}+)\s+((?:\p{Lu}[\p{L}\p{M}'’.&-]*\s*)+)$/u.exec(text);
    if (afterNoun && ORGANIZATION_NOUNS.has(afterNoun[1]!)) return { type: 'organization', phrase: shorten(afterNoun[2]!.trim()) };
    if (/^\p{Lu}/u.test(text) && !NOT_NAME_WORDS.has(first)) return { type: 'organization', phrase: shorten(leadingCapitalised(text)) };
    return { type: 'unnamed', phrase: shorten(text) };
  }

  /**
   * Notes that someone spoke at a position, so later pronouns can refer to them: a person, or a single
   * unnamed source ("a neighbour", "one teacher") that a following "she said" must not hand to a named person.
   */
  record(speaker: SpeakerRef, position: number): void {
    let entry: PlacedMention;
    if (speaker.type === 'person') {
      entry = { person: speaker.person, start: position, end: position, aliasStart: position, sentence: this.sentenceOf(position) };
    } else {
      // A single unnamed source: "a neighbour", "one teacher", "a woman called 911 and …".
      // … or a definite one the article keeps unnamed ("according to the guard", "the official said").
      const head = /^(?:a|an|one|another|the)\s+((?:[\p{L}-]+\s*){1,3})/iu.exec(speaker.phrase.split(/,| who | of | at | for | with /)[0]!.trim());
      if (head && /^the\s/i.test(speaker.phrase) && /s$/i.test(head[1]!.trim().split(/\s+/).pop() ?? '')) return;
      if (speaker.type !== 'unnamed' || !head) return;
      const gender = head[1]!.split(/\s+/).map((word) => genderOfRoleWord(word) ?? (/^(?:woman|girl|lady)$/i.test(word) ? 'female' : /^(?:man|boy|gentleman)$/i.test(word) ? 'male' : null)).find((found) => found !== null) ?? null;
      entry = { person: -1, phrase: speaker.phrase, gender, start: position, end: position, aliasStart: position, sentence: this.sentenceOf(position) };
    }
    let index = this.mentions.length;
    while (index > 0 && this.mentions[index - 1]!.start > position) index--;
    this.mentions.splice(index, 0, entry);
  }

  /** The person named by the phrase: a mention ending at its end, or starting it (title included). */
  private namedPerson(start: number, end: number): number | null {
    const [from, to] = this.trim(start, end);
    const mentions = this.mentionsWithin(from, this.body[to] === '.' ? to + 1 : to);
    // Most phrases hold no mention: count the words only for those that do.
    const words = mentions.length === 0 ? 0 : this.body.slice(from, to).split(/\s+/).length;
    // A name may end with the full stop trimmed off the phrase ("E.J. Dionne Jr.").
    for (const mention of mentions) {
      // "lawyers for Tsarnaev", "a spokesman of Smith": the name is not the speaker.
      if (namesSomeoneElse(this.body.slice(from, mention.aliasStart))) continue;
      // The phrase may end with an abbreviation's full stop ("Theodore J. Boutrous Jr.").
      if ((mention.end === to || (mention.end === to + 1 && this.body[to] === '.')) && words <= 9) return mention.person;
      // "Okonkwo's coach" names the coach, not Okonkwo.
      if (/^['’]s\b/.test(this.body.slice(mention.end, mention.end + 3))) continue;
      if (mention.aliasStart === from && (words <= 4 || /^\s+(?:of|from|at|with|for|in)\s/.test(this.body.slice(mention.end, mention.end + 7)))) return mention.person;
    }
    return null;
  }

  /**
   * A bare surname that two people of the article share ("Bush said") means the one who has just been speaking,
   * when one of them spoke in this sentence or the two before it.
   */
  private namesakeSpeaking(person: number, text: string, position: number): number | null {
    if (/\s/.test(text)) return null;
    const surname = text.toLowerCase();
    const namesakes = this.people.flatMap((other, index) => (other.name.toLowerCase().split(' ').pop() === surname ? [index] : []));
    if (namesakes.length < 2 || !namesakes.includes(person)) return null;
    const here = this.sentenceOf(position);
    for (let index = this.mentions.length - 1; index >= 0; index--) {
      const mention = this.mentions[index]!;
      if (mention.start >= position || mention.end !== mention.start) continue;
      if (mention.sentence < here - 2) break;
      if (mention.person >= 0) return namesakes.includes(mention.person) ? mention.person : null;
    }
    return null;
  }

  private trim(start: number, end: number): [number, number] {
    let from = start;
    let to = end;
    while (from < to && /[\s,;:]/.test(this.body[from]!)) from++;
    while (to > from && /[\s,.;:]/.test(this.body[to - 1]!)) to--;
    return [from, to];
  }

  /** A long subject that begins with a name: "Trump continues to push … and insists". */
  private leadingPerson(start: number, end: number): number | null {
    const [from, to] = this.trim(start, end);
    const first = this.mentionsWithin(from, to)[0];
    // "Ibrahim's husband told me …" is the husband speaking; "lawyers for Tsarnaev claimed" the lawyers.
    if (!first || /^['’]s\b/.test(this.body.slice(first.end, first.end + 3))) return null;
    if (namesSomeoneElse(this.body.slice(from, first.aliasStart))) return null;
    if (first.aliasStart === from) return first.person;
    // "Consumer safety advocate Mark Delaney welcomed …": a few modifiers, then the name, then its verb.
    const lead = this.body.slice(from, first.aliasStart);
    const modifiers = lead.trim().split(/\s+/);
    const followedByVerb = /^\s+(?!who\b|which\b|and\b|or\b|of\b)\p{Ll}/u.test(this.body.slice(first.end, first.end + 20));
    return modifiers.length <= 4 && !/[,;:]/.test(lead) && !/^(?:a|an|one|another|some|the)$/i.test(modifiers[0] ?? '') && followedByVerb ? first.person : null;
  }

  /** Index of the first mention starting at or after `position`, by binary search (mentions are sorted by start). */
  private firstAtOrAfter(position: number): number {
    let low = 0;
    let high = this.mentions.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.mentions[middle]!.start < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private mentionsWithin(start: number, end: number): PlacedMention[] {
    const low = this.firstAtOrAfter(start);
    const found: PlacedMention[] = [];
    for (let index = low; index < this.mentions.length && this.mentions[index]!.start < end; index++) {
      const mention = this.mentions[index]!;
      if (mention.end <= end && mention.end > mention.start) found.push(mention);
    }
    return found;
  }

  /** "the mayor", "the Russian leader", "the spokeswoman": the latest person with that role. */
  private role(words: readonly string[], position: number): number | null {
    const lowered = words.map((word) => word.toLowerCase().replace(/['’]s$/, ''));
    const head = lowered[lowered.length - 1];
    // "His mom, Laura, …" makes "his mom said" hers: a relation the article gave someone counts like a role noun.
    const phrase = lowered.join(' ');
    const plural = head !== undefined && /[^s]s$/.test(head);
    const givenRelation = !plural && this.people.some((person) => person.roles.includes(phrase));
    if (!head || !(TITLE_WORDS.has(head) || ROLE_NOUNS.has(head) || LEADER_TITLES.has(head) || givenRelation)) return null;
    // An age says nothing about the role: "the 64-year-old union leader" is the union leader.
    const modifiers = lowered.slice(0, -1).filter((word) => !/^\d+-year-old$/.test(word));
    const headGender = genderOfRoleWord(head);
    const honorific = HONORIFIC_OF_ROLE[head];
    const matches = (person: ArticlePerson, index: number, wanted: readonly string[], sameHead = false): boolean =>
      (honorific !== undefined && wanted.length === 0 && person.aliases.some((alias) => honorific.test(alias))) ||
      [...person.roles, ...this.appositives(index)].some((role) => {
        const roleWords = role.split(/\s+/).map((word) => ROLE_ABBREVIATIONS.get(word) ?? word);
        const roleHead = roleWords[roleWords.length - 1]!;
        // "former Presidents Jimmy Carter and Bill Clinton" does not make Carter alone "the former president".
        const pluralOfHead = roleHead === `${head}s` || roleHead === `${head}es`;
        const headMatches = sameHead ? roleHead === head : !pluralOfHead && (roleHead === head || role.includes(head) || (LEADER_TITLES.has(head) && LEADER_TITLES.has(roleHead)));
        return headMatches && wanted.every((modifier) => roleWords.some((word) => word.slice(0, 4) === modifier.slice(0, 4)));
      }) || (!sameHead && headGender !== null && person.gender === headGender && person.roles.some((role) => role.includes(head)));
    const matchingWith = (wanted: readonly string[], sameHead = false): number[] =>
      this.people.map((person, index) => (matches(person, index, wanted, sameHead) ? index : -1)).filter((index) => index >= 0);
    const former = modifiers.some((modifier) => FORMER_MODIFIER.test(modifier));
    let matching = matchingWith(modifiers);
    // "the former president" of a man the article never called former: the president it has been talking about
    // (the very title, not a kindred one: "the former head of the council" is nobody's "president").
    if (matching.length === 0 && former) matching = matchingWith(modifiers.filter((modifier) => !FORMER_MODIFIER.test(modifier)), true);
    // "the president" beside "former President Bush" is the one in office, when the article has one.
    const formerOnly = (index: number): boolean =>
      [...this.people[index]!.roles, ...this.appositives(index)].filter((role) => role.includes(head)).every((role) => FORMER_ROLE.test(role));
    const current = former ? matching : matching.filter((index) => !formerOnly(index));
    const candidates = new Set(current.length > 0 ? current : matching);
    if (candidates.size === 0) return null;
    let best: number | null = null;
    for (const mention of this.mentions) {
      if (mention.start >= position) break;
      if (candidates.has(mention.person)) best = mention.person;
    }
    return best ?? (candidates.size === 1 ? [...candidates][0]! : null);
  }

  private appositiveCache: Map<number, string[]> | null = null;

  /** What the article says a person is, in apposition after a name: "Lisa Ng, president of the pilots' union," */
  private appositives(person: number): string[] {
    if (!this.appositiveCache) {
      this.appositiveCache = new Map();
      for (const mention of this.mentions) {
        if (mention.person < 0 || mention.end === mention.start) continue;
        const after = /^,\s+(?:(?:a|an|the)\s+)?(\p{Ll}[^,.;:"“”]{2,60}?)(?:,|\.|;|$)/u.exec(this.body.slice(mention.end, mention.end + 70));
        // "CNN's Sam Reed, the former president said …": a phrase that goes on into a speech verb is a subject, not an appositive.
        if (!after || after[1]!.split(' ').some((word) => ALL_SPEECH_VERBS.has(word))) continue;
        const list = this.appositiveCache.get(mention.person) ?? [];
        list.push(after[1]!.toLowerCase());
        this.appositiveCache.set(mention.person, list);
      }
    }
    return this.appositiveCache.get(person) ?? [];
  }

  /** he/she → the most recent compatible person named before the position, outside quotes. */
  private pronoun(position: number, gender: Gender, reported: ReadonlyArray<readonly [number, number]>): number | string | null {
    const here = this.sentenceOf(position);
    const genderOf = (mention: PlacedMention): Gender => (mention.person < 0 ? mention.gender ?? null : this.people[mention.person]?.gender ?? null);
    const referent = (mention: PlacedMention): number | string => (mention.person < 0 ? mention.phrase ?? '' : mention.person);
    // The latest mention before the position (mentions are sorted by start).
    let index = this.firstAtOrAfter(position) - 1;
    let reach = PRONOUN_REACH;
    for (let sentence = here; reach >= 0 && index >= 0; sentence--) {
      if (this.narrated(sentence)) reach--;
      const inSentence: PlacedMention[] = [];
      while (index >= 0 && this.mentions[index]!.sentence === sentence) inSentence.unshift(this.mentions[index--]!);
      const usable = inSentence.filter((mention) => !reported.some(([from, to]) => mention.start >= from && mention.start < to));
      // "He recalled the case of X." — a sentence led by the same pronoun is about the same person: look further back.
      const ledBySamePronoun = sentence !== here && this.opensWithPronoun(sentence, gender);
      // Someone who spoke in that sentence (a recorded speaker) is its subject: they come first.
      const speakers = usable.filter((mention) => mention.end === mention.start);
      const candidates = ledBySamePronoun ? speakers : [...speakers, ...usable.filter((mention) => mention.end !== mention.start)];
      if (candidates.length === 0) continue;
      // The subject of that sentence first: named at its start, or right after an opening phrase and a comma.
      // A named subject of unknown gender beats a name of the right gender elsewhere in the sentence ("…," said Per
      // Liljas, who was with Horner … . "He …, he said.": Liljas). An unnamed subject ("the incident") does not.
      const subjects = candidates.filter((mention) => this.isSubjectMention(mention));
      const compatible = (mention: PlacedMention): boolean => gender === null || genderOf(mention) === gender;
      const chosen =
        subjects.find(compatible) ??
        subjects.find((mention) => mention.person >= 0 && genderOf(mention) === null) ??
        candidates.find(compatible) ??
        candidates.find((mention) => genderOf(mention) === null);
      if (chosen) return referent(chosen);
    }
    return null;
  }

  private isSubjectMention(mention: PlacedMention): boolean {
    if (mention.end === mention.start) return true;
    const start = this.sentenceStart(mention.sentence);
    const before = this.body.slice(Math.max(start, mention.aliasStart - 3), mention.aliasStart);
    const after = this.body.slice(mention.end, mention.end + 24);
    // At the start, or after at most three modifiers ("Colombian rider Andrés Vargas took …").
    const lead = this.body.slice(start, mention.aliasStart).trim();
    const opensSentence = lead === '' || (!/[,;:]/.test(lead) && lead.split(/\s+/).length <= 3 && !/^(?:a|an|the|in|on|at|for|with|after|before|when|while|as|by|from|to|of)$/i.test(lead.split(/\s+/)[0]!));
    // Followed by a verb-like lowercase word (not "who", "and", "of", nor a possessive).
    return (opensSentence || /,\s$/.test(before)) && /^\s+(?!who\b|which\b|and\b|or\b|of\b)\p{Ll}/u.test(after);
  }

  private opensWithPronoun(sentence: number, gender: Gender): boolean {
    const start = this.sentenceStart(sentence);
    if (start < 0) return false;
    const opening = /^(?:[^,.]{0,50},\s+)?(he|she)\b/i.exec(this.body.slice(start, start + 80));
    return opening !== null && (opening[1]!.toLowerCase() === 'he' ? 'male' : 'female') === gender;
  }
}

/**
 * "lawyers for Tsarnaev", "a spokesman of Smith": the words before the name make it someone else's, unless they
 * are the name's own title ("Secretary of State Hillary Clinton", "Minister for Europe Jo Hale").
 */
function namesSomeoneElse(lead: string): boolean {
  if (!/\b(?:for|of|at|with|from|to|by|behind|against)\s+(?:\S+\s+){0,3}$/i.test(lead)) return false;
  const words = lead.trim().split(/\s+/);
  const ownTitle = TITLE_WORDS.has(words[0]!.toLowerCase()) && words.every((word) => /^\p{Lu}/u.test(word) || /^(?:of|for|the)$/.test(word));
  return !ownTitle;
}

/** What a person writes or files: "her statement said" reports the person's words. */
const DOCUMENT_NOUNS = new Set(['statement', 'letter', 'memo', 'email', 'e-mail', 'tweet', 'post', 'message', 'note', 'speech', 'remarks',
  'testimony', 'affidavit', 'memoir', 'book', 'website', 'blog', 'lawsuit', 'complaint', 'filing']);

/** Role nouns that an honorific before a name also says: "the doctor" is the one called Dr. */
/** Titles abbreviated before a name, so that "Sen. Tom Hale" is "the senator" and "Lt. Gen. Ray Odom" "the general". */
const ROLE_ABBREVIATIONS = new Map([
  ['sen.', 'senator'], ['gov.', 'governor'], ['rep.', 'representative'], ['gen.', 'general'], ['lt.', 'lieutenant'], ['col.', 'colonel'],
  ['maj.', 'major'], ['capt.', 'captain'], ['sgt.', 'sergeant'], ['adm.', 'admiral'], ['cmdr.', 'commander'], ['det.', 'detective'],
  ['insp.', 'inspector'], ['supt.', 'superintendent'], ['atty.', 'attorney'], ['sec.', 'secretary'], ['pres.', 'president'],
]);
const HONORIFIC_OF_ROLE: Record<string, RegExp> = { doctor: /^dr\.?\s/i, professor: /^prof(?:essor|\.)?\s/i };

/** A speaker phrase for display: cut before a verb or a new clause ("A woman called 911 and …" → "A woman"). */
function shorten(text: string): string {
  const words = text.split(/\s+/);
  const cut = words.findIndex((word, index) => index >= 2 && (/^(?:and|but|who|which|that|is|was|has|had)$/i.test(word) || (/^\p{Ll}+ed$/u.test(word) && !/^(?:based|related|concerned|involved)$/.test(word))));
  const kept = cut > 0 ? words.slice(0, cut) : words;
  return kept.length > 8 ? `${kept.slice(0, 8).join(' ')}…` : kept.join(' ');
}

function leadingCapitalised(text: string): string {
  const match = /^(?:(?:\p{Lu}[\p{L}\p{M}'’.&-]*|of|the|and|for)\s*)+/u.exec(text);
  return (match?.[0] ?? text).trim();
}
