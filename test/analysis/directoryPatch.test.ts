import { describe, expect, it } from 'vitest';
import { patchDirectory, type PatchedArticle } from '../../src/analysis/directoryPatch.js';
import { buildPeopleDirectory, type DirectoryArticle } from '../../src/analysis/peopleDirectory.js';
import type { ArticlePerson } from '../../src/analysis/types.js';

const person = (name: string, aliases: string[] = [name], mentions = 1, roles: string[] = []): ArticlePerson => ({
  name,
  aliases,
  roles,
  mentions,
  gender: null,
});

const article = (id: string, people: ArticlePerson[], speakers: string[] = []): DirectoryArticle => ({
  id,
  analysis: { people, quotes: speakers.map((speaker) => ({ speaker, speakerType: 'person' as const })) },
});

const corpus = [
  article('a1', [person('Vladimir Putin', ['Vladimir Putin', 'Putin'], 3)], ['Vladimir Putin']),
  article('a2', [person('Hillary Clinton', ['Hillary Clinton', 'Clinton'], 2)], ['Hillary Clinton']),
  article('a3', [person('Bill Clinton', ['Bill Clinton', 'Clinton'], 2)], ['Bill Clinton']),
];

describe('patchDirectory', () => {
  it('gives a new article’s quote to the person the corpus already knows by that name', () => {
    const base = buildPeopleDirectory(corpus);
    const before = base.lookup('Vladimir Putin');
    const patched = patchDirectory(base, [article('new', [person('Putin', ['Putin', 'President Putin'])], ['Putin'])]);
    const found = patched.lookup('Putin');
    expect(found.kind).toBe('found');
    if (found.kind !== 'found' || before.kind !== 'found') return;
    expect(found.person.name).toBe('Vladimir Putin');
    expect(found.person.articleIds).toEqual(expect.arrayContaining(['a1', 'new']));
    expect(found.person.quoteCount).toBe(before.person.quoteCount + 1);
    expect(patched.canonicalName('new', 'Putin')).toBe('Vladimir Putin');
    // The base is untouched: it still answers as it did.
    expect(before.person.articleIds).toEqual(['a1']);
    expect(patched.list().find((entry) => entry.name === 'Vladimir Putin')?.quoteCount).toBe(2);
  });

  it('adds someone the corpus did not know, findable and listed', () => {
    const patched = patchDirectory(buildPeopleDirectory(corpus), [article('new', [person('Ngozi Okonjo-Iweala', ['Ngozi Okonjo-Iweala', 'Okonjo-Iweala'], 4)], ['Ngozi Okonjo-Iweala', 'Ngozi Okonjo-Iweala'])]);
    const found = patched.lookup('Okonjo-Iweala');
    expect(found.kind === 'found' && found.person.name).toBe('Ngozi Okonjo-Iweala');
    const listed = patched.list();
    // Two quotes rank her first, above every one-quote person of the base.
    expect(listed[0]?.name).toBe('Ngozi Okonjo-Iweala');
    expect(listed).toHaveLength(4);
  });

  it('gives a shared surname to the namesake the same article names in full, and to no one otherwise', () => {
    const base = buildPeopleDirectory(corpus);
    const withFullName = patchDirectory(base, [article('n1', [person('Bill Clinton'), person('Clinton')], ['Clinton'])]);
    expect(withFullName.canonicalName('n1', 'Clinton')).toBe('Bill Clinton');
    const alone = patchDirectory(base, [article('n2', [person('Clinton')], ['Clinton'])]);
    // Unplaced: the quote keeps the article's own name and joins neither Clinton until the full build decides.
    expect(alone.canonicalName('n2', 'Clinton')).toBe('Clinton');
    const lookup = alone.lookup('Clinton');
    expect(lookup.kind).toBe('ambiguous');
    if (lookup.kind === 'ambiguous') for (const candidate of lookup.candidates) expect(candidate.articleIds).not.toContain('n2');
  });

  it('answers for a removed or rewritten article from the patch only', () => {
    const base = buildPeopleDirectory(corpus);
    const removed: PatchedArticle = { id: 'a1', analysis: null };
    const patched = patchDirectory(base, [removed, article('a3', [person('Bill Clinton', ['Bill Clinton'], 1)], [])]);
    expect(patched.canonicalName('a1', 'Vladimir Putin')).toBe('Vladimir Putin'); // no mapping left: the raw name
    const bill = patched.lookup('Bill Clinton');
    expect(bill.kind === 'found' && bill.person.articleIds).toEqual(['a3']);
    // Unchanged articles still resolve through the base.
    expect(patched.canonicalName('a2', 'Hillary Clinton')).toBe('Hillary Clinton');
  });
});
