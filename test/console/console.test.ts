import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/console.js';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { openTestCatalog, type TestCatalog } from '../helpers/seedCatalog.js';

let seeds: TestCatalog;
beforeAll(async () => {
  seeds = await openTestCatalog();
});
afterAll(async () => seeds.dispose());

/** Types the lines into the console's input stream and returns everything it printed. */
async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const commands = await loadCommands();
  const done = runConsole({
    input,
    output,
    commands,
    context: { catalog: seeds.catalog, commands, logger: pino({ level: 'silent' }), services: {} },
    greeting: 'Newsdesk console.',
  });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return printed;
}

describe('console', () => {
  it('answers /search, /quotes and /summary typed at its prompt', async () => {
    const printed = await session(['/search sanctions', '/quotes person:Putin', '/summary']);
    expect(printed).toContain('Newsdesk console.');
    expect(printed).toMatch(/Search: sanctions[\s\S]*2 articles matching/);
    expect(printed).toContain('“Overall, I have never excluded the possibility of such a meeting”');
    expect(printed).toMatch(/Summaries[\s\S]*\(2025-09-12\)[\s\S]*\(undated · MENAFN\)/);
  });

  it('explains mistakes and keeps going', async () => {
    const printed = await session(['/nonsense', 'hello', '/quotes person:Zelensky']);
    expect(printed).toMatch(/Unknown command \/nonsense/);
    expect(printed).toMatch(/Unknown command \/hello/);
    expect(printed).toContain('Volodymyr Zelensky is mentioned in 2 articles but not quoted.');
  });

  it('takes /people, /articles and the search options Discord has, with the same checks', async () => {
    const printed = await session([
      '/people name:Zelensky',
      '/articles',
      '/search sanctions from:2025-09-01 to:2025-09-30',
      '/search sanctions from:2013-02-30',
      '/search sanctions sort:oldest',
      '/search sanctions limit:26',
    ]);
    expect(printed).toMatch(/People[\s\S]*Volodymyr Zelensky/);
    expect(printed).toMatch(/Articles\n2 articles, newest first/);
    expect(printed).toMatch(/Search: sanctions[\s\S]*1 article matching/);
    expect(printed).toMatch(/date that exists.*2013-02-30/);
    expect(printed).toMatch(/Option sort needs one of relevance, newest, not "oldest"/);
    expect(printed).toMatch(/Option limit must be at most 25/);
  });
});
