import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI as a user would, with the seeds as corpus and a private data folder. */
function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: 'seeds', DISCORD_TOKEN: '', LOG_LEVEL: 'warn' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('newsdesk CLI', () => {
  it('prints search results as one JSON document', () => {
    const { code, stdout } = cli(['search', 'sanctions', '--json', '--limit', '5']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.query).toBe('sanctions');
    expect(document.results).toHaveLength(2);
    for (const result of document.results) {
      expect(Object.keys(result).sort()).toEqual(['articleId', 'date', 'excerpt', 'score', 'title']);
      expect(result.excerpt).toMatch(/\*\*sanctions\*\*/i);
      expect(typeof result.score).toBe('number');
    }
  });

  it('reads one query per line from a pipe and prints one JSON object per line', () => {
    const { code, stdout } = cli(['search', '--json'], 'sanctions\nIstanbul talks\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.query)).toEqual(['sanctions', 'Istanbul talks']);
    expect(lines[1].results[0].articleId).toBe('004_0c3380e4b5896ec4.txt');
  });

  it('prints quotes with speaker types and kinds', () => {
    const { stdout } = cli(['quotes', 'President Putin', '--json']);
    const document = JSON.parse(stdout);
    expect(document.person).toBe('President Putin');
    expect(document.resolved).toBe('Vladimir Putin');
    expect(document.quotes).toContainEqual({
      speaker: 'Vladimir Putin',
      speakerType: 'person',
      kind: 'direct',
      text: 'Overall, I have never excluded the possibility of such a meeting',
      articleId: '000_8847be39bb5a8b48.txt',
      title: 'Europe Convinces Trump to Get Tough on Moscow and Push for Ukraine Negotiations',
      date: '2025-09-12',
    });
    const all = JSON.parse(cli(['quotes', '--all', '--json']).stdout);
    expect(all.quotes.length).toBeGreaterThanOrEqual(document.quotes.length);
    expect(new Set(all.quotes.map((quote: { speakerType: string }) => quote.speakerType))).not.toContain(undefined);
  });

  it('prints every summary with its date, newest first', () => {
    const document = JSON.parse(cli(['summary', '--json']).stdout);
    expect(document.articles.map((article: { date: string | null }) => article.date)).toEqual(['2025-09-12', null]);
    expect(document.articles[1].source).toBe('MENAFN');
  });

  it('prints the same text as the console without --json', () => {
    const { stdout } = cli(['quotes', 'Zelensky']);
    expect(stdout).toContain('Volodymyr Zelensky is mentioned in 2 articles but not quoted.');
  });

  it('explains usage mistakes with exit code 2', () => {
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"[\s\S]*Usage:/);
    const badLimit = cli(['search', 'x', '--limit', 'lots']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/--limit needs a whole number/);
  });

  it('says which folder is missing', () => {
    const { code, stderr } = cli(['articles', '--corpus', path.join(dataDir, 'nope')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope/);
  });
});
