import { describe, expect, it } from 'vitest';
import { digestSince, listingKeys, notableQuote } from '../../src/answers/digest.js';
import type { Quote } from '../../src/analysis/types.js';
import { article, FakeCatalog } from '../digest/fakes.js';

const quote = (text: string, kind: Quote['kind'] = 'direct', speaker: string | null = 'Ana Lima', speakerType: Quote['speakerType'] = 'person'): Quote => ({
  text,
  kind,
  speaker,
  speakerType,
  start: 0,
  end: 0,
});

describe('digestSince', () => {
  const catalog = new FakeCatalog([
    article({ id: 'before.txt', title: 'Before the window', date: '2026-03-30', addedAt: '2026-04-01T07:59:59.000Z' }),
    article({ id: 'edge.txt', title: 'Exactly at since', date: '2026-03-30', addedAt: '2026-04-01T08:00:00.000Z' }),
    article({ id: 'older.txt', title: 'Older date, added last', date: '2026-03-01', addedAt: '2026-04-01T11:00:00.000Z' }),
    article({ id: 'newer.txt', title: 'Newer date on sanctions', date: '2026-03-31', addedAt: '2026-04-01T09:00:00.000Z' }),
    article({ id: 'undated.txt', title: 'Undated piece', date: null, addedAt: '2026-04-01T09:30:00.000Z' }),
    article({ id: 'same-a.txt', title: 'Same date, added first', date: '2026-03-15', addedAt: '2026-04-01T08:30:00.000Z' }),
    article({ id: 'same-b.txt', title: 'Same date, added later', date: '2026-03-15', addedAt: '2026-04-01T10:30:00.000Z' }),
    article({ id: 'after.txt', title: 'After until', date: '2026-04-02', addedAt: '2026-04-01T12:00:01.000Z' }),
  ]);

  it('lists articles added in (since, until], newest date first, undated last, then most recently added', () => {
    const answer = digestSince(catalog, { since: '2026-04-01T08:00:00.000Z', until: '2026-04-01T12:00:00.000Z' });
    expect(answer.items.map((item) => item.articleId)).toEqual(['newer.txt', 'same-b.txt', 'same-a.txt', 'older.txt', 'undated.txt']);
    expect(answer.more).toBe(0);
    expect(answer.filter).toBeNull();
  });

  it('keeps only articles matching the filter', () => {
    const answer = digestSince(catalog, { since: '2026-04-01T08:00:00.000Z', filter: '  sanctions ' });
    expect(answer.items.map((item) => item.articleId)).toEqual(['newer.txt']);
    expect(answer.filter).toBe('sanctions');
  });

  it('looks back past since for articles no earlier post listed, and lists each article once', () => {
    const first = digestSince(catalog, { since: '2026-04-01T08:00:00.000Z', until: '2026-04-01T10:00:00.000Z' });
    expect(first.listed.map((entry) => entry.articleId).sort()).toEqual(['newer.txt', 'same-a.txt', 'undated.txt']);
    const already = new Set(first.listed.flatMap(listingKeys));
    // An article stamped inside the first window that the catalog showed only later.
    const late = article({ id: 'late.txt', title: 'Indexed late', date: '2026-03-31', addedAt: '2026-04-01T09:59:00.000Z' });
    const later = new FakeCatalog([...catalog.all().map((meta) => catalog.get(meta.id)!), late]);
    const next = digestSince(later, { since: '2026-04-01T10:00:00.000Z', until: '2026-04-01T12:00:00.000Z', lookbackFrom: '2026-04-01T08:00:00.000Z', already });
    expect(next.items.map((item) => item.articleId)).toEqual(['late.txt', 'same-b.txt', 'older.txt']);
    expect(next.since).toBe('2026-04-01T10:00:00.000Z');
  });

  it('does not list again the same content under a new file name (same first-seen stamp and title)', () => {
    const original = article({ id: 'desk/story.txt', title: 'Harbour reopens', addedAt: '2026-04-01T09:00:00.000Z' });
    const already = new Set(listingKeys({ articleId: original.id, addedAt: original.addedAt, title: original.title }));
    const renamed = new FakeCatalog([{ ...original, id: 'archive/story.txt' }]);
    expect(digestSince(renamed, { since: '2026-04-01T10:00:00.000Z', lookbackFrom: '2026-04-01T08:00:00.000Z', already }).items).toEqual([]);
    const changed = new FakeCatalog([{ ...original, addedAt: '2026-04-01T11:00:00.000Z' }]);
    expect(digestSince(changed, { since: '2026-04-01T10:00:00.000Z', lookbackFrom: '2026-04-01T08:00:00.000Z', already }).items).toHaveLength(1);
  });

  it('caps at max and counts the rest', () => {
    const answer = digestSince(catalog, { since: '2026-04-01T08:00:00.000Z', max: 2 });
    expect(answer.items).toHaveLength(2);
    expect(answer.more).toBe(4);
    // What max leaves out is still covered: the next post does not bring it back.
    expect(answer.listed).toHaveLength(6);
  });

  it('carries title, date, summary and the notable quote with its canonical speaker', () => {
    const withQuote = new FakeCatalog([
      article({
        id: 'q.txt',
        title: 'Quoted',
        date: '2026-04-01',
        addedAt: '2026-04-01T09:00:00.000Z',
        summary: ['First sentence.', 'Second sentence.'],
        quotes: [{ text: 'We will rebuild every school in the region within two years', speaker: 'Lima' }],
      }),
    ]);
    const [item] = digestSince(withQuote, { since: '2026-04-01T00:00:00.000Z' }).items;
    expect(item).toMatchObject({ title: 'Quoted', date: '2026-04-01', summary: 'First sentence. Second sentence.' });
    expect(item?.quote).toEqual({ speaker: 'Lima', kind: 'direct', text: 'We will rebuild every school in the region within two years' });
  });

  it('says when the corpus is still loading', () => {
    const loading = new FakeCatalog();
    loading.ready = false;
    expect(digestSince(loading, { since: '2026-04-01T00:00:00.000Z' }).loading).toBe(true);
  });
});

describe('notableQuote', () => {
  it('prefers a full direct quote by a named person, the most informative one', () => {
    const chosen = notableQuote([
      quote('a reported statement that is quite long and detailed about the budget and its effects', 'indirect'),
      quote('Short and sharp words here today'),
      quote('This budget will cut waiting times in every hospital across the country by half', 'direct'),
      quote('The ministry will publish every figure behind this decision next week', 'direct', 'the ministry', 'organization'),
    ]);
    expect(chosen?.text).toBe('This budget will cut waiting times in every hospital across the country by half');
  });

  it('falls back to reported speech, then fragments, and never to organisations or unnamed sources', () => {
    expect(notableQuote([quote('a fairy tale', 'mixed'), quote('the plan would fail within a year', 'indirect')])?.kind).toBe('indirect');
    expect(notableQuote([quote('a fairy tale', 'mixed'), quote('disaster', 'direct')])?.text).toBe('disaster');
    expect(notableQuote([quote('We have been clear about it from the start of talks', 'direct', 'a diplomat', 'unnamed')])).toBeNull();
    expect(notableQuote([quote('Words without anyone to say them here', 'direct', null)])).toBeNull();
    expect(notableQuote([])).toBeNull();
  });
});
