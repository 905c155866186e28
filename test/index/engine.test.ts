import { describe, expect, it } from 'vitest';
import { AUTO_SQLITE_MIN_ARTICLES, chooseEngine } from '../../src/index/engine.js';

describe('chooseEngine', () => {
  it('uses the engine named by the setting, whatever the corpus size', () => {
    expect(chooseEngine('minisearch', 1_000_000, 'sqlite')).toBe('minisearch');
    expect(chooseEngine('sqlite', 3, undefined)).toBe('sqlite');
  });

  it('auto: MiniSearch for a small new corpus, SQLite for a large one', () => {
    expect(chooseEngine('auto', 100, undefined)).toBe('minisearch');
    expect(chooseEngine('auto', AUTO_SQLITE_MIN_ARTICLES, undefined)).toBe('sqlite');
  });

  it('auto keeps the engine in use near the threshold, so a restart never flips engines back and forth', () => {
    expect(chooseEngine('auto', AUTO_SQLITE_MIN_ARTICLES + 1, 'minisearch')).toBe('minisearch');
    expect(chooseEngine('auto', AUTO_SQLITE_MIN_ARTICLES * 2, 'minisearch')).toBe('sqlite');
    expect(chooseEngine('auto', 10, 'sqlite')).toBe('sqlite');
  });
});
