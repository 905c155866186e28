import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lex } from '../../src/analysis/frames.js';
import { tokenize } from '../../src/analysis/nameRuns.js';
import { contentTerms } from '../../src/analysis/summarize/vectors.js';

/**
 * The word scanners are hand-written for speed; the Unicode patterns they replace are the specification.
 * Text mixes dotted initials, apostrophes, hyphens, numbers, accents, combining marks, astral letters, the quote mask.
 */
const piece = fc.constantFrom(
  'George H.W. Bush', 'U.S.', 'Mr.', 'O’Brien’s', "don't", 'Jean-Luc', '1,200.5', '$5', '40%', 'Zoë', 'e\u0301', '𝒜lpha', '𐐀x',
  '\uE000\uE000', '—', '–', '.', ',', ':', ';', '!', '?', ' ', '\u00a0', '\n', 'İstanbul', '٣٤', 'a.', 'A.B', '-', "'", '’', '\uD800',
);
const text = fc.oneof(
  fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

const NAME_TOKEN = /[\p{L}\p{M}]\.(?:[\p{L}\p{M}]\.)+|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*\.?/gu;
const FRAME_TOKEN = /\uE000+|[\p{L}\p{M}\p{N}$%]+(?:['’\-.,][\p{L}\p{M}\p{N}]+)*\.?|[,:;—–!?.]/gu;

describe('word scanners', () => {
  it('find the tokens of names the Unicode pattern finds', () => {
    fc.assert(fc.property(text, (sample) => {
      const found = tokenize(sample, 0).map((token) => token.start);
      expect(found).toEqual([...sample.matchAll(NAME_TOKEN)].map((match) => match.index));
    }), { numRuns: 2000 });
  });

  it('cut frame tokens where the Unicode pattern cuts them', () => {
    fc.assert(fc.property(text, (sample) => {
      // lex splits a sentence-final full stop off its word: compare with every full stop joined to what precedes it.
      const joinStops = (parts: string[]) => parts.join('|').replace(/\|\./g, '.');
      const found = joinStops(lex(sample, 0).map((token) => sample.slice(token.start, token.end)));
      expect(found).toBe(joinStops([...sample.matchAll(FRAME_TOKEN)].map((match) => match[0])));
    }), { numRuns: 2000 });
  });

  it('split content words at every character that is not a letter or digit', () => {
    fc.assert(fc.property(text, (sample) => {
      const words = sample.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1);
      expect(contentTerms(sample).length).toBeLessThanOrEqual(words.length);
      expect(contentTerms(`${sample} ${sample}`)).toEqual([...contentTerms(sample), ...contentTerms(sample)]);
    }), { numRuns: 500 });
  });

  it('read "George H.W. Bush" as three name tokens with the initials whole', () => {
    expect(tokenize('George H.W. Bush said', 0).map((token) => token.text)).toEqual(['George', 'H.W.', 'Bush', 'said']);
  });
});
