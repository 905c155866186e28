import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/app/progress.js';
import { search } from '../../src/answers/search.js';
import { trackLoadProgress } from '../../src/index/loadProgress.js';
import { searchView } from '../../src/render/search.js';
import { viewToText } from '../../src/render/text.js';
import { article, FakeCatalog } from '../digest/fakes.js';

function terminal() {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  return { stream, writes };
}

describe('load progress', () => {
  it('logs at most every 5 seconds, with counts people can read', () => {
    let now = 0;
    const logged: string[] = [];
    const reporter = createProgressReporter({ logger: { info: (line) => logged.push(line) }, now: () => now });
    for (let done = 0; done <= 100_000; done += 1_000) {
      now += 400;
      reporter.onProgress({ phase: 'read', done, total: 100_000 });
    }
    // 101 reports over 40.4 s: nothing in the first 5 s, then one line per 5 s.
    expect(logged).toHaveLength(7);
    expect(logged[0]).toBe('Loading corpus: 12,000 of 100,000 files');
    reporter.finish();
    now += 10_000;
    reporter.onProgress({ phase: 'save', done: 0, total: 5 });
    expect(logged).toHaveLength(7);
  });

  it('rewrites one status line on a terminal and clears it when the load is over', () => {
    let now = 0;
    const { stream, writes } = terminal();
    const reporter = createProgressReporter({ statusLine: stream, now: () => now });
    reporter.onProgress({ phase: 'restore', done: 2_400, total: 2_400 });
    now += 500;
    reporter.onProgress({ phase: 'read', done: 10, total: 40 });
    reporter.finish();
    expect(writes).toEqual(['\r\u001b[2KLoading corpus: restoring the saved index (2,400 files)', '\r\u001b[2KLoading corpus: 10 of 40 files', '\r\u001b[2K']);
  });

  it('lets an answer given during the load say how far it has come', () => {
    const catalog = new FakeCatalog([article({ id: 'a.txt', title: 'Harbour plan approved', addedAt: '2026-05-01T00:00:00Z' })]);
    catalog.ready = false;
    const reporter = createProgressReporter({});
    trackLoadProgress(catalog, () => reporter.latest());
    reporter.onProgress({ phase: 'read', done: 1_200, total: 5_000 });
    const loadingText = viewToText(searchView(search(catalog, { query: 'harbour' })));
    expect(loadingText).toContain('The corpus is still loading (1,200 of 5,000 files): this answer may be incomplete.');
    catalog.ready = true;
    expect(viewToText(searchView(search(catalog, { query: 'harbour' })))).not.toContain('still loading');
  });
});
