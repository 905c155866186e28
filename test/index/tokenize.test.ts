import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, normalizeTerm, queryTerms, tokenSpans, tokenize } from '../../src/index/tokenize.js';

describe('tokenize', () => {
  it('splits on punctuation and hyphens, keeping inner apostrophes, dotted acronyms and separated numbers', () => {
    expect(tokenize('Jean-Luc O’Brien said: "U.S. sanctions cost $1,750.5m in 2025."')).toEqual([
      'Jean', 'Luc', 'O’Brien', 'said', 'U.S.', 'sanctions', 'cost', '1,750.5', 'm', 'in', '2025',
    ]);
  });

  it('gives offsets that point at the token in the original text', () => {
    const text = 'Zoë Kowalczyk’s plan — “sanctions”, again.';
    for (const span of tokenSpans(text)) expect(text.slice(span.start, span.end)).toBe(span.token);
    expect(tokenSpans(text).map((span) => span.token)).toEqual(['Zoë', 'Kowalczyk’s', 'plan', 'sanctions', 'again']);
  });

  it('never produces an empty token and keeps offsets exact, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        for (const span of tokenSpans(text)) {
          expect(span.token.length).toBeGreaterThan(0);
          expect(text.slice(span.start, span.end)).toBe(span.token);
        }
      }),
    );
  });
});

describe('normalizeTerm', () => {
  it('stems so that singular and plural meet', () => {
    expect(normalizeTerm('sanctions')).toBe(normalizeTerm('sanction'));
    expect(normalizeTerm('Sanctioned')).toBe(normalizeTerm('sanctioning'));
  });

  it('drops English stop words', () => {
    expect(normalizeTerm('the')).toBeNull();
    expect(normalizeTerm('The')).toBeNull();
    expect(normalizeTerm('sanctions')).not.toBeNull();
  });

  it('folds accents and case, and ignores possessives and apostrophes', () => {
    expect(normalizeTerm('Zoë')).toBe(normalizeTerm('zoe'));
    expect(normalizeTerm('ØRSTED')).toBe(normalizeTerm('orsted'));
    expect(normalizeTerm('Putin’s')).toBe(normalizeTerm('Putin'));
    expect(normalizeTerm("O'Brien")).toBe(normalizeTerm('OBrien'));
    expect(normalizeTerm('O’Brien')).toBe(normalizeTerm("o'brien"));
  });

  it('reads numbers with or without thousands separators as the same number', () => {
    expect(normalizeTerm('1,750')).toBe('1750');
    expect(normalizeTerm('1750')).toBe('1750');
    expect(normalizeTerm('6.4')).toBe('6.4');
  });

  it('treats a dotted acronym like the letters', () => {
    expect(normalizeTerm('U.N.')).toBe(normalizeTerm('UN'));
  });

  it('drops tokens too long to be words', () => {
    expect(normalizeTerm('a'.repeat(60))).toBeNull();
  });
});

describe('queryTerms and foldText', () => {
  it('returns distinct normalised terms in order, without stop words', () => {
    expect(queryTerms('The sanctions and the Sanction of Russia')).toEqual(['sanction', 'russia']);
  });

  it('folds text for comparisons', () => {
    expect(foldText('Zoë ÆSIR Straße')).toBe('zoe aesir strasse');
  });
});
