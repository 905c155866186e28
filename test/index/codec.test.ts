import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bodyText, type Block } from '../../src/corpus/article.js';
import { decodeArticle, encodeArticle } from '../../src/index/codec.js';
import type { ArticlePerson } from '../../src/analysis/types.js';
import type { IndexedArticle } from '../../src/index/types.js';

const block = fc.record({ kind: fc.constantFrom<Block['kind']>('paragraph', 'heading'), text: fc.string({ unit: 'grapheme', maxLength: 80 }) });

/** An article whose sentences and quotes are sometimes exact body slices and sometimes not. */
const article = fc.array(block, { maxLength: 6 }).chain((blocks) => {
  const body = bodyText({ blocks });
  const span = fc
    .tuple(fc.nat({ max: body.length }), fc.nat({ max: body.length }), fc.boolean(), fc.string({ maxLength: 10 }))
    .map(([a, b, exact, other]) => {
      const start = Math.min(a, b);
      const end = Math.max(a, b);
      return { start, end, text: exact ? body.slice(start, end) : other };
    });
  return fc.record({
    id: fc.constant('folder/story.md'),
    title: fc.string(),
    titleDerived: fc.boolean(),
    date: fc.option(fc.constant('2025-09-12')),
    source: fc.option(fc.string()),
    url: fc.constant(null),
    author: fc.constant(null),
    blocks: fc.constant(blocks),
    addedAt: fc.constant('2026-01-01T00:00:00.000Z'),
    analysis: fc.record({
      sentences: fc.array(span.map((item) => ({ ...item, block: 0, heading: false })), { maxLength: 5 }),
      people: fc.constant<ArticlePerson[]>([{ name: 'Zoë Kowalczyk', aliases: ['Kowalczyk'], roles: ['minister'], mentions: 2, gender: 'female' }]),
      quotes: fc.array(span.map((item) => ({ ...item, kind: 'direct' as const, speaker: null, speakerType: 'unnamed' as const })), { maxLength: 3 }),
      summary: fc.array(fc.string(), { maxLength: 3 }),
    }),
  }).map((input) => ({
    // Summaries are usually sentences of the article; sometimes not.
    ...input,
    analysis: { ...input.analysis, summary: [...input.analysis.summary, ...input.analysis.sentences.slice(0, 2).map((s) => s.text)] },
  }));
});

describe('article codec', () => {
  it('decodes exactly what it encoded', () => {
    fc.assert(
      fc.property(article, (input: IndexedArticle) => {
        expect(decodeArticle(encodeArticle(input), input.addedAt)).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('stores the body text once, not again for every sentence', () => {
    const text = 'The council approved the budget on Monday. Opposition members walked out in protest.';
    const input: IndexedArticle = {
      id: 'a.md', title: 'Budget', titleDerived: false, date: null, source: null, url: null, author: null,
      blocks: [{ kind: 'paragraph', text }],
      addedAt: '2026-01-01T00:00:00.000Z',
      analysis: {
        sentences: [
          { text: text.slice(0, 42), start: 0, end: 42, block: 0, heading: false },
          { text: text.slice(43), start: 43, end: text.length, block: 0, heading: false },
        ],
        people: [], quotes: [], summary: [text.slice(43)],
      },
    };
    const encoded = encodeArticle(input);
    expect(encoded.split('Opposition members').length - 1).toBe(1);
    expect(decodeArticle(encoded, input.addedAt)).toEqual(input);
  });
});
