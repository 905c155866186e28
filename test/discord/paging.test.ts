import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { decodePageId, encodePageId, pagingRow } from '../../src/discord/paging.js';

describe('paging custom ids', () => {
  it('round-trips the state whenever it fits in a custom_id, and never exceeds 100 characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('search', 'quotes', 'summary'),
        fc.integer({ min: -1, max: 500 }),
        fc.dictionary(fc.constantFrom('query', 'person', 'limit', 'article'), fc.oneof(fc.string({ maxLength: 90 }), fc.integer({ min: 1, max: 25 }))),
        (command, page, options) => {
          const id = encodePageId({ command, page, options });
          if (id === null) return;
          expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
          expect(decodePageId(id)).toEqual({ command, page, options });
        },
      ),
    );
  });

  it('carries subcommands', () => {
    const id = encodePageId({ command: 'digest', subcommand: 'list', page: 2, options: {} });
    expect(decodePageId(id ?? '')).toEqual({ command: 'digest', subcommand: 'list', page: 2, options: {} });
  });

  it('rejects ids that are not paging ids', () => {
    expect(decodePageId('something-else')).toBeNull();
    expect(decodePageId('page|search|1|not json')).toBeNull();
  });

  it('gives distinct previous/next buttons, disabled at the ends', () => {
    const [row] = pagingRow({ command: 'search', options: { query: 'sanctions' } }, 0, 3);
    const [previous, next] = row?.components ?? [];
    expect(previous && 'custom_id' in previous ? previous.custom_id : '').not.toBe(next && 'custom_id' in next ? next.custom_id : '');
    expect(previous && 'disabled' in previous ? previous.disabled : undefined).toBe(true);
    expect(next && 'disabled' in next ? next.disabled : undefined).toBe(false);
    expect(pagingRow({ command: 'search', options: {} }, 0, 1)).toEqual([]);
  });
});
