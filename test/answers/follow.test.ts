import { describe, expect, it } from 'vitest';
import { listingKeys } from '../../src/answers/digest.js';
import { followAnswer } from '../../src/answers/follow.js';
import { article, FakeCatalog } from '../digest/fakes.js';

const since = '2026-04-01T08:00:00.000Z';
const nothing = () => false;

describe('followAnswer', () => {
  const catalog = new FakeCatalog([
    article({ id: 'old.txt', title: 'Lima spoke before the follow', addedAt: '2026-04-01T07:00:00.000Z', quotes: [{ text: 'Old words here', speaker: 'Ana Lima' }] }),
    article({ id: 'quoted.txt', title: 'Budget vote', date: '2026-04-01', addedAt: '2026-04-01T09:00:00.000Z', quotes: [
      { text: 'We will cut nothing that matters to families', speaker: 'Ana Lima' },
      { text: 'A longer statement by somebody else entirely, with many more words in it than hers', speaker: 'Rui Costa' },
    ] }),
    article({ id: 'mentioned.txt', title: 'Ana Lima visits the port', addedAt: '2026-04-01T09:30:00.000Z', quotes: [{ text: 'The port is ready', speaker: 'Rui Costa' }] }),
    article({ id: 'org.txt', title: 'Ministry statement', addedAt: '2026-04-01T09:40:00.000Z', quotes: [{ text: 'Ana Lima is wrong', speaker: 'Ana Lima', speakerType: 'organization' }] }),
  ]);

  it('lists the new articles quoting the person, with that person’s quote, and rejects the others', () => {
    const answer = followAnswer(catalog, { kind: 'person', name: 'Ana Lima' }, { since, skip: nothing, max: 10 });
    expect(answer.items.map((item) => item.articleId)).toEqual(['quoted.txt']);
    expect(answer.items[0]?.quote).toMatchObject({ speaker: 'Ana Lima', text: 'We will cut nothing that matters to families' });
    expect(answer.rejected.map((item) => item.articleId).sort()).toEqual(['mentioned.txt', 'org.txt']);
    expect(answer.listed.map((item) => item.articleId)).toEqual(['quoted.txt']);
  });

  it('reads at most the budget of articles for a person, newest first, leaving the rest unrejected for the next call', () => {
    const answer = followAnswer(catalog, { kind: 'person', name: 'Ana Lima' }, { since, skip: nothing, max: 10, budget: 2 });
    expect(answer.items).toEqual([]);
    expect(answer.rejected.map((item) => item.articleId).sort()).toEqual(['mentioned.txt', 'org.txt']);
    const rest = new Set(answer.rejected.flatMap(listingKeys));
    const next = followAnswer(catalog, { kind: 'person', name: 'Ana Lima' }, { since, skip: (key) => rest.has(key), max: 10, budget: 2 });
    expect(next.items.map((item) => item.articleId)).toEqual(['quoted.txt']);
  });

  it('lists new articles matching a topic, skips what it is told to, and leaves articles past max for the next post', () => {
    const ports = new FakeCatalog([
      article({ id: 'a.txt', title: 'Port strike ends', date: '2026-04-02', addedAt: '2026-04-01T09:00:00.000Z' }),
      article({ id: 'b.txt', title: 'Port fees rise', date: '2026-04-03', addedAt: '2026-04-01T09:10:00.000Z' }),
      article({ id: 'c.txt', title: 'Port gets a crane', date: '2026-04-04', addedAt: '2026-04-01T09:20:00.000Z' }),
      article({ id: 'd.txt', title: 'Rail timetable', addedAt: '2026-04-01T09:30:00.000Z' }),
    ]);
    const posted = new Set(listingKeys({ articleId: 'c.txt', addedAt: '2026-04-01T09:20:00.000Z', title: 'Port gets a crane' }));
    const answer = followAnswer(ports, { kind: 'topic', query: ' port ' }, { since, skip: (key) => posted.has(key), max: 1 });
    expect(answer.target).toBe('port');
    expect(answer.items.map((item) => item.articleId)).toEqual(['b.txt']);
    expect(answer.listed.map((item) => item.articleId)).toEqual(['b.txt']);
    expect(answer.more).toBe(0);
    expect(answer.rejected.map((item) => item.articleId)).toEqual(['d.txt']);
  });
});
