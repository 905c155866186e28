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

const PRONOUN = /\b(he|him|his|himself|she|her|hers|herself)\b/gi;
const QUOTED = /“[^”]*”|"[^"]*"|«[^»]*»|„[^“”]*[“”]/g;

export function inferGenders(sentences: readonly SentenceText[], allMentions: readonly PersonMention[]): Map<number, GenderVotes> {
  const bySentence = new Map<number, PersonMention[]>();
  const quotedSpans = new Map<number, Array<[number, number]>>();
  for (const sentence of sentences) {
    quotedSpans.set(sentence.sentence, [...sentence.text.matchAll(QUOTED)].map((match) => [sentence.offset + match.index, sentence.offset + match.index + match[0].length]));
  }
  // A name inside quote marks is not who the narration's pronouns point to.
  const mentions = allMentions.filter((mention) => !(quotedSpans.get(mention.sentence) ?? []).some(([from, to]) => mention.start >= from && mention.start < to));
  for (const mention of mentions) {
    const list = bySentence.get(mention.sentence) ?? [];
    list.push(mention);
    bySentence.set(mention.sentence, list);
  }
  const votes = new Map<number, { male: number; female: number }>();
  let previous: PersonMention[] = [];
  for (const sentence of sentences) {
    const here = bySentence.get(sentence.sentence) ?? [];
    const unquoted = sentence.text.replace(QUOTED, (quoted) => ' '.repeat(quoted.length));
    for (const match of unquoted.matchAll(PRONOUN)) {
      const position = sentence.offset + match.index;
      const before = here.filter((mention) => mention.start < position);
      const pool = before.length > 0 ? before : previous;
      const people = new Set(pool.map((mention) => mention.person));
      if (people.size !== 1) continue;
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

/** The gender the votes show clearly (more than twice the other side), or null. */
export function genderFromVotes(votes: GenderVotes | undefined, minimum = 1): Gender {
  if (!votes) return null;
  if (votes.male >= minimum && votes.male > votes.female * 2) return 'male';
  if (votes.female >= minimum && votes.female > votes.male * 2) return 'female';
  return null;
}
