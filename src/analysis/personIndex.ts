/**
 * Resolves a name as written ("Putin", "De Vries", "Maria", "Vladimir V. Putin") to one of an
 * article's people, by full name, surname or an unambiguous given name.
 */
import { normalizeName } from './normalizeName.js';
import { isGenerationSuffix, significantWords } from './nameRuns.js';
import { NAME_PARTICLES } from './nameLexicon.js';

export interface IndexedPerson {
  name: string;
  gender: 'male' | 'female' | null;
}

const firstLastKey = (words: readonly string[]): string | null => {
  const significant = significantWords(words).map(normalizeName);
  if (significant.length < 2) return null;
  return `${significant[0]} ${significant[significant.length - 1]}`;
};

/** The surname forms of a name: "Marieke de Vries" → ["de vries", "vries"]. */
export function surnameForms(written: readonly string[]): string[] {
  const forms: string[] = [];
  const words = written.length > 2 && isGenerationSuffix(written[written.length - 1]!) ? written.slice(0, -1) : written;
  const last = words.length - 1;
  if (last < 1) return forms;
  let particleStart = last;
  while (particleStart > 1 && NAME_PARTICLES.has(words[particleStart - 1]!.toLowerCase())) particleStart--;
  if (particleStart < last) forms.push(normalizeName(words.slice(particleStart).join(' ')));
  // "Khaled Abu Bakr" is also "Abu Bakr"; "Ruth Bader Ginsburg" also "Bader Ginsburg".
  else if (words.length >= 3 && !NAME_PARTICLES.has(words[last - 1]!.toLowerCase())) forms.push(normalizeName(words.slice(last - 1).join(' ')));
  forms.push(normalizeName(words[last]!));
  // "Jorge Fernandez Diaz" is also "Fernandez": Spanish and Portuguese names put the first surname second.
  const middle = words[last - 1];
  if (words.length === 3 && middle && /^\p{Lu}\p{Ll}{2,}$/u.test(middle) && !NAME_PARTICLES.has(middle.toLowerCase())) forms.push(normalizeName(middle));
  return forms;
}

export class PersonIndex {
  private readonly full = new Map<string, number>();
  private readonly surnames = new Map<string, number[]>();
  private readonly givenNames = new Map<string, number[]>();
  /** Position of the latest mention of each person, to choose between people sharing a surname. */
  private readonly lastSeen: number[];
  /** "Mr. Hale" keeps meaning the person it first meant when several people share the surname. */
  private readonly titledForms = new Map<string, number>();
  /** Whether each person's first titled full-name mention said "former" (undefined: never titled by full name). */
  private readonly formerTitled: Array<boolean | undefined> = [];

  constructor(private readonly people: readonly IndexedPerson[], extraForms: ReadonlyArray<readonly string[]> = []) {
    this.lastSeen = people.map(() => -1);
    people.forEach((person, index) => {
      const words = person.name.split(' ');
      this.addFull(words, index);
      for (const form of surnameForms(words)) push(this.surnames, form, index);
      if (words.length > 1) push(this.givenNames, normalizeName(words[0]!), index);
      for (const alias of extraForms[index] ?? []) this.addFull(alias.split(' '), index);
    });
  }

  private addFull(words: readonly string[], index: number): void {
    this.full.set(normalizeName(words.join(' ')), index);
    const key = firstLastKey(words);
    if (key && !this.full.has(key)) this.full.set(key, index);
  }

  /** The person a name refers to at a position, or null. `gender` is a Mr./Mrs. hint. */
  /**
   * `former` tells whether a title before the name was qualified by "former": among people sharing a surname,
   * "President Bush" is the one first titled without it, "Former President Bush" the one first titled with it.
   */
  resolve(
    words: readonly string[], position: number, gender: 'male' | 'female' | null = null, honorific: string | null = null, title: string | null = null,
    former: boolean | null = null,
  ): number | null {
    const whole = normalizeName(words.join(' '));
    // "President Clinton" may be a person of its own, told apart from the Clinton of the article.
    const titled = title ? this.full.get(normalizeName(`${title} ${whole}`)) : undefined;
    if (titled !== undefined) return this.seen(titled, position);
    const exact = this.full.get(whole) ?? (firstLastKey(words) ? this.full.get(firstLastKey(words)!) : undefined);
    if (exact !== undefined) {
      if (former !== null && significantWords(words).length > 1) this.formerTitled[exact] ??= former;
      return this.seen(exact, position);
    }
    const bySurname = this.surnames.get(whole) ?? [];
    if (bySurname.length === 0 && significantWords(words).length !== 1) return null;
    if (bySurname.length > 1 && honorific) {
      const form = `${honorific} ${whole}`;
      const earlier = this.titledForms.get(form);
      const chosen = earlier ?? this.choose(bySurname, gender);
      this.titledForms.set(form, chosen);
      return this.seen(chosen, position);
    }
    if (bySurname.length > 1 && former !== null) {
      const sameStanding = bySurname.filter((index) => this.formerTitled[index] === former);
      if (sameStanding.length === 1) return this.seen(sameStanding[0]!, position);
    }
    if (bySurname.length > 0) return this.seen(this.choose(bySurname, gender), position);
    const byGiven = (this.givenNames.get(whole) ?? []).filter((index) => !this.surnames.has(normalizeName(this.people[index]!.name.split(' ')[0]!)));
    if (byGiven.length === 1) return this.seen(byGiven[0]!, position);
    return null;
  }

  private choose(candidates: readonly number[], gender: 'male' | 'female' | null): number {
    const compatible = gender ? candidates.filter((index) => this.people[index]!.gender !== (gender === 'male' ? 'female' : 'male')) : candidates;
    const pool = compatible.length > 0 ? compatible : candidates;
    return pool.reduce((best, index) => (this.lastSeen[index]! > this.lastSeen[best]! ? index : best), pool[0]!);
  }

  private seen(index: number, position: number): number {
    this.lastSeen[index] = Math.max(this.lastSeen[index]!, position);
    return index;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
