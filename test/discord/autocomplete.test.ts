import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autocompleteChoices } from '../../src/discord/autocomplete.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';

describe('autocompleteChoices', () => {
  it('returns at most 25 choices of at most 100 characters, without duplicates', () => {
    const choice = fc.record({ name: fc.string({ maxLength: 300 }), value: fc.string({ maxLength: 150 }) });
    fc.assert(
      fc.property(fc.array(choice, { maxLength: 80 }), (choices) => {
        const out = autocompleteChoices(choices);
        expect(out.length).toBeLessThanOrEqual(DISCORD_LIMITS.autocompleteChoices);
        for (const item of out) {
          expect(item.name.length).toBeGreaterThan(0);
          expect(item.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.autocompleteChoiceName);
          expect(item.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.autocompleteChoiceValue);
        }
        expect(new Set(out.map((item) => item.value)).size).toBe(out.length);
      }),
    );
  });

  it('keeps the best-first order of the suggestions', () => {
    const out = autocompleteChoices([{ name: 'Vladimir Putin (2 quotes)', value: 'Vladimir Putin' }, { name: 'Vladimir Medinsky (1 quote)', value: 'Vladimir Medinsky' }]);
    expect(out.map((item) => item.value)).toEqual(['Vladimir Putin', 'Vladimir Medinsky']);
  });
});
