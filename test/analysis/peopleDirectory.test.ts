import { describe, expect, it } from 'vitest';
import { buildPeopleDirectory, directoryFromPieces, directoryPieces, type DirectoryArticle } from '../../src/analysis/peopleDirectory.js';
import { runSteps } from '../../src/lib/sortInSteps.js';
import type { ArticlePerson, Quote } from '../../src/analysis/types.js';

const person = (name: string, aliases: string[] = [], roles: string[] = [], mentions = 1): ArticlePerson => ({ name, aliases: [name, ...aliases], roles, mentions, gender: null });
const quote = (speaker: string): Quote => ({ text: 'words', kind: 'direct', speaker, speakerType: 'person', start: 0, end: 5 });
const article = (id: string, people: ArticlePerson[], quotes: Quote[] = []): DirectoryArticle => ({ id, analysis: { people, quotes } });

const corpus = [
  article('a.txt', [person('Vladimir Putin', ['Putin', 'Russian President Vladimir Putin'], ['russian president'], 3)], [quote('Vladimir Putin')]),
  article('b.txt', [person('Putin', ['President Putin'], ['president'], 2)], [quote('Putin'), quote('Putin')]),
  article('c.txt', [person('Bill Clinton', ['Clinton'], ['former president']), person('Hillary Clinton', ['Clinton'])], [quote('Hillary Clinton')]),
  article('d.txt', [person('Zoë Kowalczyk', ['Kowalczyk'])]),
  article('e.txt', [person('Jean-Luc O’Brien', ['O’Brien'])]),
];

describe('people directory', () => {
  const directory = buildPeopleDirectory(corpus);

  it('merges every form of a name under the fullest one and counts quotes and mentions', () => {
    const putin = directory.list().filter((entry) => entry.name.includes('Putin'));
    expect(putin).toHaveLength(1);
    expect(putin[0]).toMatchObject({ name: 'Vladimir Putin', quoteCount: 3, mentions: 5 });
    expect(putin[0]!.articleIds.sort()).toEqual(['a.txt', 'b.txt']);
    expect(directory.canonicalName('b.txt', 'Putin')).toBe('Vladimir Putin');
  });

  it('looks names up whatever the case, accents or title', () => {
    for (const typed of ['Putin', 'putin', 'President Putin', 'VLADIMIR PUTIN', 'Russian President Vladimir Putin']) {
      expect(directory.lookup(typed)).toMatchObject({ kind: 'found', person: { name: 'Vladimir Putin' } });
    }
    expect(directory.lookup('zoe kowalczyk')).toMatchObject({ kind: 'found', person: { name: 'Zoë Kowalczyk' } });
    expect(directory.lookup("o'brien")).toMatchObject({ kind: 'found', person: { name: 'Jean-Luc O’Brien' } });
  });

  it('keeps people who share a surname apart and offers them as a choice', () => {
    const lookup = directory.lookup('Clinton');
    expect(lookup.kind).toBe('ambiguous');
    if (lookup.kind === 'ambiguous') expect(lookup.candidates.map((entry) => entry.name).sort()).toEqual(['Bill Clinton', 'Hillary Clinton']);
    expect(directory.lookup('Hillary Clinton')).toMatchObject({ kind: 'found', person: { name: 'Hillary Clinton', quoteCount: 1 } });
  });

  it('suggests close names for a name it does not know', () => {
    const typo = directory.lookup('Puttin');
    expect(typo.kind).toBe('unknown');
    if (typo.kind === 'unknown') expect(typo.suggestions.map((entry) => entry.name)).toContain('Vladimir Putin');
    const prefix = directory.lookup('Kowal');
    if (prefix.kind !== 'unknown') throw new Error('expected unknown');
    expect(prefix.suggestions.map((entry) => entry.name)).toEqual(['Zoë Kowalczyk']);
    const nothing = directory.lookup('Xqzzyv');
    expect(nothing).toEqual({ kind: 'unknown', suggestions: [] });
    const many = buildPeopleDirectory(Array.from({ length: 20 }, (_, index) => article(`${index}.txt`, [person(`Anna Smith${'x'.repeat(index)}`)])));
    const capped = many.lookup('Anna Smit');
    if (capped.kind !== 'unknown') throw new Error('expected unknown');
    expect(capped.suggestions.length).toBeLessThanOrEqual(5);
  });

  it('lists the most quoted first, then the most mentioned', () => {
    expect(directory.list().map((entry) => entry.name).slice(0, 2)).toEqual(['Vladimir Putin', 'Hillary Clinton']);
  });

  it('keeps a surname that could mean several people as its own entry', () => {
    const split = buildPeopleDirectory([...corpus, article('f.txt', [person('Clinton', [], [], 1)])]);
    expect(split.canonicalName('f.txt', 'Clinton')).toBe('Clinton');
    const roleHint = buildPeopleDirectory([...corpus, article('g.txt', [person('Clinton', [], ['former president'], 1)])]);
    expect(roleHint.canonicalName('g.txt', 'Clinton')).toBe('Bill Clinton');
  });

  it('builds quickly enough for a large corpus (linear work per person)', () => {
    const articles = Array.from({ length: 20_000 }, (_, index) => article(`${index}.txt`, [person(`Person${index} Surname${index % 5000}`), person(`Surname${index % 5000}`)]));
    const big = buildPeopleDirectory(articles);
    expect(big.list().length).toBeGreaterThanOrEqual(5000);
  });
});

describe('the people directory saved in pieces', () => {
  it('answers exactly as the built one after a restore from its pieces', () => {
    const person = (name: string, aliases: string[], mentions = 2) => ({ name, aliases, roles: [], mentions, gender: null });
    const quote = (speaker: string) => ({ text: 'We will rebuild the port.', kind: 'direct' as const, speaker, speakerType: 'person' as const, start: 0, end: 0 });
    const articles = Array.from({ length: 30 }, (_, index) => ({
      id: `a${index}.md`,
      analysis: {
        people: [person('Vladimir Putin', ['Vladimir Putin', 'Putin']), person(`Ana Lima ${index % 3}`, [`Ana Lima ${index % 3}`])],
        quotes: [quote('Vladimir Putin')],
      },
    }));
    const built = buildPeopleDirectory(articles);
    const restored = runSteps(directoryFromPieces([...directoryPieces(built)]));
    expect(restored.list()).toEqual(built.list());
    expect(restored.lookup('Putin')).toEqual(built.lookup('Putin'));
    expect(restored.canonicalName('a3.md', 'Vladimir Putin')).toBe(built.canonicalName('a3.md', 'Vladimir Putin'));
    expect(() => runSteps(directoryFromPieces(['{"kind":"entries","items":[]}']))).toThrow(/not a saved people directory/);
  });

  it('cuts the saved form into pieces small enough to write and read in one short step, whatever a person’s fame', () => {
    // Forty people in 20,000 articles each: one record is big, so pieces must be cut by size, not only by count.
    const ids = Array.from({ length: 20_000 }, (_, index) => `story-number-${index}.md`);
    const articles = ids.map((id, index) => ({
      id,
      analysis: {
        people: Array.from({ length: 40 }, (_, n) => ({ name: `Person${n} Surname${n}`, aliases: [`Person${n} Surname${n}`], roles: [], mentions: 1 + (index % 2), gender: null })),
        quotes: [],
      },
    }));
    const built = buildPeopleDirectory(articles);
    const pieces = [...directoryPieces(built)];
    const largest = Math.max(...pieces.map((piece) => piece.length));
    const oneRecord = JSON.stringify(built.list()[0]).length;
    // A piece holds one record at most when a record alone is near the bound.
    expect(largest).toBeLessThan(Math.max(300 * 1024, 1.1 * oneRecord));
    const restored = runSteps(directoryFromPieces(pieces));
    expect(restored.list()).toEqual(built.list());
  });
});
