import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/console/parseCommandLine.js';
import { loadCommands } from '../../src/discord/loadCommands.js';

const definitions = (await loadCommands()).map((command) => command.data);

describe('parseCommandLine', () => {
  it('reads a positional query and named options like Discord', () => {
    expect(parseCommandLine('/search sanctions on Russia limit:3', definitions)).toEqual({
      ok: true,
      command: 'search',
      invocation: { options: { query: 'sanctions on Russia', limit: 3 } },
    });
    expect(parseCommandLine('/quotes person:Vladimir Putin hide:true', definitions)).toEqual({
      ok: true,
      command: 'quotes',
      invocation: { options: { person: 'Vladimir Putin', hide: true } },
    });
    expect(parseCommandLine('/search query:"vaccine trial" -murder', definitions)).toEqual({
      ok: true,
      command: 'search',
      invocation: { options: { query: '"vaccine trial" -murder' } },
    });
    expect(parseCommandLine('/search query:"vaccine trial"', definitions)).toMatchObject({ invocation: { options: { query: '"vaccine trial"' } } });
    expect(parseCommandLine('/quotes person:"Vladimir Putin"', definitions)).toMatchObject({ invocation: { options: { person: 'Vladimir Putin' } } });
    expect(parseCommandLine('/summary', definitions)).toEqual({ ok: true, command: 'summary', invocation: { options: {} } });
  });

  it('explains what to fix', () => {
    const unknown = parseCommandLine('/serch x', definitions);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error).toMatch(/Unknown command \/serch.*\/search/);
    const missing = parseCommandLine('/quotes', definitions);
    expect(!missing.ok && missing.error).toMatch(/person/);
    const badNumber = parseCommandLine('/search x limit:many', definitions);
    expect(!badNumber.ok && badNumber.error).toMatch(/limit.*whole number/);
    const tooBig = parseCommandLine('/search x limit:99', definitions);
    expect(!tooBig.ok && tooBig.error).toMatch(/at most 25/);
    const notAChoice = parseCommandLine('/search x sort:best', definitions);
    expect(!notAChoice.ok && notAChoice.error).toMatch(/sort needs one of relevance, newest/);
    const tooShort = parseCommandLine('/search x from:2025-9-1', definitions);
    expect(!tooShort.ok && tooShort.error).toMatch(/from needs at least 10 characters/);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (line) => {
        const parsed = parseCommandLine(line, definitions);
        expect(typeof parsed.ok).toBe('boolean');
      }),
    );
  });
});
