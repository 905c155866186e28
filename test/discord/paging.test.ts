import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { MemoryPageStateStore, SqlitePageStateStore } from '../../src/discord/pageStore.js';
import { choicesRow, controlId, decodeControl, jumpTargets, pagingRows, stateReference, type PageState } from '../../src/discord/paging.js';

type Component = { type: number; custom_id?: string; label?: string; disabled?: boolean; options?: Array<{ label: string; value: string; description?: string; default?: boolean }> };
const componentsOf = (rows: Array<{ components: unknown[] }>) => rows.flatMap((row) => row.components as Component[]);
const pages = (count: number) => Array.from({ length: count }, (_, index) => ({ description: `page ${index}`, firstHeading: `Article ${index}` }));

const stateArbitrary: fc.Arbitrary<PageState> = fc.record(
  {
    command: fc.constantFrom('search', 'quotes', 'summary'),
    options: fc.dictionary(fc.constantFrom('query', 'person', 'limit', 'article'), fc.oneof(fc.string({ maxLength: 100 }), fc.integer({ min: 1, max: 25 }))),
    owner: fc.stringMatching(/^\d{17,20}$/),
  },
  { requiredKeys: ['command', 'options'] },
);

describe('paging controls', () => {
  it('carry any state in at most 100 characters and give it back, inline or through the store', () => {
    const store = new MemoryPageStateStore();
    fc.assert(
      fc.property(stateArbitrary, fc.integer({ min: 0, max: 5000 }), (state, page) => {
        const id = controlId('n', page, stateReference(state, store));
        expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        expect(decodeControl(id, store)).toEqual({ slot: 'n', arg: String(page), state });
      }),
    );
  });

  it('keeps a long query in the store, and only its key in the custom_id', () => {
    const store = new MemoryPageStateStore();
    const state = { command: 'search', options: { query: 'the effect of the sanctions on the price of wheat in eastern Europe this year' } };
    const reference = stateReference(state, store);
    expect(reference).toMatch(/^#[\w-]{12}$/);
    expect(decodeControl(controlId('l', 3, reference), store)?.state).toEqual(state);
    expect(decodeControl(controlId('l', 3, reference), new MemoryPageStateStore())).toBeNull();
  });

  it('keeps stored state across a restart (SQLite in DATA_DIR)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-paging-'));
    try {
      const state = { command: 'quotes', options: { person: 'Vladimir Putin' }, owner: '123456789012345678' };
      const before = SqlitePageStateStore.open(dataDir);
      const id = controlId('n', 1, `#${before.save(JSON.stringify(['quotes', state.options, state.owner]))}`);
      before.close();
      const after = SqlitePageStateStore.open(dataDir);
      expect(decodeControl(id, after)?.state).toEqual(state);
      after.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('still turns pages with the buttons of the first format, and rejects ids that are not ours', () => {
    const store = new MemoryPageStateStore();
    expect(decodeControl('page|search|2|{"query":"sanctions"}', store)).toEqual({ slot: 'n', arg: '2', state: { command: 'search', options: { query: 'sanctions' } } });
    for (const id of ['something-else', 'page|search|1|not json', 'pg|n|1|=not json', 'pg|x|1|=["search",{}]', 'pg|n|1|#unknownkey00']) {
      expect(decodeControl(id, store)).toBeNull();
    }
  });

  it('gives first, previous, next and last buttons with distinct ids, disabled at the ends, and a page jump', () => {
    const store = new MemoryPageStateStore();
    const reference = stateReference({ command: 'search', options: { query: 'sanctions' } }, store);
    for (const [page, count] of [[0, 3], [1, 3], [2, 3], [0, 2]] as const) {
      const components = componentsOf(pagingRows(reference, page, pages(count)));
      const ids = components.map((component) => component.custom_id);
      expect(new Set(ids).size).toBe(ids.length);
      const [first, previous, next, last, jump] = components;
      expect([first, previous, next, last].map((button) => button?.disabled)).toEqual([page === 0, page === 0, page === count - 1, page === count - 1]);
      expect(decodeControl(next?.custom_id ?? '', store)?.arg).toBe(String(Math.min(page + 1, count - 1)));
      expect(decodeControl(last?.custom_id ?? '', store)?.arg).toBe(String(count - 1));
      expect(jump?.options?.map((option) => option.value)).toEqual(Array.from({ length: count }, (_, index) => String(index)));
      expect(jump?.options?.find((option) => option.default)?.value).toBe(String(page));
      expect(jump?.options?.[1]?.description).toBe('Article 1');
    }
    expect(pagingRows(reference, 0, pages(1))).toEqual([]);
  });

  it('offers at most 25 pages to jump to: the ends, the neighbours and pages spread over the answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(), (count, seed) => {
        const page = seed % count;
        const targets = jumpTargets(page, count);
        expect(targets.length).toBe(Math.min(count, DISCORD_LIMITS.selectOptions));
        expect([...new Set(targets)].sort((a, b) => a - b)).toEqual(targets);
        for (const wanted of [0, count - 1, page, Math.min(page + 1, count - 1), Math.max(page - 1, 0)]) expect(targets).toContain(wanted);
        expect(targets.every((target) => target >= 0 && target < count)).toBe(true);
      }),
    );
    // Spread: no stretch of a 300-page answer is more than about a twentieth of it away from an entry.
    const targets = jumpTargets(0, 300);
    const gaps = targets.slice(1).map((target, index) => target - (targets[index] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(16);
  });

  it('turns choices into a select menu within Discord limits, leaving out values it cannot carry whole', () => {
    const options = [
      ...Array.from({ length: 30 }, (_, index) => ({ label: `Person ${index} ${'x'.repeat(150)}`, value: `Person ${index}` })),
      { label: 'dup', value: 'Person 1' },
    ];
    const [select] = componentsOf(choicesRow({ command: 'quotes', option: 'person', placeholder: 'Which Johnson?', options: [{ label: 'Long', value: 'y'.repeat(101) }, ...options] }, '=["quotes",{}]'));
    expect(select?.options).toHaveLength(DISCORD_LIMITS.selectOptions);
    expect(select?.options?.[0]?.value).toBe('Person 0');
    expect(select?.options?.every((option) => option.label.length <= DISCORD_LIMITS.selectOptionLabel)).toBe(true);
    expect(choicesRow({ command: 'quotes', option: 'person', placeholder: 'x', options: [] }, '=["quotes",{}]')).toEqual([]);
  });
});
