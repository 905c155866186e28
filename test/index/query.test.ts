import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsPhrase, parseQuery, scoredTerms, termSequence } from '../../src/index/query.js';
import { normalizeTerm } from '../../src/index/tokenize.js';

describe('parseQuery', () => {
  it('reads free words, quoted phrases and exclusions', () => {
    const parsed = parseQuery('vaccine "clinical trial" -murder -"former coach"');
    expect(parsed.terms).toEqual(['vaccin']);
    expect(parsed.phrases).toEqual([['clinic', 'trial']]);
    expect(parsed.excludedTerms).toEqual(['murder']);
    expect(parsed.excludedPhrases).toEqual([['former', 'coach']]);
    expect(parsed.onlyStopWords).toBe(false);
  });

  it('accepts typographic quotes and an unclosed quote running to the end', () => {
    expect(parseQuery('“red line” syria').phrases).toEqual([['red', 'line']]);
    expect(parseQuery('syria "red line').phrases).toEqual([['red', 'line']]);
  });

  it('keeps a hyphen inside a word as words, not an exclusion', () => {
    const parsed = parseQuery('covid-19 pro-democracy');
    expect(parsed.excludedTerms).toEqual([]);
    expect(parsed.terms).toEqual(['covid', '19', 'pro', 'democraci']);
  });

  it('treats a quoted single word as a plain word', () => {
    expect(parseQuery('"sanctions"')).toMatchObject({ terms: ['sanction'], phrases: [] });
  });

  it('says when every word is a stop word, and not for an empty query', () => {
    expect(parseQuery('the of and').onlyStopWords).toBe(true);
    expect(parseQuery('"of the" -and').onlyStopWords).toBe(true);
    expect(parseQuery('   ').onlyStopWords).toBe(false);
    expect(parseQuery('the sanctions').onlyStopWords).toBe(false);
  });

  it('lets an exclusion win over the same word wanted', () => {
    expect(parseQuery('trial -trial').terms).toEqual([]);
  });

  const word = fc.stringMatching(/^[a-z]{3,9}$/).filter((text) => normalizeTerm(text) !== null);
  const queryPart = fc.oneof(
    word,
    word.map((text) => `-${text}`),
    fc.array(word, { minLength: 2, maxLength: 4 }).map((words) => `"${words.join(' ')}"`),
    fc.array(word, { minLength: 2, maxLength: 3 }).map((words) => `-"${words.join(' ')}"`),
  );

  it('never throws on any text, and every part of the result is normalised terms', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseQuery(text);
        for (const term of [...parsed.terms, ...parsed.excludedTerms, ...parsed.phrases.flat(), ...parsed.excludedPhrases.flat()]) {
          expect(normalizeTerm(term) === null || term.length > 0).toBe(true);
        }
        for (const phrase of [...parsed.phrases, ...parsed.excludedPhrases]) expect(phrase.length).toBeGreaterThan(1);
      }),
    );
  });

  it('puts every part where its syntax says: words, phrases in order, exclusions apart', () => {
    fc.assert(
      fc.property(fc.array(queryPart, { minLength: 1, maxLength: 6 }), (parts) => {
        const parsed = parseQuery(parts.join(' '));
        for (const part of parts) {
          const excluded = part.startsWith('-');
          const quoted = part.includes('"');
          const sequence = termSequence(part);
          if (quoted && sequence.length > 1) {
            expect(excluded ? parsed.excludedPhrases : parsed.phrases).toContainEqual(sequence);
          } else if (excluded) {
            expect(parsed.excludedTerms).toContain(sequence[0]);
            expect(parsed.terms).not.toContain(sequence[0]);
          } else if (!parsed.excludedTerms.includes(sequence[0]!)) {
            expect(parsed.terms).toContain(sequence[0]);
          }
        }
        expect(new Set(parsed.terms).size).toBe(parsed.terms.length);
        for (const term of parsed.terms) expect(parsed.excludedTerms).not.toContain(term);
        expect(parsed.onlyStopWords).toBe(false);
      }),
    );
  });

  it('scores the words of phrases too, once each', () => {
    expect(scoredTerms(parseQuery('ferry "ferry captain"'))).toEqual(['ferri', 'captain']);
  });
});

describe('containsPhrase', () => {
  it('finds consecutive terms, skipping stop words in the text as in the phrase', () => {
    const text = termSequence('He gave the State of the Union address on Tuesday.');
    expect(containsPhrase(text, termSequence('state of the union'))).toBe(true);
    expect(containsPhrase(text, termSequence('union state'))).toBe(false);
  });

  it('agrees with a plain search for the joined terms', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a1', 'b2', 'c3'), { maxLength: 12 }), fc.array(fc.constantFrom('a1', 'b2', 'c3'), { minLength: 1, maxLength: 3 }), (text, phrase) => {
        expect(containsPhrase(text, phrase)).toBe(` ${text.join(' ')} `.includes(` ${phrase.join(' ')} `));
      }),
    );
  });
});
