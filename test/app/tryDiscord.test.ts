/**
 * `npm run try-discord` as a person uses it: digests work there as with `npm start` (the digest service and
 * the corpus watcher run), so a file added to the corpus is posted by `/digest now`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startApp } from './spawned.js';

const corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-try-corpus-'));
fs.cpSync(path.join(ROOT, 'seeds'), corpusDir, { recursive: true });
afterAll(() => fs.rmSync(corpusDir, { recursive: true, force: true }));

describe('npm run try-discord', () => {
  it('schedules a digest and posts an article added to the corpus while it runs', { timeout: 120_000 }, async () => {
    const app = startApp({ CORPUS_DIR: corpusDir }, 'scripts/try-discord.ts');
    try {
      await app.waitFor(/discord> /);
      app.send('/digest add channel:#news-digest time:09:00 timezone:UTC');
      await app.waitFor(/Digest #1 added/);

      fs.writeFileSync(
        path.join(corpusDir, 'harbour.txt'),
        'Ministers agree on new harbour plan\n\nThe harbour authority said on Monday that the plan was approved after a long debate. "We are very pleased," said Anna Berg, the harbour director.\n',
      );
      // The watcher indexes the new file within a second or so; ask until search finds it.
      for (let attempt = 1; !/1 article matching \*\*harbour\*\*/.test(app.stdout()); attempt++) {
        if (attempt > 60) throw new Error(`The new file was never indexed:\n${app.stdout()}`);
        app.send('/search harbour');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }

      app.send('/digest now id:1');
      await app.waitFor(/posted in #news-digest/);
      const post = app.stdout().slice(app.stdout().lastIndexOf('posted in #news-digest'));
      expect(post).toContain('Ministers agree on new harbour plan');
      expect(post).not.toContain('Europe Convinces Trump');
      expect(app.stdout()).not.toContain('Digests are not available here');

      app.send('exit');
      expect(await app.exited).toBe(0);
    } finally {
      await app.stop();
    }
  });
});
