import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DigestAnswer, DigestItem } from '../../src/answers/digest.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { embedLength } from '../../src/discord/present.js';
import { digestMessages } from '../../src/digest/messages.js';
import { digestCommandOutput, digestJson, digestView } from '../../src/render/digest.js';
import { viewToText } from '../../src/render/text.js';
import { article, FakeCatalog } from '../digest/fakes.js';
import { hostileText } from './arbitraries.js';

const item = (overrides: Partial<DigestItem> = {}): DigestItem => ({
  articleId: 'a.txt',
  title: 'Port reopens',
  date: '2026-04-01',
  source: 'MENAFN',
  url: null,
  addedAt: '2026-04-01T08:00:00.000Z',
  summary: 'The port reopened on Monday.',
  quote: { speaker: 'Ana Lima', kind: 'direct', text: 'We are open for business' },
  ...overrides,
});
const answer = (overrides: Partial<DigestAnswer> = {}): DigestAnswer => ({
  since: '2026-04-01T07:00:00.000Z',
  until: null,
  filter: null,
  items: [item()],
  more: 0,
  listed: [],
  loading: false,
  ...overrides,
});

describe('digestView', () => {
  it('shows each article with its date, source, summary and quote', () => {
    const text = viewToText(digestView(answer()));
    expect(text).toContain('1 new article since 2026-04-01 07:00 UTC');
    expect(text).toContain('Port reopens (2026-04-01 · MENAFN)');
    expect(text).toContain('The port reopened on Monday.');
    expect(text).toContain('Ana Lima: “We are open for business”');
  });

  it('links each title to its article: a URL line in text, a masked link and a Discord timestamp in the post', () => {
    const linked = answer({ items: [item({ url: 'https://news.example/port' })] });
    expect(viewToText(digestView(linked))).toContain('Port reopens (2026-04-01 · MENAFN)\n  https://news.example/port');
    const [message] = digestMessages(digestView(linked));
    expect(message?.embeds[0]?.description).toContain('**[Port reopens](https://news.example/port)**\n-# <t:1775044800:D> · MENAFN');
    expect(digestJson(linked).articles[0]?.url).toBe('https://news.example/port');
  });

  it('marks reported speech as such and shortens a very long quote', () => {
    const reported = viewToText(digestView(answer({ items: [item({ quote: { speaker: 'Ana Lima', kind: 'indirect', text: 'the port would reopen' } })] })));
    expect(reported).toContain('Ana Lima: Reported: the port would reopen');
    const long = viewToText(digestView(answer({ items: [item({ quote: { speaker: 'X', kind: 'direct', text: 'word '.repeat(500) } })] })));
    expect(long).toMatch(/word…”/);
    expect(long.length).toBeLessThan(800);
  });

  it('says when nothing is new, with the filter, and counts what max left out', () => {
    expect(viewToText(digestView(answer({ items: [], filter: 'ports' })))).toContain('Nothing new matching ports since');
    const capped = digestView(answer({ more: 4 }));
    expect(capped.intro.map((line) => line.map((span) => span.text).join('')).join('\n')).toContain('5 new articles');
    expect(capped.footer).toBe('4 more articles not shown: see /summary');
  });

  it('shows undated articles as undated', () => {
    expect(viewToText(digestView(answer({ items: [item({ date: null, source: null })] })))).toContain('Port reopens (undated)');
  });

  it('becomes Discord messages within every limit and escaped, whatever the article text', () => {
    const hostileItem = fc.record({
      articleId: fc.string(),
      title: hostileText,
      date: fc.option(fc.constant('2026-04-01'), { nil: null }),
      source: fc.option(hostileText, { nil: null }),
      url: fc.option(fc.constantFrom('https://example.com/a(b)', 'javascript:alert(1)', 'not a url', `https://example.com/${'x'.repeat(3000)}`), { nil: null }),
      addedAt: fc.constant('2026-04-01T08:00:00.000Z'),
      summary: hostileText,
      quote: fc.option(fc.record({ speaker: hostileText, kind: fc.constantFrom('direct' as const, 'indirect' as const, 'mixed' as const), text: hostileText }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(hostileItem, { maxLength: 12 }), fc.nat(100), fc.option(hostileText, { nil: null }), (items, more, filter) => {
        const messages = digestMessages(digestView(answer({ items, more, filter })));
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          expect(message.embeds.length).toBeGreaterThan(0);
          expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
          expect(message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          for (const embed of message.embeds) {
            expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
            expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
            expect(embed.description ?? '').not.toMatch(/@(everyone|here)/);
            expect(embed.description ?? '').not.toMatch(/<@&?\d/);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('digestCommandOutput (newsdesk digest)', () => {
  const catalog = new FakeCatalog([
    article({ id: 'a.txt', title: 'Sanctions widen', date: '2026-04-01', addedAt: '2026-04-01T09:00:00.000Z' }),
    article({ id: 'b.txt', title: 'Harbour news', date: '2026-03-31', addedAt: '2026-04-01T10:00:00.000Z' }),
    article({ id: 'c.txt', title: 'Earlier', date: '2026-03-01', addedAt: '2026-03-01T10:00:00.000Z' }),
  ]);

  it('prints the digest since a date as text', () => {
    const text = digestCommandOutput(catalog, { since: '2026-04-01' });
    expect(text).toContain('2 new articles since 2026-04-01 00:00 UTC');
    expect(text.indexOf('Sanctions widen')).toBeLessThan(text.indexOf('Harbour news'));
    expect(text).not.toContain('Earlier');
  });

  it('prints one JSON document with --json, filtered', () => {
    const json = JSON.parse(digestCommandOutput(catalog, { since: '2026-04-01T00:00:00Z', filter: 'harbour', json: true }));
    expect(json).toEqual({
      since: '2026-04-01T00:00:00.000Z',
      until: null,
      filter: 'harbour',
      articles: [
        { articleId: 'b.txt', title: 'Harbour news', date: '2026-03-31', source: null, url: null, addedAt: '2026-04-01T10:00:00.000Z', summary: 'Summary of Harbour news.', quote: null },
      ],
      more: 0,
    });
    expect(digestJson(answer({ items: [], more: 3 }))).toMatchObject({ articles: [], more: 3 });
  });

  it('explains a --since that is not a date', () => {
    for (const bad of ['yesterday', '2026-13-45', '', '01/04/2026']) {
      expect(() => digestCommandOutput(catalog, { since: bad })).toThrow(/--since .* is not a date: use ISO 8601/);
    }
  });
});
