/** Autocomplete choices within Discord's limits: at most 25, names and values of at most 100 characters. */
import type { Choice } from '../../commands/index.js';
import { DISCORD_LIMITS } from './limits.js';
import { truncate } from './present.js';

export function autocompleteChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const choice of choices) {
    // A value cannot be shortened without changing what it selects: leave such a choice out.
    if (choice.value.length === 0 || choice.value.length > DISCORD_LIMITS.autocompleteChoiceValue || seen.has(choice.value)) continue;
    seen.add(choice.value);
    out.push({ name: truncate(choice.name, DISCORD_LIMITS.autocompleteChoiceName) || choice.value, value: choice.value });
    if (out.length === DISCORD_LIMITS.autocompleteChoices) break;
  }
  return out;
}
