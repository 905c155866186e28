/**
 * Gender from the article's own pronouns: a he/his or she/her outside quote marks votes for the person
 * when that person is the only one named just before it (same sentence, else the sentence before).
 */
import type { Gender } from './types.js';

interface SentenceText {
  text: string;
  offset: number;
  sentence: number;
}

interface PersonMention {
  person: number;
  start: number;
  sentence: number;
}

/** Pronoun tallies per person. */
export interface GenderVotes {
  male: number;
  female: number;
}

const MAY_HAVE_PRONOUN = /\b(?:he|him|his|she|her)/i;
const PRONOUN = /\b(he|him|his|himself|she|her|hers|herself)\b/gi;
const QUOTED = /“[^”]*”|"[^"]*"|«[^»]*»|„[^“”]*[“”]/g;
/** The characters QUOTED can start with. */
const MAY_BE_QUOTED = /[“"«„]/;

export function inferGenders(sentences: readonly SentenceText[], allMentions: readonly PersonMention[]): Map<number, GenderVotes> {
  const bySentence = new Map<number, PersonMention[]>();
  const quotedSpans = new Map<number, Array<[number, number]>>();
  for (const sentence of sentences) {
    // Most sentences hold no quote mark at all: skip the pattern for them.
    const spans: Array<[number, number]> = [];
    if (MAY_BE_QUOTED.test(sentence.text)) {
      for (const match of sentence.text.matchAll(QUOTED)) spans.push([sentence.offset + match.index, sentence.offset + match.index + match[0].length]);
    }
    quotedSpans.set(sentence.sentence, spans);
  }
  // A name inside quote marks is not who the narration's pronouns point to.
  const mentions = allMentions.filter((mention) => !(quotedSpans.get(mention.sentence) ?? []).some(([from, to]) => mention.start >= from && mention.start < to));
  for (const mention of mentions) {
    const list = bySentence.get(mention.sentence) ?? [];
    list.push(mention);
    bySentence.set(mention.sentence, list);
  }
  const votes = new Map<number, { male: number; female: number }>();
  const sentenceStarts = new Map(sentences.map((sentence) => [sentence.sentence, sentence]));
  let previous: PersonMention[] = [];
  for (const sentence of sentences) {
    const here = bySentence.get(sentence.sentence) ?? [];
    if (!MAY_HAVE_PRONOUN.test(sentence.text)) {
      previous = here;
      continue;
    }
    const unquoted = quotedSpans.get(sentence.sentence)!.length === 0 ? sentence.text : sentence.text.replace(QUOTED, (quoted) => ' '.repeat(quoted.length));
    for (const match of unquoted.matchAll(PRONOUN)) {
      const position = sentence.offset + match.index;
      const before = here.filter((mention) => mention.start < position);
      // "Nowak described her": an object pronoun in the person's own sentence is someone else.
      if (before.length > 0 && /^(him|her)$/i.test(match[1]!)) continue;
      const pool = before.length > 0 ? before : previous;
      const people = new Set(pool.map((mention) => mention.person));
      // Only a person named as the subject (early in the sentence) is who a later pronoun points to.
      if (people.size !== 1 || !pool.some((mention) => isSubject(mention, sentenceStarts))) continue;
      const person = [...people][0]!;
      const tally = votes.get(person) ?? { male: 0, female: 0 };
      if (/^(he|him|his|himself)$/i.test(match[1]!)) tally.male++;
      else tally.female++;
      votes.set(person, tally);
    }
    if (here.length > 0) previous = here;
    else previous = [];
  }
  return votes;
}

/** A mention within the first few words of its sentence (after an opening phrase or title). */
const SUBJECT_REACH = 60;
const OBJECT_MARKER = /\b(?:from|with|to|of|by|for|about|against|at|in|on|and|than|like|as)\s+(?:\S+\s+){0,3}$/i;
function isSubject(mention: PersonMention, sentences: ReadonlyMap<number, SentenceText>): boolean {
  const sentence = sentences.get(mention.sentence);
  if (!sentence || mention.start - sentence.offset > SUBJECT_REACH) return false;
  return !OBJECT_MARKER.test(sentence.text.slice(0, mention.start - sentence.offset));
}

/** The gender the votes show clearly (more than twice the other side), or null. */
export function genderFromVotes(votes: GenderVotes | undefined, minimum = 1): Gender {
  if (!votes) return null;
  if (votes.male >= minimum && votes.male > votes.female * 2) return 'male';
  if (votes.female >= minimum && votes.female > votes.male * 2) return 'female';
  return null;
}
