import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Block } from '../../src/corpus/article.js';
import { ELLIPSIS, excerpts, type Excerpt } from '../../src/index/excerpt.js';
import { queryTerms, tokenSpans } from '../../src/index/tokenize.js';

const paragraphs = (...texts: string[]): { blocks: Block[] } => ({
  blocks: texts.map((text) => ({ kind: 'paragraph' as const, text })),
});

const highlighted = (excerpt: Excerpt) => excerpt.highlights.map(([start, end]) => excerpt.text.slice(start, end));

const filler = (words: number, word = 'weather') => Array.from({ length: words }, () => word).join(' ') + '.';

describe('excerpts', () => {
  it('highlights every matched word, including other forms of the same stem', () => {
    const article = paragraphs('The EU agreed new sanctions on Tuesday. The sanction package targets banks.');
    const [excerpt] = excerpts(article, queryTerms('sanctions'));
    expect(highlighted(excerpt!)).toEqual(['sanctions', 'sanction']);
  });

  it('picks the window with the most distinct query terms over one with more repeats of a single term', () => {
    const article = paragraphs(
      `Oil oil oil oil oil oil. ${filler(80)}`,
      `Ministers discussed oil and sanctions late into the night. ${filler(80)}`,
    );
    const [excerpt] = excerpts(article, queryTerms('oil sanctions'));
    expect(highlighted(excerpt!).map((word) => word.toLowerCase()).sort()).toEqual(['oil', 'sanctions']);
    expect(excerpt!.text).toContain('Ministers discussed oil and sanctions');
  });

  it('keeps about the window size, cuts at word boundaries and marks cuts with an ellipsis', () => {
    const article = paragraphs(`${filler(100, 'alpha')} Then the sanctions came ${filler(100, 'omega')}`);
    const [excerpt] = excerpts(article, queryTerms('sanctions'), { windowChars: 120 });
    expect(excerpt!.text.length).toBeLessThanOrEqual(122);
    expect(excerpt!.text.length).toBeGreaterThan(90);
    expect(excerpt!.text.startsWith(ELLIPSIS) || excerpt!.text.startsWith('Then')).toBe(true);
    expect(excerpt!.text.endsWith(ELLIPSIS)).toBe(true);
    const words = excerpt!.text.replaceAll(ELLIPSIS, ' ').trim().split(/\s+/);
    for (const word of words) expect(['alpha', 'alpha.', 'Then', 'the', 'sanctions', 'came', 'omega']).toContain(word);
  });

  it('starts at the sentence holding the match when it is close, without a leading ellipsis', () => {
    const article = paragraphs(`${filler(40)} Brussels imposed sanctions on Monday. ${filler(40)}`);
    const [excerpt] = excerpts(article, queryTerms('sanctions'), { windowChars: 200 });
    expect(excerpt!.text.startsWith('Brussels imposed sanctions')).toBe(true);
  });

  it('returns several non-overlapping windows when asked, each with its own matches', () => {
    const article = paragraphs(
      `Sanctions were first discussed in March. ${filler(60)}`,
      `In June the sanctions took effect. ${filler(60)}`,
      `By October, sanctions were extended. ${filler(60)}`,
    );
    const found = excerpts(article, queryTerms('sanctions'), { maxExcerpts: 3, windowChars: 150 });
    expect(found).toHaveLength(3);
    const texts = found.map((excerpt) => excerpt.text);
    expect(texts.some((text) => text.includes('March'))).toBe(true);
    expect(texts.some((text) => text.includes('June'))).toBe(true);
    expect(texts.some((text) => text.includes('October'))).toBe(true);
    for (const excerpt of found) expect(excerpt.highlights.length).toBeGreaterThan(0);
  });

  it('does not pad with windows that have no match', () => {
    const article = paragraphs(`Sanctions were discussed. ${filler(200)}`);
    expect(excerpts(article, queryTerms('sanctions'), { maxExcerpts: 3, windowChars: 100 })).toHaveLength(1);
  });

  it('gives the opening of the body when only the title matched', () => {
    const article = paragraphs('The ministry published its report on Friday.', filler(50));
    const [excerpt] = excerpts(article, queryTerms('sanctions'));
    expect(excerpt!.text.startsWith('The ministry published')).toBe(true);
    expect(excerpt!.highlights).toEqual([]);
  });

  it('collapses paragraph breaks into single spaces', () => {
    const [excerpt] = excerpts(paragraphs('First sanctions.', 'Second paragraph.'), queryTerms('sanctions'));
    expect(excerpt!.text).toBe('First sanctions. Second paragraph.');
  });

  it('ends a subheading like a sentence instead of gluing it to the next paragraph', () => {
    const article = {
      blocks: [
        { kind: 'paragraph' as const, text: 'Talks stalled in June.' },
        { kind: 'heading' as const, text: 'Moscow stresses dialogue' },
        { kind: 'paragraph' as const, text: 'Despite the lull, sanctions remain.' },
      ],
    };
    const [excerpt] = excerpts(article, queryTerms('sanctions'));
    expect(excerpt!.text).toBe('Talks stalled in June. Moscow stresses dialogue. Despite the lull, sanctions remain.');
    expect(highlighted(excerpt!)).toEqual(['sanctions']);
  });

  it('returns nothing for an empty body', () => {
    expect(excerpts({ blocks: [] }, ['sanction'])).toEqual([]);
  });

  it('cuts a single word longer than the window between code points', () => {
    const giant = '😀'.repeat(400);
    const [excerpt] = excerpts(paragraphs(giant), ['sanction'], { windowChars: 101 });
    expect(excerpt!.text.replaceAll(ELLIPSIS, '')).toMatch(/^(?:😀)+$/u);
  });
});

describe('excerpts, whatever the input', () => {
  const word = fc.oneof(
    fc.constantFrom('sanctions', 'Sanction', 'oil', 'the', 'Zoë', '😀', 'U.S.', 'O’Brien', '1,750', 'e\u0301'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );
  const text = fc.array(word, { maxLength: 120 }).chain((words) =>
    fc.array(fc.constantFrom(' ', '  ', '\n', ', ', '. ', '-', '“', '”'), { minLength: words.length, maxLength: words.length }).map(
      (separators) => words.map((item, index) => item + separators[index]).join(''),
    ),
  );
  const article = fc.array(text, { maxLength: 5 }).map((texts) => paragraphs(...texts));
  const query = fc.constantFrom('sanctions', 'oil sanctions', 'zoe', 'us', 'obrien 1750', '', 'the');
  const settings = fc.record({ maxExcerpts: fc.integer({ min: 1, max: 4 }), windowChars: fc.integer({ min: 1, max: 400 }) });

  it('never throws, stays within the window plus two ellipses, and highlights whole matched words inside the text', () => {
    fc.assert(
      fc.property(article, query, settings, (input, typed, options) => {
        const terms = queryTerms(typed);
        const found = excerpts(input, terms, options);
        expect(found.length).toBeLessThanOrEqual(options.maxExcerpts);
        for (const excerpt of found) {
          expect(excerpt.text.length).toBeLessThanOrEqual(options.windowChars + 2 * ELLIPSIS.length);
          expect(excerpt.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          const tokens = tokenSpans(excerpt.text);
          let previousEnd = 0;
          for (const [start, end] of excerpt.highlights) {
            expect(start).toBeGreaterThanOrEqual(previousEnd);
            expect(end).toBeLessThanOrEqual(excerpt.text.length);
            expect(tokens.some((token) => token.start === start && token.end === end)).toBe(true);
            previousEnd = end;
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('excerpt sentence boundaries and repeats', () => {
  const longLead = `${filler(40, 'weather')} `;

  it.each([
    ['U.S.', 'The sanctions were imposed by the U.S. Treasury on Friday.'],
    ['Mr.', 'Officials met Mr. Sanctions Envoy Lee on Friday.'],
    ['St.', 'The sanctions hearing in St. Louis ran late.'],
    ['an initial', 'President George W. Bush spoke about sanctions.'],
  ])('never starts an excerpt after %s as if it ended a sentence', (_label, sentence) => {
    const article = paragraphs(`${longLead}${sentence} ${filler(40, 'omega')}`);
    const [excerpt] = excerpts(article, queryTerms('sanctions'), { windowChars: 120 });
    const words = sentence.split(' ');
    const afterAbbreviation = words.findIndex((word) => /\.$/.test(word) && word !== words.at(-1)) + 1;
    expect(excerpt!.text.startsWith(words.slice(afterAbbreviation).join(' '))).toBe(false);
  });

  it('still starts at a real sentence end before the match', () => {
    const article = paragraphs(`${longLead}It rained. Sanctions were imposed on the U.S. Treasury. ${filler(40, 'omega')}`);
    const [excerpt] = excerpts(article, queryTerms('sanctions'), { windowChars: 120 });
    expect(excerpt!.text.startsWith('Sanctions were imposed')).toBe(true);
  });

  it('never shows the same sentence twice in one article’s excerpts', () => {
    const repeated = 'The council voted to extend the sanctions for another year.';
    const article = paragraphs(repeated, filler(60), repeated, filler(60), 'Later, sanctions on oil exports were eased.', filler(60));
    const found = excerpts(article, queryTerms('sanctions'), { maxExcerpts: 3, windowChars: 120 });
    const shown = found.filter((excerpt) => excerpt.text.includes(repeated));
    expect(shown).toHaveLength(1);
    expect(found.some((excerpt) => excerpt.text.includes('oil exports'))).toBe(true);
  });
});
