/** Corpus-wide merging rules of the people directory, and its cooperative build. */
import { describe, expect, it } from 'vitest';
import { buildPeopleDirectory, buildPeopleDirectoryCooperatively, directoryFromJSON, directoryToJSON, type DirectoryArticle } from '../../src/analysis/peopleDirectory.js';
import type { ArticlePerson } from '../../src/analysis/types.js';

const person = (name: string, mentions = 1, aliases: string[] = [name]): ArticlePerson => ({ name, aliases, roles: [], mentions, gender: null });
const article = (id: string, people: ArticlePerson[], quotedBy: string[] = []): DirectoryArticle => ({
  id,
  analysis: { people, quotes: quotedBy.map((speaker) => ({ text: 'words', kind: 'direct', speaker, speakerType: 'person', start: 0, end: 5 })) },
});

describe('people directory merging', () => {
  it('folds a name with a word glued in front ("Moscow Vladimir Putin") into the known full name', () => {
    const directory = buildPeopleDirectory([
      article('a', [person('Vladimir Putin', 5)]),
      article('b', [person('Vladimir Putin', 3)]),
      article('c', [person('Moscow Vladimir Putin', 1)], ['Moscow Vladimir Putin']),
    ]);
    const lookup = directory.lookup('Putin');
    expect(lookup.kind).toBe('found');
    if (lookup.kind === 'found') {
      expect(lookup.person.name).toBe('Vladimir Putin');
      expect(lookup.person.articleIds.sort()).toEqual(['a', 'b', 'c']);
      expect(lookup.person.quoteCount).toBe(1);
    }
    expect(directory.canonicalName('c', 'Moscow Vladimir Putin')).toBe('Vladimir Putin');
  });

  it('gives a bare surname to the far better-known full name, and keeps comparable ones apart', () => {
    const famous = buildPeopleDirectory([
      article('a', [person('Barack Obama', 40)]),
      article('b', [person('Michelle Obama', 3)]),
      article('c', [person('Obama', 4)], ['Obama']),
    ]);
    expect(famous.canonicalName('c', 'Obama')).toBe('Barack Obama');
    const comparable = buildPeopleDirectory([
      article('a', [person('Anna Berg', 3)]),
      article('b', [person('Erik Berg', 2)]),
      article('c', [person('Berg', 1)], ['Berg']),
    ]);
    expect(comparable.canonicalName('c', 'Berg')).toBe('Berg');
    expect(comparable.lookup('Berg').kind).toBe('ambiguous');
  });

  it('builds the same directory cooperatively as in one go', async () => {
    const articles = Array.from({ length: 3000 }, (_, index) =>
      article(`story-${index}`, [person(`Person${index % 700} Surname${index % 300}`, 1 + (index % 3)), person(`Surname${index % 50}`)], [`Person${index % 700} Surname${index % 300}`]),
    );
    const once = buildPeopleDirectory(articles);
    const sliced = await buildPeopleDirectoryCooperatively(articles, { sliceMs: 0 });
    expect(sliced.list()).toEqual(once.list());
    expect(sliced.canonicalName('story-7', 'Surname7')).toBe(once.canonicalName('story-7', 'Surname7'));
  });
});

const titled = (name: string, roles: string[], aliases: string[], mentions = 1): ArticlePerson => ({ name, aliases, roles, mentions, gender: null });

describe('people directory: two people with one surname (issue 11)', () => {
  it('keeps Pope Francis apart from Leonard Glenn Francis: a regnal title goes with a given name', () => {
    const directory = buildPeopleDirectory([
      article('navy', [person('Leonard Glenn Francis', 4)], ['Leonard Glenn Francis']),
      article('rome', [titled('Francis', ['pope'], ['Pope Francis', 'Francis'], 6)], ['Francis']),
    ]);
    expect(directory.canonicalName('rome', 'Francis')).toBe('Francis');
    const pope = directory.lookup('Pope Francis');
    expect(pope.kind === 'found' && pope.person.articleIds).toEqual(['rome']);
    const contractor = directory.lookup('Leonard Glenn Francis');
    expect(contractor.kind === 'found' && contractor.person.articleIds).toEqual(['navy']);
  });

  it('gives "President Clinton" to the Clinton called President elsewhere, even in an article about Hillary Clinton', () => {
    const directory = buildPeopleDirectory([
      article('a', [titled('Bill Clinton', ['president'], ['President Bill Clinton', 'Bill Clinton'], 3)]),
      article('b', [titled('Hillary Clinton', ['secretary'], ['Secretary Hillary Clinton', 'Hillary Clinton'], 5)]),
      article('c', [person('Hillary Clinton', 2), titled('Clinton', ['president'], ['President Clinton'], 1)], ['Clinton']),
    ]);
    expect(directory.canonicalName('c', 'Clinton')).toBe('Bill Clinton');
    const bill = directory.lookup('Bill Clinton');
    expect(bill.kind === 'found' && bill.person.quoteCount).toBe(1);
  });

  it('joins a "President Clinton" the article set apart from Hillary Clinton to Bill Clinton, who is found by name', () => {
    const directory = buildPeopleDirectory([
      article('a', [person('Bill Clinton', 3), person('Hillary Clinton', 2)]),
      article('b', [person('Hillary Clinton', 6), titled('President Clinton', ['president'], ['President Clinton', 'Clinton'], 4)], ['President Clinton', 'Hillary Clinton']),
    ]);
    expect(directory.canonicalName('b', 'President Clinton')).toBe('Bill Clinton');
    expect(directory.canonicalName('b', 'Hillary Clinton')).toBe('Hillary Clinton');
    const bill = directory.lookup('Bill Clinton');
    expect(bill.kind === 'found' && [bill.person.name, bill.person.quoteCount]).toEqual(['Bill Clinton', 1]);
    expect(directory.list().map((entry) => entry.name).sort()).toEqual(['Bill Clinton', 'Hillary Clinton']);
  });

  it('never shows a spelling that opens with a sentence word ("Without Huma Abedin") as the name', () => {
    const directory = buildPeopleDirectory([
      article('a', [person('Without Huma Abedin', 3)]),
      article('b', [person('Huma Abedin', 2)]),
    ]);
    expect(directory.list().map((entry) => entry.name)).toEqual(['Huma Abedin']);
  });
});

describe('people directory persistence', () => {
  it('round-trips through JSON: list, lookup, canonical names and organisations answer the same', () => {
    const built = buildPeopleDirectory([
      article('a', [person('Anna Berg', 3), person('Erik Berg', 2)], ['Anna Berg']),
      article('b', [person('Berg', 1), person('Vladimir Putin', 4)], ['Vladimir Putin']),
      { id: 'c', analysis: { people: [], quotes: [{ text: 'The report is wrong', kind: 'direct', speaker: 'the White House', speakerType: 'organization', start: 0, end: 5 }] } },
    ]);
    const restored = directoryFromJSON(directoryToJSON(built));
    expect(restored.list()).toEqual(built.list());
    expect(restored.organizations?.()).toEqual(built.organizations?.());
    for (const name of ['Berg', 'Anna Berg', 'Putin', 'President Putin', 'White House', 'Vladmir Putn', 'nobody']) expect(restored.lookup(name)).toEqual(built.lookup(name));
    for (const [id, name] of [['a', 'Anna Berg'], ['b', 'Berg'], ['b', 'Vladimir Putin'], ['x', 'Unknown']] as const) {
      expect(restored.canonicalName(id, name)).toBe(built.canonicalName(id, name));
    }
    expect(directoryToJSON(restored)).toBe(directoryToJSON(built));
  });
});

describe('people directory: misspellings', () => {
  it('folds a rare one-letter misspelling of a given name into the far better-known person, and no more', () => {
    const directory = buildPeopleDirectory([
      article('a', [person('Barack Obama', 40)]),
      article('b', [person('Barrack Obama', 1)], ['Barrack Obama']),
      article('c', [person('Marie Smith', 2)]),
      article('d', [person('Maria Smith', 2)]),
    ]);
    expect(directory.canonicalName('b', 'Barrack Obama')).toBe('Barack Obama');
    expect(directory.list().map((entry) => entry.name).sort()).toEqual(['Barack Obama', 'Maria Smith', 'Marie Smith']);
  });
});

describe('people directory: one full name, two occupations', () => {
  it('keeps a general and a journalist called John Allen apart, and asks which one is meant', () => {
    const directory = buildPeopleDirectory([
      article('war', [titled('John Allen', ['gen.'], ['Gen. John Allen', 'John Allen'], 5)], ['John Allen']),
      article('vatican', [titled('John Allen', ['cnn vatican analyst'], ['CNN Vatican analyst John Allen', 'John Allen'], 4)], ['John Allen']),
      article('later', [person('John Allen', 1)]),
    ]);
    expect(directory.list().filter((entry) => entry.name === 'John Allen').map((entry) => entry.articleIds.sort())).toEqual([['later', 'war'], ['vatican']]);
    expect(directory.lookup('John Allen').kind).toBe('ambiguous');
  });

  it('keeps a father and son whose middle initials disagree apart, and lets a name without initials join', () => {
    const directory = buildPeopleDirectory([
      article('library', [
        titled('George W. Bush', ['president'], ['President George W. Bush', 'George W. Bush', 'Bush'], 2),
        titled('George H.W. Bush', ['former president'], ['former President George H.W. Bush', 'George H.W. Bush', 'Bush'], 4),
      ], ['George W. Bush', 'George H.W. Bush']),
      article('campaign', [person('George Bush', 2)]),
    ]);
    const son = directory.lookup('George W. Bush');
    const father = directory.lookup('George H.W. Bush');
    expect(son.kind === 'found' && son.person.name).toBe('George W. Bush');
    expect(father.kind === 'found' && father.person.name).toBe('George H.W. Bush');
    expect(directory.canonicalName('library', 'George H.W. Bush')).not.toBe(directory.canonicalName('library', 'George W. Bush'));
    expect(directory.list().filter((entry) => entry.name.endsWith('Bush'))).toHaveLength(2);
  });

  it('does not split a retired general who is now a military analyst', () => {
    const directory = buildPeopleDirectory([
      article('a', [titled('Mark Hertling', ['lt. gen.'], ['Lt. Gen. Mark Hertling'], 3)]),
      article('b', [titled('Mark Hertling', ['cnn military analyst'], ['CNN military analyst Mark Hertling'], 2)]),
    ]);
    expect(directory.list()).toHaveLength(1);
  });
});
