import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/corpus/article.js';
import { findPeople } from '../../src/analysis/people.js';
import { extractQuotes } from '../../src/analysis/quotes.js';
import { splitSentences } from '../../src/analysis/sentences.js';

/** Text built from news-like pieces: names, speech verbs, every kind of quote mark and apostrophe. */
const piece = fc.constantFrom(
  'said', 'says', 'told reporters', 'according to', 'Mr.', 'Dr.', 'U.S.', 'President', 'Jean-Luc O’Brien', 'Zoë', 'he', 'she',
  'the mayor', 'that', ',', '.', ':', ';', '—', '“', '”', '‘', '’', '"', "'", '«', '»', '„', '‚', '\n\n', 'Maria Alvarez', 'It’s', 'the',
  'We will win', 'a', 'called', 'noting that', 'Smith', '?', '!', ' ',
);
const newsText = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(' '));
const anyText = fc.oneof(newsText, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }));

function analyse(text: string) {
  const blocks = text.split('\n\n').map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }));
  const body = bodyText({ blocks });
  const sentences = splitSentences(blocks);
  return { body, quotes: extractQuotes(body, sentences, findPeople(sentences)) };
}

describe('extractQuotes properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(fc.property(anyText, (text) => {
      analyse(text);
    }), { numRuns: 400 });
  });

  it('places every direct quote where its text is', () => {
    fc.assert(fc.property(anyText, (text) => {
      const { body, quotes } = analyse(text);
      for (const quote of quotes) {
        expect(quote.start).toBeGreaterThanOrEqual(0);
        expect(quote.end).toBeLessThanOrEqual(body.length);
        if (quote.kind !== 'indirect') expect(body.slice(quote.start, quote.end)).toContain(quote.text);
      }
    }), { numRuns: 400 });
  });

  it('names only people it found as person speakers', () => {
    fc.assert(fc.property(newsText, (text) => {
      const blocks = text.split('\n\n').map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }));
      const sentences = splitSentences(blocks);
      const people = findPeople(sentences);
      const names = new Set(people.map((person) => person.name));
      for (const quote of extractQuotes(bodyText({ blocks }), sentences, people)) {
        if (quote.speakerType === 'person') expect(names.has(quote.speaker!)).toBe(true);
        expect(quote.text.trim()).not.toBe('');
      }
    }), { numRuns: 300 });
  });
});
