/** Corpus-wide merging rules of the people directory, and its cooperative build. */
import { describe, expect, it } from 'vitest';
import { buildPeopleDirectory, buildPeopleDirectoryCooperatively, type DirectoryArticle } from '../../src/analysis/peopleDirectory.js';
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
