import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI as a user would, with the seeds as corpus and a private data folder. */
const ENV = { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: 'seeds', DISCORD_TOKEN: '', LOG_LEVEL: 'warn' };

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', env: ENV });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a shell pipeline with the CLI in it, as `newsdesk`. */
function pipeline(command: string) {
  const result = spawnSync('sh', ['-c', command.replace('newsdesk', `"${process.execPath}" --import tsx src/cli/main.ts`)], { cwd: ROOT, encoding: 'utf8', env: ENV });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each run starts node with tsx and loads every command: seconds apiece on a loaded machine.
describe('newsdesk CLI', { timeout: 120_000 }, () => {
  it('prints search results as one JSON document', () => {
    const { code, stdout } = cli(['search', 'sanctions', '--json', '--limit', '5']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.query).toBe('sanctions');
    expect(document.results).toHaveLength(2);
    for (const result of document.results) {
      expect(Object.keys(result).sort()).toEqual(['articleId', 'date', 'excerpt', 'score', 'title', 'url']);
      expect(result.excerpt).toMatch(/\*\*sanctions\*\*/i);
      expect(typeof result.score).toBe('number');
    }
  });

  it('reads one query per line from a pipe and prints exactly one line per input line, blank lines included', () => {
    const { code, stdout } = cli(['search', '--json'], 'sanctions\n\nIstanbul talks\n   \n');
    expect(code).toBe(0);
    const lines = stdout.split('\n').slice(0, -1).map((line) => JSON.parse(line));
    expect(lines.map((line) => line.query)).toEqual(['sanctions', '', 'Istanbul talks', '']);
    expect(lines[1]).toEqual({ query: '', results: [], reason: 'empty query' });
    expect(lines[2].results[0].articleId).toBe('004_0c3380e4b5896ec4.txt');
    const text = cli(['search', '--limit', '1'], 'sanctions\n\nIstanbul talks\n');
    expect(text.stdout.split('\n').slice(0, -1)).toEqual(['sanctions\t004_0c3380e4b5896ec4.txt', '\t(empty query)', 'Istanbul talks\t004_0c3380e4b5896ec4.txt']);
  });

  it('takes the same search options as Discord', () => {
    const dated = JSON.parse(cli(['search', 'sanctions', '--from', '2025-09-01', '--to', '2025-09-30', '--json']).stdout);
    expect(dated.results.map((result: { date: string }) => result.date)).toEqual(['2025-09-12']);
    const newest = JSON.parse(cli(['search', 'sanctions', '--sort', 'newest', '--json']).stdout);
    expect(newest.results[0].date).toBe('2025-09-12');
    const bySource = JSON.parse(cli(['search', 'Istanbul', '--source', 'menafn', '--json']).stdout);
    expect(bySource.results.map((result: { articleId: string }) => result.articleId)).toEqual(['004_0c3380e4b5896ec4.txt']);
  });

  it('checks options against the same limits and choices as Discord, and documents them', () => {
    const tooMany = cli(['search', 'sanctions', '--limit', '26']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/--limit must be at most 25/);
    const badSort = cli(['search', 'sanctions', '--sort', 'oldest']);
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toMatch(/--sort needs one of relevance, newest/);
    expect(badSort.stderr).toMatch(/Usage: newsdesk search <query> \[--limit N \(1–25\)\][\s\S]*--sort relevance\|newest/);
  });

  it('rejects dates that do not exist and inverted ranges, as usage mistakes with or without --json', () => {
    for (const json of [[], ['--json']]) {
      const impossible = cli(['search', 'sanctions', '--from', '2013-02-30', ...json]);
      expect(impossible.code).toBe(2);
      expect(impossible.stderr).toMatch(/2013-02-30/);
      expect(impossible.stdout).toBe('');
    }
    const inverted = cli(['search', 'sanctions', '--from', '2025-10-01', '--to', '2025-09-01']);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/after/);
    expect(cli(['digest', '--since', '2013-02-30T09:00:00Z']).code).toBe(2);
  });

  it('exits with the same code with and without --json', () => {
    const text = cli(['summary', 'no such article anywhere']);
    const json = cli(['summary', 'no such article anywhere', '--json']);
    expect(json.code).toBe(text.code);
    expect(JSON.parse(json.stdout).articles).toEqual([]);
    expect(cli(['quotes', 'Nobody Atall', '--json']).code).toBe(cli(['quotes', 'Nobody Atall']).code);
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const { stdout, stderr } = pipeline('yes sanctions | head -n 3000 | newsdesk search --json | head -n 1');
    expect(JSON.parse(stdout).query).toBe('sanctions');
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('prints its version', () => {
    const { code, stdout } = cli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^newsdesk \d+\.\d+\.\d+\n$/);
  });

  it('lists people and articles with their urls, and digests articles added since a time', () => {
    const articles = JSON.parse(cli(['articles', '--json']).stdout).articles;
    expect(articles.map((article: { articleId: string }) => article.articleId).sort()).toEqual(['000_8847be39bb5a8b48.txt', '004_0c3380e4b5896ec4.txt']);
    for (const article of articles) expect(article.url).toBeNull();
    const linked = path.join(dataDir, 'linked');
    mkdirSync(linked);
    writeFileSync(path.join(linked, 'a.md'), '---\ntitle: Harbour reopens\ndate: 2026-01-05\nurl: https://example.org/harbour\n---\nThe harbour reopened on Monday after repairs, the port authority said.\n');
    const withUrl = JSON.parse(cli(['search', 'harbour', '--corpus', linked, '--json']).stdout);
    expect(withUrl.results[0].url).toBe('https://example.org/harbour');
    expect(JSON.parse(cli(['people', 'Putin', '--json']).stdout).people[0].name).toBe('Vladimir Putin');
    // Every seed was added to the corpus when this test's data folder was made: long after 2020, before 2999.
    expect(JSON.parse(cli(['digest', '--since', '2020-01-01', '--json']).stdout).articles).toHaveLength(2);
    expect(JSON.parse(cli(['digest', '--since', '2999-01-01', '--json']).stdout).articles).toHaveLength(0);
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
      url: null,
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
