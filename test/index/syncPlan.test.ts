import { describe, expect, it } from 'vitest';
import { isArticleId, planSync, type KnownFile } from '../../src/index/syncPlan.js';

const known = (entries: Record<string, Partial<KnownFile>>) =>
  new Map(Object.entries(entries).map(([id, file]) => [id, { size: 10, mtimeMs: 1000, analysisVersion: 1, skipReason: null, ...file }]));
const present = (entries: Record<string, { size?: number; mtimeMs?: number }>) =>
  new Map(Object.entries(entries).map(([id, stamp]) => [id, { size: 10, mtimeMs: 1000, ...stamp }]));

describe('planSync', () => {
  it('reads new and touched files, keeps unchanged ones and drops removed ones', async () => {
    const plan = await planSync(
      known({ same: {}, touched: {}, resized: {}, gone: {} }),
      present({ same: {}, touched: { mtimeMs: 2000 }, resized: { size: 11 }, fresh: {} }),
      { analysisVersion: 1, recheckSkipped: false },
    );
    expect(plan).toEqual({ unchanged: ['same'], read: ['touched', 'resized', 'fresh'], removed: ['gone'] });
  });

  it('reads files analysed by another analysis version, or whose analysis failed', async () => {
    const plan = await planSync(known({ old: { analysisVersion: 1 }, failed: { analysisVersion: null } }), present({ old: {}, failed: {} }), {
      analysisVersion: 2,
      recheckSkipped: false,
    });
    expect(plan.read).toEqual(['old', 'failed']);
  });

  it('leaves skipped files alone unless the size limit changed', async () => {
    const skipped = known({ broken: { analysisVersion: null, skipReason: 'empty' } });
    expect((await planSync(skipped, present({ broken: {} }), { analysisVersion: 1, recheckSkipped: false })).unchanged).toEqual(['broken']);
    expect((await planSync(skipped, present({ broken: {} }), { analysisVersion: 1, recheckSkipped: true })).read).toEqual(['broken']);
  });
});

describe('isArticleId', () => {
  it('accepts .txt and .md files in visible folders only', () => {
    expect(isArticleId('world/story.md')).toBe(true);
    expect(isArticleId('STORY.TXT')).toBe(true);
    expect(isArticleId('notes.json')).toBe(false);
    expect(isArticleId('.drafts/story.md')).toBe(false);
    expect(isArticleId('node_modules/pkg/readme.md')).toBe(false);
    expect(isArticleId('../outside.txt')).toBe(false);
  });
});
