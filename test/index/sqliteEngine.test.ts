import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteEngine } from '../../src/index/sqliteEngine.js';

describe('SqliteEngine ranking options', () => {
  it('finds an article without the query word through Bo1 expansion', async () => {
    const engine = await SqliteEngine.open(new Database(':memory:'));
    const texts = new Map<string, string>();
    const put = (id: string, body: string) => {
      engine.put({ id, hash: id, title: '', body, date: null, source: null });
      texts.set(id, body);
    };
    put('a', 'ebola outbreak liberia quarantine');
    put('b', 'ebola outbreak liberia clinic');
    put('c', 'ebola outbreak liberia vaccine');
    put('d', 'outbreak liberia quarantine clinic');
    for (let n = 0; n < 8; n++) put(`other${n}`, `market story number ${n}`);
    engine.flush();
    const textOf = (id: string) => texts.get(id);
    const ids = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id);
    expect(ids(engine.search('ebola', { textOf }))).not.toContain('d');
    const expanded = ids(engine.search('ebola', { textOf, ranking: { expansion: 'bo1' } }));
    expect(expanded).toContain('d');
    expect(expanded.indexOf('d')).toBeGreaterThan(Math.max(expanded.indexOf('a'), expanded.indexOf('b'), expanded.indexOf('c')));
  });
});
