/**
 * Reporting frames in one stretch of text whose quotes are masked: who speaks (the speaker phrase) and
 * what is reported (the content), for every speech verb and every "according to".
 *
 *   preposed      X said (that) CONTENT / X said: “…” / X told reporters on Monday that CONTENT
 *   postposed     CONTENT, X said. / “…,” said X, a lawyer.
 *   parenthetical CONTENT, X said, CONTENT / “…,” X said, “…”
 *   participle    X did something, noting that CONTENT
 *   according     According to X, CONTENT / CONTENT, according to X.
 */
import {
  CLAUSE_STARTERS, FREE_CLAUSE_VERBS, MIXED_ONLY_VERBS, PARTICIPLE_VERBS, QUOTE_ONLY_VERBS, SUBJECT_PRONOUNS,
  THAT_CLAUSE_VERBS,
} from './speechVerbs.js';
import { GENERIC_SPEAKER_NOUNS, TITLE_WORDS } from './nameLexicon.js';
import { codeUnits, isWordCodePoint, wordRunEnd } from './wordChars.js';

/** The character that replaces quoted text (marks included) in the masked body. */
export const QUOTE_MASK = '\uE000';

export interface FrameToken {
  kind: 'word' | 'quote' | 'punct';
  text: string;
  /** A word's text lowercased once here ('' for quotes and punctuation): the frame rules compare it many times. */
  lower: string;
  start: number;
  end: number;
}

export type SegmentKind = 'person' | 'pronoun' | 'appositive' | 'other';

export interface Frame {
  verb: string;
  verbStart: number;
  /** Comma-separated pieces of the speaker phrase; `speaker` is the one chosen as the speaker. */
  speaker: [number, number];
  /** What is reported: one range, or two around a parenthetical "X said". */
  content: Array<[number, number]>;
  /** True when the verb only frames partial quotes ("called the plan “…”"). */
  mixedOnly: boolean;
  /** True when the verb attributes quotes but introduces no reported clause ("asked", "continued"). */
  quoteOnly: boolean;
  /** Where this frame's own words start, when they follow an "and"/"but" inside the previous frame's content. */
  clauseStart?: number;
  /** "X said:" closing a paragraph: the quote that opens the next paragraph is the content. */
  introducesNext?: boolean;
}

/** For a verb followed by a quote (after a comma or colon), the index of the word that opens its clause, or -1. */
function nestedQuoteIntro(tokens: readonly FrameToken[], verb: number): number {
  let next = verb + 1;
  if (tokens[next]?.kind === 'punct' && (tokens[next]!.text === ',' || tokens[next]!.text === ':')) next++;
  if (tokens[next]?.kind !== 'quote') return -1;
  for (let k = verb - 1; k >= 0 && verb - k <= 6; k--) {
    if (isComma(tokens[k]) || NESTED_CLAUSE_OPENERS.has(lower(tokens[k]))) return k;
  }
  return -1;
}

/** Participles that take a bare clause, like "said": "…, saying the younger man was …". */
const FREE_PARTICIPLES = new Set(['saying', 'adding', 'noting', 'telling']);
const COORDINATORS = new Set(['and', 'but', 'while', 'whereas', 'although', 'though']);
const NESTED_CLAUSE_OPENERS = new Set(['when', 'that', 'as', 'and', 'but', 'because', 'after', 'before', 'while', 'if', 'where', 'until']);

/**
 * A speech verb inside the content of the previous frame starts a new frame when it follows "and"/"but",
 * alone ("called it “…” and said …") or with a short subject ("…, but he warned that …").
 * Returns the index of the conjunction, or -1.
 */
function coordination(tokens: readonly FrameToken[], verb: number): number {
  for (let k = verb - 1; k >= 0 && verb - k <= 4; k--) {
    const word = lower(tokens[k]);
    if (COORDINATORS.has(word)) return k;
    if (tokens[k]!.kind !== 'word' || CLAUSE_STARTERS.has(word) && !SUBJECT_PRONOUNS.has(word) && k !== verb - 1) return -1;
  }
  return -1;
}

/** Single punctuation tokens. */
const PUNCTUATION = new Set([',', ':', ';', '—', '–', '!', '?', '.']);
const isWordOrSign = (codePoint: number): boolean => isWordCodePoint(codePoint) || codePoint === 36 || codePoint === 37;

/** Abbreviations whose full stop does not end anything ("Dr.", "U.S.", "J."). */
const ABBREVIATION = /^(?:(?:\p{L}\.)+\p{L}?|\p{Lu}|mr|mrs|ms|dr|jr|sr|st|gen|sen|rep|gov|lt|col|maj|capt|sgt|adm|rev|prof|det|no|vs|inc|corp|co|ltd|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/iu;

export function lex(text: string, offset: number): FrameToken[] {
  const tokens: FrameToken[] = [];
  for (let at = 0; at < text.length;) {
    const codePoint = text.codePointAt(at)!;
    const from = at;
    const start = offset + at;
    if (text[at] === QUOTE_MASK) {
      while (text[at] === QUOTE_MASK) at++;
      tokens.push({ kind: 'quote', text: text.slice(from, at), lower: '', start, end: offset + at });
    } else if (isWordOrSign(codePoint)) {
      at = lexWordEnd(text, at);
      const value = text.slice(from, at);
      if (value.endsWith('.') && !ABBREVIATION.test(value)) {
        const word = value.slice(0, -1);
        tokens.push({ kind: 'word', text: word, lower: word.toLowerCase(), start, end: start + value.length - 1 });
        tokens.push({ kind: 'punct', text: '.', lower: '', start: start + value.length - 1, end: start + value.length });
      } else {
        tokens.push({ kind: 'word', text: value, lower: value.toLowerCase(), start, end: start + value.length });
      }
    } else if (PUNCTUATION.has(text[at]!)) {
      at++;
      tokens.push({ kind: 'punct', text: text[from]!, lower: '', start, end: start + 1 });
    } else {
      at += codeUnits(codePoint);
    }
  }
  return tokens;
}

/**
 * End of a word as /[\p{L}\p{M}\p{N}$%]+(?:['’\-.,][\p{L}\p{M}\p{N}]+)*\.?/u matches it: inner apostrophes,
 * hyphens, points and commas ("U.S", "1,200", "3.5") stay in the word, and one final full stop.
 */
function lexWordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    if (!isWordOrSign(codePoint)) break;
    end += codeUnits(codePoint);
  }
  while (end < text.length && INNER_MARKS.includes(text[end]!)) {
    const after = wordRunEnd(text, end + 1);
    if (after === end + 1) break;
    end = after;
  }
  return text[end] === '.' ? end + 1 : end;
}

const INNER_MARKS = "'’-.,";

const lower = (token: FrameToken | undefined): string => token?.lower ?? '';
const TELL_VERBS = new Set(['told', 'tells', 'tell', 'informed', 'informs', 'assured', 'assures', 'reminded', 'reminds']);
/** Words before a verb form that make it something else: "to say", "never said", "the alleged victim", "was told". */
const BLOCKERS = new Set(['to', 'not', "n't", 'never', 'when', 'if', 'once', 'who', 'which', 'whom', 'be', 'been', 'being', 'was', 'were', 'is', 'are',
  'the', 'a', 'an', 'his', 'her', 'its', 'their', 'this', 'that', 'these', 'those', 'our', 'my', 'your']);
const TRAILING_AUX = new Set(['has', 'have', 'had', 'also', 'later', 'then', 'repeatedly', 'previously', 'already', 'again',
  'often', 'recently', 'publicly', 'privately', 'earlier', 'once', 'twice', 'would', 'will', 'could', 'may', 'might',
  'did', 'does', 'do', 'has', 'only', 'just', 'even', 'further', 'firmly', 'flatly', 'simply', 'reportedly', 'still',
  'frequently', 'initially', 'first', 'finally', 'quickly', 'openly', 'explicitly', 'specifically', 'now']);
const LEADING_CONJUNCTIONS = new Set(['and', 'but', 'yet', 'so', 'as', 'while', 'although', 'though', 'because', 'since', 'whereas', 'however', 'meanwhile', 'also']);
const PREPOSITIONS = new Set(['on', 'in', 'at', 'for', 'during', 'after', 'before', 'via', 'with', 'from', 'by', 'over', 'under', 'through', 'last', 'this', 'earlier', 'late', 'later', 'again', 'repeatedly', 'previously', 'recently', 'today', 'yesterday', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'privately', 'publicly', 'separately', 'also', 'then', 'once', 'twice', 'now', 'shortly', 'afterwards', 'afterward', 'told']);
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'that']);
const OBJECT_WORDS = new Set(['him', 'her', 'them', 'us', 'me', 'you', 'reporters', 'journalists', 'lawmakers', 'legislators', 'members', 'delegates', 'deputies', 'parliament', 'congress', 'supporters', 'students', 'viewers', 'listeners', 'readers', 'attendees', 'investors', 'analysts', 'officials', 'residents', 'police', 'investigators', 'prosecutors', 'jurors', 'senators', 'colleagues', 'staff', 'employees', 'workers']);
/** "a tweet that was shared": after these, "that" opens a relative clause, not reported speech. */
const RELATIVE_AFTER_THAT = new Set(['was', 'were', 'is', 'are', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'went', 'made', 'said', 'drew', 'got', 'became']);
/** Words that open an adverbial after "“…,” X said" (while standing, as he left, pointing at the map). */
const ADVERBIAL_OPENERS = new Set(['while', 'whilst', 'as', 'when', 'because', 'since', 'though', 'although', 'before', 'after', 'standing',
  'speaking', 'sitting', 'pointing', 'looking', 'gesturing', 'smiling', 'laughing', 'shaking', 'holding', 'walking', 'wearing', 'referring', 'choking', 'fighting']);
const NP_LINKS = new Set(['of', 'for', 'with', 'at', 'in', 'on', 'from', 'by']);
const NOT_CLAUSE = new Set(['to', 'of', 'about', 'so', 'nothing', 'yes', 'no', 'goodbye', 'hello', 'sorry', 'otherwise', 'little', 'much', 'more', 'less', 'for', 'with', 'by', 'as', 'into', 'than', 'and', 'or', 'but']);

/**
 * Finds the frames of one masked stretch of text (a sentence with its quotes masked).
 * `classify` tells what a piece of the speaker phrase is (a person's name, a pronoun, an appositive...).
 */
export function findFrames(tokens: readonly FrameToken[], classify: (start: number, end: number) => SegmentKind): Frame[] {
  const frames: Frame[] = [];
  let left = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'quote' && isDash(tokens[i + 1]) && tokens[i + 2]?.kind === 'word') {
      const end = phraseEnd(tokens, i + 2);
      frames.push(frame('—', tokens[i + 1]!.start, [tokens[i + 2]!.start, tokens[end - 1]!.end], [[token.start, token.end]]));
      left = end;
      continue;
    }
    if (token.kind !== 'word') continue;
    const word = token.lower;
    if (word === 'according' && lower(tokens[i + 1]) === 'to') {
      const made = according(tokens, i, left);
      if (made) {
        frames.push(made.frame);
        left = made.next;
        i = made.next - 1;
      }
      continue;
    }
    // "as Hélène puts it, “…”"; "“…,” the patient called out" (not "called the plan …", which is mixed).
    const verbClass =
      ((word === 'put' || word === 'puts') && lower(tokens[i + 1]) === 'it') || ((word === 'called' || word === 'calls') && lower(tokens[i + 1]) === 'out')
        ? 'quote'
        : classOf(word);
    // "won't say", "can't say": a negated verb reports nothing.
    if (!verbClass || BLOCKERS.has(lower(tokens[i - 1])) || /n['’]t$/.test(lower(tokens[i - 1]))) continue;
    // "the United States", "Capitol Hill Notes": a capitalised verb form after a capitalised word is part of a name.
    if (isCapitalisedWord(token) && isCapitalisedWord(tokens[i - 1])) continue;
    if (verbClass === 'participle') {
      const made = participle(tokens, i, left, classify);
      if (made) frames.push(made);
      continue;
    }
    // Inside reported words, "… when the singer said, “…”" still gives the quote its own speaker.
    const coordinated = i < left ? coordination(tokens, i) ?? -1 : -1;
    const nested = i < left && coordinated < 0 ? nestedQuoteIntro(tokens, i) : -1;
    if (i < left && coordinated < 0 && nested < 0) continue;
    if (nested >= 0) {
      const made = finiteFrame(tokens, i, nested + 1, verbClass, classify);
      if (made) {
        made.frame.clauseStart = tokens[nested]!.start;
        frames.push(made.frame);
        left = made.next;
      }
      continue;
    }
    const previous = frames[frames.length - 1];
    const made = coordinated >= 0 && coordinated === i - 1 && previous
      ? finiteFrame(tokens, i, i, verbClass, classify, previous.speaker)
      : finiteFrame(tokens, i, coordinated >= 0 ? coordinated + 1 : left, verbClass, classify);
    if (made) {
      if (coordinated >= 0) made.frame.clauseStart = tokens[coordinated]!.start;
      frames.push(made.frame);
      left = made.next;
    }
  }
  trimContents(frames);
  return frames;
}

type VerbClass = 'free' | 'that' | 'quote' | 'mixed' | 'participle';

/** Each speech verb's class, the first list holding it deciding: one lookup per word instead of five. */
const VERB_CLASSES = new Map<string, VerbClass>();
for (const [verbs, verbClass] of [
  [FREE_CLAUSE_VERBS, 'free'], [THAT_CLAUSE_VERBS, 'that'], [QUOTE_ONLY_VERBS, 'quote'], [MIXED_ONLY_VERBS, 'mixed'], [PARTICIPLE_VERBS, 'participle'],
] as const) {
  for (const verb of verbs) if (!VERB_CLASSES.has(verb)) VERB_CLASSES.set(verb, verbClass);
}

function classOf(word: string): VerbClass | null {
  return VERB_CLASSES.get(word) ?? null;
}

const isDash = (token: FrameToken | undefined): boolean => token?.kind === 'punct' && (token.text === '—' || token.text === '–');
const isComma = (token: FrameToken | undefined): boolean => token?.kind === 'punct' && token.text === ',';
const isEnd = (token: FrameToken | undefined): boolean => token === undefined || (token.kind === 'punct' && '.!?;'.includes(token.text));

function frame(verb: string, verbStart: number, speaker: [number, number], content: Array<[number, number]>, verbClass: VerbClass = 'free'): Frame {
  return { verb, verbStart, speaker, content, mixedOnly: verbClass === 'mixed', quoteOnly: verbClass === 'quote' };
}

/** End (exclusive token index) of a noun phrase after a verb: up to a comma, end mark or quote. */
function phraseEnd(tokens: readonly FrameToken[], from: number): number {
  let end = from;
  while (end < tokens.length && tokens[end]!.kind === 'word' && end - from < 12) end++;
  return end;
}

function according(tokens: readonly FrameToken[], i: number, left: number): { frame: Frame; next: number } | null {
  const speakerStart = i + 2;
  if (tokens[speakerStart]?.kind !== 'word') return null;
  const speakerEnd = phraseEnd(tokens, speakerStart);
  const speaker: [number, number] = [tokens[speakerStart]!.start, tokens[speakerEnd - 1]!.end];
  const leading = firstWordIndex(tokens, left);
  if (leading === i) {
    // According to X, CONTENT
    if (!isComma(tokens[speakerEnd])) return null;
    const contentStart = speakerEnd + 1;
    const contentEnd = clauseEnd(tokens, contentStart);
    if (contentEnd <= contentStart) return null;
    return { frame: frame('according to', tokens[i]!.start, speaker, [[tokens[contentStart]!.start, tokens[contentEnd - 1]!.end]]), next: contentEnd };
  }
  // CONTENT, according to X
  const contentStart = leading;
  let contentEnd = i;
  while (contentEnd > contentStart && tokens[contentEnd - 1]!.kind === 'punct') contentEnd--;
  if (contentEnd <= contentStart) return null;
  return { frame: frame('according to', tokens[i]!.start, speaker, [[tokens[contentStart]!.start, tokens[contentEnd - 1]!.end]]), next: speakerEnd };
}

function firstWordIndex(tokens: readonly FrameToken[], from: number): number {
  let index = from;
  while (index < tokens.length && tokens[index]!.kind === 'punct') index++;
  return index;
}

/** Token index where a clause starting at `from` ends: the end mark of the stretch. */
function clauseEnd(tokens: readonly FrameToken[], from: number): number {
  let end = from;
  while (end < tokens.length && !isEnd(tokens[end])) end++;
  return end;
}

/** Comma-separated pieces of tokens[from, to), as token index pairs. */
function segments(tokens: readonly FrameToken[], from: number, to: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let start = from;
  for (let k = from; k <= to; k++) {
    const token = tokens[k];
    if (k === to || (token && (token.kind === 'quote' || (token.kind === 'punct' && token.text !== '.')))) {
      if (k > start) pieces.push([start, k]);
      start = k + 1;
    }
  }
  return pieces;
}

/** Drops leading conjunctions and trailing auxiliaries/adverbs from a speaker piece. */
function tidy(tokens: readonly FrameToken[], [from, to]: [number, number]): [number, number] | null {
  let start = from;
  let end = to;
  while (start < end && LEADING_CONJUNCTIONS.has(lower(tokens[start]))) start++;
  while (end > start && TRAILING_AUX.has(lower(tokens[end - 1]))) end--;
  return end > start ? [start, end] : null;
}

interface Subject {
  /** Token range of the chosen speaker piece. */
  chosen: [number, number];
  /** Token index where the material before the speaker ends (content of a postposed frame). */
  beforeEnd: number;
}

/** Chooses the speaker among the pieces before a verb: a name or pronoun, skipping appositives. */
function chooseSubject(tokens: readonly FrameToken[], left: number, verb: number, classify: (start: number, end: number) => SegmentKind): Subject | null {
  const pieces = segments(tokens, left, verb).map((piece) => tidy(tokens, piece)).filter((piece): piece is [number, number] => piece !== null);
  if (pieces.length === 0) return null;
  let chosen: [number, number] | null = null;
  for (let k = pieces.length - 1; k >= 0; k--) {
    const piece = pieces[k]!;
    const kind = classify(tokens[piece[0]]!.start, tokens[piece[1] - 1]!.end);
    if (kind === 'person' || kind === 'pronoun') {
      chosen = reportedClauseBefore(tokens, pieces, k) ?? subjectAfterOpener(tokens, pieces, k) ?? piece;
      break;
    }
    if (kind === 'other') {
      // "Cory Booker, mayor of Newark, New Jersey said": a short place name closing an appositive is skipped.
      // "Tony Maddox, Executive Vice President of CNN International, said": a capitalised title right after a name.
      const titled = k > 0 && isTitlePiece(tokens, piece) && classify(tokens[pieces[k - 1]![0]]!.start, tokens[pieces[k - 1]![1] - 1]!.end) === 'person' ? pieces[k - 1]! : null;
      const person = titled ?? (k > 0 && isPlaceLike(tokens, piece) ? personFurtherLeft(tokens, pieces, k, classify) : null);
      chosen = person ?? (k === pieces.length - 1 ? piece : reportedClauseBefore(tokens, pieces, k + 1) ?? pieces[k + 1]!);
      break;
    }
    if (k === 0) chosen = piece;
  }
  if (!chosen) return null;
  // "The system produces 800 liters a day and Kohavi says …": the name after the last "and" is the speaker,
  // and the narration before it reports nothing.
  const joined = coordinatedSubject(tokens, chosen, classify);
  if (joined) return { chosen: joined, beforeEnd: left };
  return { chosen, beforeEnd: chosen[0] };
}

/**
 * "In the 1990s, he became …, the biography said": a clause led by a pronoun, not the last piece before the verb,
 * is reported words when a definite noun phrase stands right before the verb; that phrase is the subject.
 */
function reportedClauseBefore(tokens: readonly FrameToken[], pieces: ReadonlyArray<[number, number]>, k: number): [number, number] | null {
  const piece = pieces[k]!;
  const last = pieces[pieces.length - 1]!;
  const clause = k < pieces.length - 1 && piece[1] - piece[0] > 1 && SUBJECT_PRONOUNS.has(lower(tokens[piece[0]]));
  return clause && DEFINITE_OPENERS.has(lower(tokens[last[0]])) ? last : null;
}

/**
 * "In an interview with CNN's John King, the former president said": a name inside an opening prepositional phrase is
 * its object, not the speaker; the definite noun phrase right before the verb is the subject.
 */
function subjectAfterOpener(tokens: readonly FrameToken[], pieces: ReadonlyArray<[number, number]>, k: number): [number, number] | null {
  const last = pieces[pieces.length - 1]!;
  if (k === pieces.length - 1 || !OPENING_PREPOSITIONS.has(lower(tokens[pieces[k]![0]]))) return null;
  return DEFINITE_OPENERS.has(lower(tokens[last[0]])) && last[1] - last[0] <= 4 ? last : null;
}

const OPENING_PREPOSITIONS = new Set(['in', 'during', 'at', 'on', 'after', 'before', 'with', 'to', 'from', 'speaking', 'asked', 'unlike', 'like']);

/** The person or pronoun after the last "and"/"but" of a long subject piece, or null. */
function coordinatedSubject(tokens: readonly FrameToken[], [from, to]: [number, number], classify: (start: number, end: number) => SegmentKind): [number, number] | null {
  if (to - from < 4) return null;
  for (let k = to - 2; k > from && to - k <= 4; k--) {
    if (lower(tokens[k]) !== 'and' && lower(tokens[k]) !== 'but') continue;
    const kind = classify(tokens[k + 1]!.start, tokens[to - 1]!.end);
    return kind === 'person' || kind === 'pronoun' ? [k + 1, to] : null;
  }
  return null;
}

const DEFINITE_OPENERS = new Set(['the', 'its', 'their']);
const isCapitalisedWord = (token: FrameToken | undefined): boolean => token?.kind === 'word' && /^\p{Lu}/u.test(token.text);

const NAME_CONNECTORS = new Set(['and', 'of', 'for', 'the', '&']);

/**
 * A short run of capitalised words, possibly joined by "and", "of" or "for": a place or organisation name
 * closing an appositive ("…, under secretary for Food, Nutrition and Consumer Services, said").
 */
function isPlaceLike(tokens: readonly FrameToken[], [from, to]: [number, number]): boolean {
  const words = tokens.slice(from, to);
  const capitalised = (token: FrameToken | undefined) => token?.kind === 'word' && /^\p{Lu}/u.test(token.text);
  if (words.length > 6 || !capitalised(words[0]) || !capitalised(words[words.length - 1])) return false;
  return words.every((token) => capitalised(token) || (token.kind === 'word' && NAME_CONNECTORS.has(token.lower)) || (token.kind === 'punct' && token.text === '&'));
}

/** A piece led by a capitalised title word ("Executive Vice President of …", "VP & General Manager"), naming nobody. */
const isTitlePiece = (tokens: readonly FrameToken[], [from]: [number, number]): boolean =>
  isCapitalisedWord(tokens[from]) && (TITLE_WORDS.has(lower(tokens[from])) || /^[SE]?VP$/.test(tokens[from]!.text));

/** The nearest piece left of `k` that names a person, if only appositives and place names lie between. */
function personFurtherLeft(tokens: readonly FrameToken[], pieces: ReadonlyArray<[number, number]>, k: number, classify: (start: number, end: number) => SegmentKind): [number, number] | null {
  let appositives = 0;
  for (let j = k - 1; j >= 0; j--) {
    const piece = pieces[j]!;
    const kind = classify(tokens[piece[0]]!.start, tokens[piece[1] - 1]!.end);
    if (kind === 'person') return appositives > 0 ? piece : null;
    if (kind === 'appositive' || isTitlePiece(tokens, piece)) appositives++;
    else if (!isPlaceLike(tokens, piece)) return null;
  }
  return null;
}

function finiteFrame(
  tokens: readonly FrameToken[], verb: number, left: number, verbClass: VerbClass,
  classify: (start: number, end: number) => SegmentKind, sharedSpeaker?: [number, number],
): { frame: Frame; next: number } | null {
  const verbToken = tokens[verb]!;
  const subject = sharedSpeaker ? { chosen: [verb, verb] as [number, number], beforeEnd: verb } : chooseSubject(tokens, left, verb, classify);
  if (!subject) return inverted(tokens, verb, left, verbClass, classify);
  // "CONTENT, says Michael Williams, managing director of …": a name right after the verb is the speaker.
  if (!sharedSpeaker && speakerFollows(tokens, verb, subject, classify)) return inverted(tokens, verb, left, verbClass, classify);
  const speaker: [number, number] = sharedSpeaker ?? [tokens[subject.chosen[0]]!.start, tokens[subject.chosen[1] - 1]!.end];
  const before = sharedSpeaker ? null : contentBefore(tokens, left, subject.beforeEnd);
  const putIt = /^puts?$/i.test(verbToken.text) && lower(tokens[verb + 1]) === 'it';
  let after = skipComplements(tokens, verb + (putIt ? 2 : 1), TELL_VERBS.has(verbToken.lower));
  const next = tokens[after];
  const build = (content: Array<[number, number]>, end: number) => ({ frame: frame(verbToken.text, verbToken.start, speaker, content, verbClass), next: end });
  if (next?.kind === 'punct' && next.text === ':' || (isComma(next) && tokens[after + 1]?.kind === 'quote')) after++;
  const following = tokens[after];
  if (following === undefined && tokens[after - 1]?.text === ':') {
    const made = build([], after);
    made.frame.introducesNext = true;
    return made;
  }
  if (following?.kind === 'quote') {
    const end = clauseEnd(tokens, after);
    const content: Array<[number, number]> = before ? [before, span(tokens, after, end)] : [span(tokens, after, end)];
    return build(content, end);
  }
  if (lower(following) === 'that' && tokens[after + 1] && !RELATIVE_AFTER_THAT.has(lower(tokens[after + 1]))) {
    const end = clauseEnd(tokens, after + 1);
    return end > after + 1 ? build([span(tokens, after + 1, end)], end) : null;
  }
  if (isEnd(following) || (isComma(following) && startsNewClause(tokens, after + 1))) {
    return before ? build([before], after) : null;
  }
  if (isComma(following) && before) {
    const end = clauseEnd(tokens, after + 1);
    return end > after + 1 ? build([before, span(tokens, after + 1, end)], end) : build([before], after);
  }
  // "“…,” Hale said while standing by the ruins": after a quote, an adverbial clause is how it was said, not what.
  if (before && precededByQuote(tokens, subject.chosen[0]) && ADVERBIAL_OPENERS.has(lower(following))) return build([before], clauseEnd(tokens, after));
  const relative = lower(following) === 'that' && RELATIVE_AFTER_THAT.has(lower(tokens[after + 1]));
  if (following?.kind === 'word' && !relative && startsClause(tokens, after, verbClass, verbToken.lower)) {
    const end = clauseEnd(tokens, after);
    // "“…,” the lawyer told CNN affiliate CBC News.": a few words after the verb are its object, not a clause.
    if (before && precededByQuote(tokens, subject.chosen[0]) && end - after <= 4 && isEnd(tokens[end])) return build([before], end);
    return build([span(tokens, after, end)], end);
  }
  // "As he remarked about X and Y: “…”" — a colon introduces the quote a few words later.
  const colon = colonBeforeQuote(tokens, after);
  if (colon >= 0) {
    const end = clauseEnd(tokens, colon + 1);
    return build([span(tokens, colon + 1, end)], end);
  }
  // "called the plan “a fairy tale”": the partial quote sits in what follows the verb (and only then is it a frame).
  if (verbClass === 'mixed' && following?.kind === 'word') {
    // The quote must be what the verb calls something, a few words on ("called the plan “…”"), not a later
    // object ("called 911 to report a “suspicious” person").
    const end = clauseEnd(tokens, after);
    const quote = tokens.findIndex((token, index) => index >= after && index < end && token.kind === 'quote');
    if (quote < 0 || quote - verb > 7 || tokens.slice(verb + 1, quote).some((token) => lower(token) === 'to')) return null;
    return build([span(tokens, after, end)], end);
  }
  if (before && precededByQuote(tokens, subject.chosen[0])) return build([before], clauseEnd(tokens, after));
  return null;
}

/** Index of a colon followed by a quote within a short distance, or -1. */
function colonBeforeQuote(tokens: readonly FrameToken[], from: number): number {
  for (let k = from; k < tokens.length && k - from < 16 && !isEnd(tokens[k]); k++) {
    if (tokens[k]!.text === ':' && tokens[k + 1]?.kind === 'quote') return k;
  }
  return -1;
}

/** The speaker phrase follows a quote directly ("“…,” X said …"). */
function precededByQuote(tokens: readonly FrameToken[], at: number): boolean {
  let k = at - 1;
  while (k >= 0 && tokens[k]!.kind === 'punct' && tokens[k]!.text !== '.') k--;
  return tokens[k]?.kind === 'quote';
}

/** Whether the words after the verb name the speaker rather than start the reported clause. */
function speakerFollows(tokens: readonly FrameToken[], verb: number, subject: Subject, classify: (start: number, end: number) => SegmentKind): boolean {
  const start = verb + 1;
  if (tokens[start]?.kind !== 'word') return false;
  const end = phraseEnd(tokens, start);
  const closes = isComma(tokens[end]) || isEnd(tokens[end]);
  if (!closes) return false;
  const after = classify(tokens[start]!.start, tokens[end - 1]!.end);
  const before = classify(tokens[subject.chosen[0]]!.start, tokens[subject.chosen[1] - 1]!.end);
  if (before === 'person' || before === 'pronoun') return false;
  if (after === 'person') return /^\p{Lu}/u.test(tokens[start]!.text);
  if (DETERMINERS.has(lower(tokens[start])) && isComma(tokens[verb - 1]) && isEnd(tokens[end]) && namesGroup(tokens, start, end)) return true;
  // "…, the senator said the money was there.": a phrase with its own verb is the reported clause, not a speaker.
  const hasVerb = tokens.slice(start, end).some((token) => RESUMING_VERBS.has(lower(token)));
  return DETERMINERS.has(lower(tokens[start])) && end - start <= 4 && !hasVerb && precededByComma(tokens, subject.chosen[0]);
}

/** "the people of Tacloban", "the residents": a group of speakers, whose words come before ", say …". */
function namesGroup(tokens: readonly FrameToken[], start: number, end: number): boolean {
  const of = tokens.findIndex((token, k) => k > start && k < end && token.text === 'of');
  const head = of > 0 ? of - 1 : end - 1;
  return head > start && head - start <= 3 && GENERIC_SPEAKER_NOUNS.has(lower(tokens[head]));
}

const precededByComma = (tokens: readonly FrameToken[], at: number): boolean => at > 0 && isComma(tokens[at - 1]);

/** Verbs that carry on a sentence interrupted by its attribution ("A, says X, is B"). */
export const RESUMING_VERBS = new Set(['is', 'was', 'are', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'should', 'must', 'remains', 'lies', 'seems']);

/** "“…,” said X, a lawyer." and "CONTENT, says X." */
function inverted(tokens: readonly FrameToken[], verb: number, left: number, verbClass: VerbClass, classify?: (start: number, end: number) => SegmentKind): { frame: Frame; next: number } | null {
  let start = verb + 1;
  if (tokens[start]?.kind !== 'word') return null;
  let end = phraseEnd(tokens, start);
  // "wrote the report's author, Adam Forman": the name in apposition is the speaker.
  if (classify && isComma(tokens[end]) && tokens[end + 1]?.kind === 'word' && classify(tokens[start]!.start, tokens[end - 1]!.end) !== 'person') {
    const nameEnd = phraseEnd(tokens, end + 1);
    if (classify(tokens[end + 1]!.start, tokens[nameEnd - 1]!.end) === 'person') {
      start = end + 1;
      end = nameEnd;
    }
  }
  const before = contentBefore(tokens, left, verb);
  if (!before) return null;
  const verbToken = tokens[verb]!;
  const content: Array<[number, number]> = [before];
  const stop = clauseEnd(tokens, end);
  // "“A,” said X, who farms near Salina, “and B.”": the quote resumes after the speaker and its appositive.
  const resumed = isComma(tokens[end]) ? tokens.findIndex((token, k) => k > end && k < stop && token.kind === 'quote' && isComma(tokens[k - 1])) : -1;
  if (resumed > 0) content.push(span(tokens, resumed, stop));
  // "The beauty of the project, says Lai, is its flexibility.": the sentence goes on after the speaker.
  else if (isComma(tokens[end]) && RESUMING_VERBS.has(lower(tokens[end + 1])) && stop > end + 2) content.push(span(tokens, end + 1, stop));
  return { frame: frame(verbToken.text, verbToken.start, [tokens[start]!.start, tokens[end - 1]!.end], content, verbClass), next: stop };
}

/** "…, noting that CONTENT": the speaker is the subject at the start of the stretch. */
function participle(tokens: readonly FrameToken[], verb: number, left: number, classify: (start: number, end: number) => SegmentKind): Frame | null {
  // "…, noting that …" or "was quoted as saying …"
  if (!isComma(tokens[verb - 1]) && lower(tokens[verb - 1]) !== 'as') return null;
  let after = verb + 1;
  if (lower(tokens[after]) === 'that') after++;
  else if (!startsClause(tokens, after, FREE_PARTICIPLES.has(lower(tokens[verb])) ? 'free' : 'that')) return null;
  const end = clauseEnd(tokens, after);
  if (end <= after) return null;
  for (const piece of segments(tokens, left, verb)) {
    const tidied = tidy(tokens, piece);
    if (!tidied) continue;
    const first = tokens[tidied[0]]!;
    const kind = classify(first.start, tokens[tidied[1] - 1]!.end);
    if (kind === 'person' || kind === 'pronoun' || kind === 'other') {
      return frame(tokens[verb]!.text, tokens[verb]!.start, [first.start, tokens[tidied[1] - 1]!.end], [span(tokens, after, end)], 'free');
    }
  }
  return null;
}

/** Skips the object of "told" and adverbials ("on Monday", "in a statement", "during a tour of the cellar") after a verb. */
function skipComplements(tokens: readonly FrameToken[], from: number, tell: boolean): number {
  let index = tell ? skipObject(tokens, from) : from;
  for (let rounds = 0; rounds < 3; rounds++) {
    if (!PREPOSITIONS.has(lower(tokens[index]))) break;
    index = skipNounPhrase(tokens, index + 1);
  }
  return index;
}

/** Skips "a tour of the cellar", "Monday", "an interview with CNN": stops before a word that starts a clause. */
function skipNounPhrase(tokens: readonly FrameToken[], from: number): number {
  let k = from;
  let words = 0;
  let afterLink = true;
  while (tokens[k]?.kind === 'word' && words < 8) {
    const word = lower(tokens[k]);
    if (word === 'that' || SUBJECT_PRONOUNS.has(word)) break;
    if (DETERMINERS.has(word) && !afterLink) break;
    afterLink = DETERMINERS.has(word) || NP_LINKS.has(word);
    k++;
    words++;
  }
  return k;
}

function skipObject(tokens: readonly FrameToken[], from: number): number {
  const end = objectEnd(tokens, from);
  // "told Robert Kemp, 61, that …": a short appositive after the object sits before the reported clause.
  if (end > from && isComma(tokens[end])) {
    for (let k = end + 1; k < tokens.length && k - end <= 5 && !isEnd(tokens[k]); k++) {
      if (isComma(tokens[k]) && lower(tokens[k + 1]) === 'that') return k + 1;
    }
  }
  return end;
}

function objectEnd(tokens: readonly FrameToken[], from: number): number {
  const first = tokens[from];
  if (!first || first.kind !== 'word') return from;
  const word = first.lower;
  if (OBJECT_WORDS.has(word)) return from + 1;
  if (/^\p{Lu}/u.test(first.text) && !SUBJECT_PRONOUNS.has(word)) {
    let k = from + 1;
    while (tokens[k]?.kind === 'word' && /^\p{Lu}/u.test(tokens[k]!.text) && k - from < 5) k++;
    return k;
  }
  if (DETERMINERS.has(word) && word !== 'that') {
    let k = from + 1;
    // "told the court his client had …": a second determiner or a pronoun opens the reported clause.
    while (tokens[k]?.kind === 'word' && lower(tokens[k]) !== 'that' && !DETERMINERS.has(lower(tokens[k])) && !SUBJECT_PRONOUNS.has(lower(tokens[k])) && k - from < 5) {
      k++;
      if (lower(tokens[k]) === 'that' || isComma(tokens[k]) || tokens[k]?.text === ':') break;
    }
    return k;
  }
  return from;
}

/** Whether tokens[at] starts a reported clause for this kind of verb. */
function startsClause(tokens: readonly FrameToken[], at: number, verbClass: VerbClass, verb = ''): boolean {
  const token = tokens[at];
  if (!token || token.kind !== 'word') return false;
  const word = token.lower;
  if (verbClass === 'quote' || verbClass === 'mixed') return false;
  if (SUBJECT_PRONOUNS.has(word)) return tokens[at + 1]?.kind === 'word';
  // "acknowledged the crisis was deepening": a that-verb takes a bare clause when a finite verb follows its subject.
  if (verbClass === 'that') return !NOT_CLAUSE.has(word) && hasFiniteVerbSoon(tokens, at);
  if (NOT_CLAUSE.has(word)) return false;
  // "added a goal", "noted the irony": these take a bare clause only when it has a verb of its own.
  if (LOOSE_FREE_VERBS.has(verb)) return hasFiniteVerbSoon(tokens, at);
  return CLAUSE_STARTERS.has(word) || /^\p{Lu}/u.test(token.text) || /^\p{N}/u.test(token.text) || tokens[at + 1]?.kind === 'word';
}

/** Verbs that also take a plain object ("added a goal", "noted the date"). */
const LOOSE_FREE_VERBS = new Set(['added', 'adds', 'noted', 'notes']);
const FINITE_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might',
  'should', 'must', 'shall', 'did', 'does', 'do', "won't", "wouldn't", "isn't", "wasn't", "weren't", "hadn't", "hasn't", "didn't", "doesn't", "can't", "couldn't"]);

/** A subject of at most four words, then an auxiliary or modal: "the crisis was", "losses could". */
function hasFiniteVerbSoon(tokens: readonly FrameToken[], at: number): boolean {
  for (let k = at + 1; k < tokens.length && k - at <= 4; k++) {
    const token = tokens[k]!;
    if (token.kind !== 'word') return false;
    if (FINITE_AUXILIARIES.has(token.lower.replace('’', "'"))) return true;
  }
  return false;
}

/** After "CONTENT, X said," a new clause ("but he warned…", "adding…") is not part of the content. */
function startsNewClause(tokens: readonly FrameToken[], at: number): boolean {
  const word = lower(tokens[at]);
  return ['but', 'and', 'adding', 'noting', 'saying', 'although', 'though', 'while', 'according', 'referring', 'citing', 'speaking', 'who', 'which'].includes(word)
    || PARTICIPLE_VERBS.has(word);
}

function contentBefore(tokens: readonly FrameToken[], left: number, end: number): [number, number] | null {
  let from = firstWordIndex(tokens, left);
  while (from < end && ((LEADING_CONJUNCTIONS.has(lower(tokens[from])) && lower(tokens[from]) !== 'as') || tokens[from]!.kind === 'punct')) from++;
  let to = end;
  while (to > from && tokens[to - 1]!.kind === 'punct') to--;
  return to > from ? [tokens[from]!.start, tokens[to - 1]!.end] : null;
}

const span = (tokens: readonly FrameToken[], from: number, to: number): [number, number] => [tokens[from]!.start, tokens[Math.max(from, to - 1)]!.end];

/** A preposed content runs until the speaker phrase of the next frame in the same stretch. */
function trimContents(frames: Frame[]): void {
  for (let k = 0; k + 1 < frames.length; k++) {
    const next = frames[k + 1]!;
    const limit = next.clauseStart ?? Math.min(next.speaker[0], next.verbStart);
    for (const range of frames[k]!.content) {
      if (range[0] < limit && range[1] > limit) range[1] = limit;
    }
  }
}
