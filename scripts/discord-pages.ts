/**
 * How answers page in Discord on a real corpus: pages per answer, articles per page, articles split across
 * pages, the longest custom_id, and how often paging state had to go to the store. Built from the same
 * commands and viewMessage the bot uses; nothing is sent anywhere.
 *
 *   npx tsx scripts/discord-pages.ts --corpus DIR [--query Q]...
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { CommandContext, Invocation } from '../commands/index.js';
import { viewMessage } from '../src/discord/interactions.js';
import { loadCommands } from '../src/discord/loadCommands.js';
import { MemoryPageStateStore } from '../src/discord/pageStore.js';
import { carriedOptions } from '../src/discord/paging.js';
import { viewPages } from '../src/discord/present.js';
import { openCatalog } from '../src/index/catalog.js';

const DEFAULT_QUERIES = ['sanctions', 'police shooting', 'the effect of the new health care law on insurance premiums for families'];
/** A Discord user id, as the owner of a private answer (the longest state a custom_id must carry). */
const ASKER = '123456789012345678';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, query: { type: 'string', multiple: true } } });
  if (!values.corpus) {
    console.error('usage: npx tsx scripts/discord-pages.ts --corpus DIR [--query Q]...');
    process.exit(2);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-pages-'));
  const catalog = await openCatalog({ corpusDir: values.corpus, dataDir, maxBytes: 5 * 1024 * 1024 });
  try {
    await catalog.loaded;
    const commands = await loadCommands();
    const context: CommandContext = { catalog, commands, logger: pino({ level: 'silent' }), services: {} };
    const people = catalog.people().list().slice(0, 3).map((person) => person.name);
    const probes: Array<[string, Record<string, string | number | boolean>]> = [
      ['summary', {}],
      ...(values.query ?? DEFAULT_QUERIES).map((query): [string, Record<string, string | number | boolean>] => ['search', { query, limit: 25 }]),
      ...people.map((person): [string, Record<string, string | number | boolean>] => ['quotes', { person }]),
    ];
    console.log(`${catalog.size} articles\n`);
    console.log('answer | pages | sections | sections per page | pages continuing a section | longest custom_id | state in store');
    for (const [name, options] of probes) {
      const command = commands.find((candidate) => candidate.data.name === name);
      if (!command) continue;
      const invocation: Invocation = { options: { ...options, hide: true }, userId: ASKER };
      const view = await command.answer(invocation, context);
      const pages = viewPages(view);
      const store = new MemoryPageStateStore();
      const message = viewMessage(view, { command: name, options: carriedOptions(invocation), owner: ASKER }, 0, store);
      const ids = (message.components ?? []).flatMap((row) => row.components).map((component) => ('custom_id' in component ? (component.custom_id ?? '') : ''));
      // A section is split only when it is longer than a page; its heading then reads "(continued)".
      const split = pages.filter((page) => page.description.includes(' (continued)**')).length;
      const label = `/${name}${Object.entries(options).map(([key, value]) => ` ${key}:${String(value)}`).join('')}`;
      console.log(
        [label, pages.length, view.sections.length, (view.sections.length / pages.length).toFixed(1), split, Math.max(0, ...ids.map((id) => id.length)), ids.some((id) => id.includes('#')) ? 'yes' : 'no'].join(' | '),
      );
    }
  } finally {
    await catalog.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
