/** Discord's message limits as the emulator enforces them: what fits is accepted, each excess is named. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiscordApiError } from './errors.js';
import { checkMessage, checkChoices, LIMITS } from './limits.js';

const creating = { creating: true, allowedFlags: 64 } as const;

/** The error a body gets, or undefined when it is accepted. */
function verdict(body: unknown, options: Parameters<typeof checkMessage>[1] = creating): DiscordApiError | undefined {
  try {
    checkMessage(body, options);
    return undefined;
  } catch (error) {
    if (error instanceof DiscordApiError) return error;
    throw error;
  }
}

/** Follows an error tree down a path and returns the `_errors` codes found there. */
function codesAt(error: DiscordApiError | undefined, path: (string | number)[]): string[] {
  let node: unknown = error?.errors;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[String(key)];
  return ((node as { _errors?: { code: string }[] } | undefined)?._errors ?? []).map((e) => e.code);
}

const text = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).filter((s) => s.trim() !== '' && [...s].length <= max);

/** Embeds that respect every per-field limit; the total is kept under 6000 by construction. */
const embed = fc.record({
  title: text(60),
  description: text(400),
  fields: fc.array(fc.record({ name: text(40), value: text(80) }), { maxLength: 4 }),
  footer: fc.record({ text: text(40) }),
  author: fc.record({ name: text(40) }),
});

describe('message limits', () => {
  it('accepts any message within the limits', () => {
    fc.assert(
      fc.property(fc.option(text(LIMITS.content), { nil: undefined }), fc.array(embed, { maxLength: 5 }), (content, embeds) => {
        fc.pre(content !== undefined || embeds.length > 0);
        expect(verdict({ content, embeds, allowed_mentions: { parse: [] } })).toBeUndefined();
      }),
    );
  });

  it('names the field of any single excess, with 400 and code 50035', () => {
    const cases: [string, (n: number) => unknown, (string | number)[]][] = [
      ['content', (n) => ({ content: 'a'.repeat(LIMITS.content + n) }), ['content']],
      ['title', (n) => ({ embeds: [{ title: 'a'.repeat(LIMITS.embedTitle + n) }] }), ['embeds', 0, 'title']],
      ['description', (n) => ({ embeds: [{ description: 'a'.repeat(LIMITS.embedDescription + n) }] }), ['embeds', 0, 'description']],
      ['field name', (n) => ({ embeds: [{ fields: [{ name: 'a'.repeat(LIMITS.fieldName + n), value: 'v' }] }] }), ['embeds', 0, 'fields', 0, 'name']],
      ['field value', (n) => ({ embeds: [{ fields: [{ name: 'n', value: 'a'.repeat(LIMITS.fieldValue + n) }] }] }), ['embeds', 0, 'fields', 0, 'value']],
      ['footer', (n) => ({ embeds: [{ footer: { text: 'a'.repeat(LIMITS.footerText + n) } }] }), ['embeds', 0, 'footer', 'text']],
      ['author', (n) => ({ embeds: [{ author: { name: 'a'.repeat(LIMITS.authorName + n) } }] }), ['embeds', 0, 'author', 'name']],
      ['embeds', (n) => ({ embeds: Array.from({ length: LIMITS.embeds + n }, () => ({ title: 't' })) }), ['embeds']],
      ['fields', (n) => ({ embeds: [{ fields: Array.from({ length: LIMITS.embedFields + n }, () => ({ name: 'n', value: 'v' })) }] }), ['embeds', 0, 'fields']],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.integer({ min: 1, max: 50 }), ([, build, path], over) => {
        const error = verdict({ content: 'x', ...(build(over) as object) });
        expect(error?.status).toBe(400);
        expect(error?.code).toBe(50035);
        expect(codesAt(error, path)).toContain('BASE_TYPE_MAX_LENGTH');
      }),
    );
  });

  it('counts characters as Discord does (code points), so 2000 emoji fit', () => {
    expect(verdict({ content: '📰'.repeat(2000) })).toBeUndefined();
    expect(codesAt(verdict({ content: '📰'.repeat(2001) }), ['content'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
  });

  it('rejects embeds whose fields fit one by one but exceed 6000 characters together', () => {
    const error = verdict({ embeds: [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2001) }] });
    expect(codesAt(error, ['embeds'])).toEqual(['MAX_EMBED_SIZE_EXCEEDED']);
  });

  it('requires field names and values, and footer and author text when those are given', () => {
    const error = verdict({ embeds: [{ fields: [{ name: '', value: 'v' }, { name: 'n' }], footer: {}, author: { name: '' } }] });
    expect(codesAt(error, ['embeds', 0, 'fields', 0, 'name'])).toEqual(['BASE_TYPE_BAD_LENGTH']);
    expect(codesAt(error, ['embeds', 0, 'fields', 1, 'value'])).toEqual(['BASE_TYPE_REQUIRED']);
    expect(codesAt(error, ['embeds', 0, 'footer', 'text'])).toEqual(['BASE_TYPE_REQUIRED']);
    expect(codesAt(error, ['embeds', 0, 'author', 'name'])).toEqual(['BASE_TYPE_BAD_LENGTH']);
  });

  it('limits rows and buttons, and needs a custom_id on every non-link button', () => {
    const button = (id: string) => ({ type: 2, style: 1, label: 'Go', custom_id: id });
    const rows = Array.from({ length: 6 }, (_, r) => ({ type: 1, components: [button(`r${r}`)] }));
    expect(codesAt(verdict({ content: 'x', components: rows }), ['components'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
    const wide = [{ type: 1, components: Array.from({ length: 6 }, (_, b) => button(`b${b}`)) }];
    expect(codesAt(verdict({ content: 'x', components: wide }), ['components', 0, 'components'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
    const missing = [{ type: 1, components: [{ type: 2, style: 1, label: 'Go' }] }];
    expect(codesAt(verdict({ content: 'x', components: missing }), ['components', 0, 'components', 0, 'custom_id'])).toEqual(['BASE_TYPE_REQUIRED']);
    const link = [{ type: 1, components: [{ type: 2, style: 5, label: 'Read', url: 'https://example.org/a' }] }];
    expect(verdict({ content: 'x', components: link })).toBeUndefined();
  });

  it('answers an empty message with 50006 when creating, but allows edits that touch only some fields', () => {
    for (const body of [{}, { content: '' }, { content: ' \n ' }, { embeds: [] }, { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'a', custom_id: 'a' }] }] }]) {
      expect(verdict(body)?.code).toBe(50006);
    }
    expect(verdict({ components: [] }, { creating: false, allowedFlags: 0 })).toBeUndefined();
  });

  it('refuses allowed_mentions that both parse users and list them, and unknown flags', () => {
    const error = verdict({ content: 'x', allowed_mentions: { parse: ['users'], users: ['123456789012345678'] }, flags: 64 }, { creating: true, allowedFlags: 0 });
    expect(codesAt(error, ['allowed_mentions'])).toEqual(['MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE']);
    expect(codesAt(error, ['flags'])).toEqual(['MESSAGE_FLAGS_INVALID']);
  });

  it('puts interaction response errors under data', () => {
    const error = verdict({ content: 'a'.repeat(2001) }, { path: ['data'], creating: true, allowedFlags: 64 });
    expect(codesAt(error, ['data', 'content'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
  });
});

describe('autocomplete choice limits', () => {
  const run = (data: unknown): DiscordApiError | undefined => {
    try {
      checkChoices(data);
      return undefined;
    } catch (error) {
      return error as DiscordApiError;
    }
  };

  it('accepts up to 25 choices of up to 100 characters, and nothing beyond', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: text(100), value: text(100) }), { maxLength: 25 }), (choices) => {
        expect(run({ choices })).toBeUndefined();
      }),
    );
    expect(codesAt(run({ choices: Array.from({ length: 26 }, (_, n) => ({ name: `${n}`, value: `${n}` })) }), ['data', 'choices'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
    expect(codesAt(run({ choices: [{ name: 'a'.repeat(101), value: 'v' }] }), ['data', 'choices', 0, 'name'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
    expect(codesAt(run({ choices: [{ name: 'n', value: 'v'.repeat(101) }] }), ['data', 'choices', 0, 'value'])).toEqual(['BASE_TYPE_MAX_LENGTH']);
  });
});
