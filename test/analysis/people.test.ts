import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPeople } from '../../src/analysis/people.js';
import { splitSentences } from '../../src/analysis/sentences.js';
import type { ArticlePerson } from '../../src/analysis/types.js';
import { loadArticle } from '../../src/corpus/load.js';

function peopleIn(text: string): ArticlePerson[] {
  return findPeople(splitSentences(text.split('\n\n').map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }))));
}

const named = (people: readonly ArticlePerson[], name: string) => people.find((person) => person.name === name);

describe('findPeople on the seeds', () => {
  it('finds each person once under the fullest name, with every alias and role', async () => {
    const loaded = await loadArticle(path.resolve('seeds'), '000_8847be39bb5a8b48.txt', { maxBytes: 1 << 20 });
    if (!loaded.ok) throw new Error(loaded.skipped.reason);
    const people = findPeople(splitSentences(loaded.article.blocks));
    expect(people.map((person) => person.name).sort()).toEqual(['Charlie Kirk', 'Chris Wright', 'Donald Trump', 'Vladimir Putin', 'Volodymyr Zelensky']);
    const putin = named(people, 'Vladimir Putin')!;
    expect(putin.aliases).toEqual(expect.arrayContaining(['Putin', 'President Putin', 'Russian President Vladimir Putin', 'Vladimir Putin']));
    expect(putin.roles).toContain('russian president');
    expect(named(people, 'Chris Wright')!.aliases).toContain('U.S. Energy Secretary Chris Wright');
    expect(named(people, 'Donald Trump')).toMatchObject({ gender: 'male' });
    expect(named(people, 'Donald Trump')!.mentions).toBeGreaterThanOrEqual(8);
  });

  it('takes a titled surname with no full name as a person ("President Zelensky")', async () => {
    const text = await readFile(path.resolve('seeds/004_0c3380e4b5896ec4.txt'), 'utf8');
    const people = peopleIn(text.split('\n').slice(1).join('\n\n'));
    expect(named(people, 'Zelensky')).toMatchObject({ aliases: expect.arrayContaining(['President Zelensky']) });
    expect(named(people, 'Vladimir Medinsky')).toMatchObject({ roles: ['russian negotiator'] });
  });
});

describe('findPeople', () => {
  it('does not take places, organisations, months or sentence openers for people', () => {
    const people = peopleIn([
      'Despite the storm, New York officials met on Monday at the White House. However, the European Union said nothing.',
      'In March, Harbour City and Eastline Power signed a deal with Goldman Partners in San Francisco.',
      'The Associated Press reported that the Supreme Court would hear the case in North Korea.',
      '“I’m Jewish,” one voter said. Aid went to Liberia and Sierra Leone, and Kenyan officials said nothing.',
    ].join('\n\n'));
    expect(people).toEqual([]);
  });

  it('keeps two people who share a surname apart and resolves each given name', () => {
    const people = peopleIn('Maria Alvarez runs the cellar. Her brother, Tomás Alvarez, runs the hotel. Maria said sales were up. Tomás disagreed.');
    expect(people.map((person) => [person.name, person.mentions])).toEqual([['Maria Alvarez', 2], ['Tomás Alvarez', 2]]);
  });

  it('reads names with hyphens, apostrophes, accents and particles', () => {
    const people = peopleIn('Labour Minister Jean-Luc O’Brien met Zoë Kowalczyk and union negotiator Marieke de Vries. O’Brien and De Vries spoke later.');
    expect(people.map((person) => person.name)).toEqual(['Jean-Luc O’Brien', 'Zoë Kowalczyk', 'Marieke de Vries']);
    expect(named(people, 'Marieke de Vries')!.mentions).toBe(2);
    expect(named(people, 'Jean-Luc O’Brien')!.roles).toEqual(['labour minister']);
  });

  it('tells gender from honorifics and pronouns, and leaves it open otherwise', () => {
    const people = peopleIn('Mr. Okoye arrived first. Dana Reyes, the chief executive, spoke next. She said the plan would work. Kiran Lee, a lawyer, was silent.');
    expect(named(people, 'Okoye')).toMatchObject({ gender: 'male' });
    expect(named(people, 'Dana Reyes')).toMatchObject({ gender: 'female', roles: ['chief executive'] });
    expect(named(people, 'Kiran Lee')).toMatchObject({ gender: null });
  });

  it('finds a person marked only by context: a speech verb, an age or an appositive', () => {
    const people = peopleIn('“We were lucky,” said Okwudili Nnamdi. Rosa Kalnins, 71, has volunteered for decades. Tupac Mbeki, a farmer from the valley, agreed.');
    expect(people.map((person) => person.name)).toEqual(['Okwudili Nnamdi', 'Rosa Kalnins', 'Tupac Mbeki']);
  });

  it('returns nothing for an empty article', () => {
    expect(findPeople([])).toEqual([]);
  });
});

describe('name detection on real news (issue 11)', () => {
  it('drops a dateline or stray word glued before the first name of an article', () => {
    const names = peopleIn('Los Angeles Nadya Suleman says she has no regrets. Suleman spoke on Friday.\n\nMaine Follow Daniel Kish rides a bike. Kish is blind.').map((person) => person.name);
    expect(names).toEqual(expect.arrayContaining(['Nadya Suleman', 'Daniel Kish']));
    expect(names.some((name) => /Angeles|Maine|Follow/.test(name))).toBe(false);
  });

  it('reads given names that are also common words, and hyphenated or plural titles', () => {
    const people = peopleIn('Former President Bill Clinton spoke first. Will Grant, a teacher, said little.\n\nVice-President Sara Duterte of the Philippines said yes. Justices Antonin Scalia and Elena Kagan dissented.');
    expect(people.map((person) => person.name)).toEqual(expect.arrayContaining(['Bill Clinton', 'Will Grant', 'Sara Duterte', 'Antonin Scalia']));
    expect(named(people, 'Sara Duterte')?.roles).toContain('vice-president');
  });
});

describe('places and groups are not people (issue 11)', () => {
  it('finds no person in countries, regions, plural groups or "Top" and "Obamacare" runs', () => {
    const names = peopleIn([
      'Paris France was busy. Atlantic Canada braced for the storm. Puerto Ricans voted. Labour MPs said no.',
      'Top Obama aides met on Monday. Barack Obamacare was debated. Barack Obama spoke later.',
    ].join('\n\n')).map((person) => person.name);
    expect(names).toEqual(['Barack Obama']);
  });
});

describe('a title that disagrees with the namesake is another person (issue 11)', () => {
  it('keeps "President Clinton … his wife" apart from the Hillary Clinton of the article, and "Clinton" hers', () => {
    const people = peopleIn(
      'Hillary Clinton spoke in Columbus. "We will win," Clinton said.\n\nMeanwhile, President Clinton campaigned for his wife in Youngstown.\n\n"She is ready," President Clinton said.',
    );
    expect(people.map((person) => person.name).sort()).toEqual(['Hillary Clinton', 'President Clinton']);
    expect(named(people, 'President Clinton')).toMatchObject({ gender: 'male', mentions: 2 });
    expect(named(people, 'Hillary Clinton')!.mentions).toBe(2);
  });

  it('gives "Mr. Alvarez" to the husband and "Ms. Alvarez" to the senator when both are named', () => {
    const people = peopleIn('Sen. Maria Alvarez voted no. Her husband, Daniel Alvarez, backs the plan.\n\nMr. Alvarez said the study was ready. Ms. Alvarez said she disagreed.');
    expect(named(people, 'Maria Alvarez')!.aliases).toContain('Ms. Alvarez');
    expect(named(people, 'Daniel Alvarez')!.aliases).toContain('Mr. Alvarez');
  });

  it('reads the relation before a title ("her husband, former President Clinton") as the title\'s gender', () => {
    const people = peopleIn('Huma Abedin worked for Hillary Clinton for years.\n\nAbedin watched Clinton deal with allegations against her husband, former President Clinton.');
    expect(people.map((person) => person.name).sort()).toEqual(['Hillary Clinton', 'Huma Abedin', 'President Clinton']);
  });

  it('does not split a titled surname whose pronoun agrees with the namesake', () => {
    const people = peopleIn('Hillary Clinton spoke in Columbus.\n\nSecretary Clinton said she would return on Monday.');
    expect(people.map((person) => person.name)).toEqual(['Hillary Clinton']);
  });
});

describe('initials, suffixes and firms in names', () => {
  it('reads dotted initials inside a name and keeps "George H.W. Bush" apart from "George W. Bush"', () => {
    const people = peopleIn('President George W. Bush and his father, former President George H.W. Bush, spoke.\n\nAstros manager A.J. Hinch and author J.K. Rowling came too.');
    expect(people.map((person) => person.name)).toEqual(['George W. Bush', 'George H.W. Bush', 'A.J. Hinch', 'J.K. Rowling']);
  });

  it('does not take place or agency initials for a given name', () => {
    const people = peopleIn('U.S. Ambassador Jon Huntsman met officials. F.B.I. Director James Comey said little.');
    expect(people.map((person) => person.name).sort()).toEqual(['James Comey', 'Jon Huntsman']);
  });

  it('keeps a leading initial and reads a Jr. name by its surname', () => {
    const people = peopleIn('Former FBI official W. Mark Felt said he was the source. Columnist E.J. Dionne Jr. agreed.\n\nFelt and Dionne spoke on Tuesday.');
    expect(named(people, 'W. Mark Felt')!.mentions).toBe(2);
    expect(named(people, 'E.J. Dionne Jr.')!.mentions).toBe(2);
  });

  it('does not take a firm named in apposition to a relation for a person ("Her publisher, Bloomsbury,")', () => {
    const people = peopleIn('Author Jane Hale finished the book. Her publisher, Bloomsbury, said it would be out in July. Her husband, Tom, said nothing.');
    expect(people.map((person) => person.name)).not.toContain('Bloomsbury');
  });
});
