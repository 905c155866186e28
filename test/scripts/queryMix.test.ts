import { describe, expect, it } from 'vitest';
import { latency } from '../../scripts/lib/benchMeasure.js';
import { QUERY_KINDS, queryMix } from '../../scripts/lib/queryMix.js';
import { syntheticArticle, poolFromTexts } from '../../scripts/lib/synthetic.js';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const seeds = path.resolve(import.meta.dirname, '../../seeds');
const pool = poolFromTexts(readdirSync(seeds).map((file) => readFileSync(path.join(seeds, file), 'utf8')));
const bodies = Array.from({ length: 60 }, (_, index) => syntheticArticle(pool, index).text.split('\n---\n')[1]!);
const sample = { bodies, names: ['Vladimir Putin', 'Donald Trump'] };

describe('queryMix', () => {
  it('is the same mix for the same seed, and another for another seed', () => {
    expect(queryMix(sample, 60, 1)).toEqual(queryMix(sample, 60, 1));
    expect(queryMix(sample, 60, 1)).not.toEqual(queryMix(sample, 60, 2));
  });

  it('takes every kind in turn, each drawn from the corpus', () => {
    const mix = queryMix(sample, 60, 1);
    expect(mix).toHaveLength(60);
    expect(new Set(mix.map((query) => query.kind))).toEqual(new Set(QUERY_KINDS));
    const text = bodies.join(' ').toLowerCase();
    for (const query of mix) {
      if (query.kind === 'name') expect(sample.names).toContain(query.text);
      else for (const word of query.text.replaceAll('"', '').split(' ')) expect(text).toContain(word);
    }
    const phrase = mix.find((query) => query.kind === 'phrase')!.text;
    expect(phrase).toMatch(/^"\S+ \S+"$/);
  });

  it('leaves out the kinds a corpus cannot give (no people: no names)', () => {
    const mix = queryMix({ bodies, names: [] }, 30, 1);
    expect(mix).toHaveLength(30);
    expect(mix.some((query) => query.kind === 'name')).toBe(false);
  });
});

describe('latency', () => {
  it('gives nearest-rank percentiles', () => {
    const times = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(latency(times)).toEqual({ p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(latency([])).toEqual({ p50Ms: 0, p95Ms: 0, p99Ms: 0 });
  });
});
