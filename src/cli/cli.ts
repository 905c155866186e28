/**
 * The `newsdesk` CLI: the bot's answers as text or JSON, for scripts.
 *   npm run --silent newsdesk -- <command> [args] [--corpus DIR] [--json]
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { articleRef, newestFirst } from '../answers/articleRef.js';
import { peopleMatching } from '../answers/lookup.js';
import { allQuotes, quotesBy } from '../answers/quotes.js';
import { search } from '../answers/search.js';
import { summaries, summaryOf } from '../answers/summaries.js';
import { terminalOrNothing } from '../app/progress.js';
import { openCorpus } from '../app/runtime.js';
import type { LiveCatalog } from '../index/catalog.js';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { digestCommandOutput } from '../render/digest.js';
import { articlesView, peopleView } from '../render/lists.js';
import { quotesView } from '../render/quotes.js';
import { searchView } from '../render/search.js';
import { summariesView, summaryView } from '../render/summary.js';
import { viewToText } from '../render/text.js';
import { allQuotesJson, quotesJson, searchJson, summariesJson } from './json.js';

export const USAGE = `Usage: newsdesk <command> [arguments] [--corpus DIR] [--json]

Commands:
  search <query> [--limit N] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                         excerpts matching the query (no query and piped input: one query per line)
  quotes <person>        what a person said, directly or reported
  quotes --all           every quote in the corpus
  summary [<id or title>]  one article's summary, or every article's, newest first
  articles               every article with its date
  people                 every person named, most quoted first
  digest --since ISO [--filter Q] [--limit N]
                         what a digest since that time would contain

Options:
  --corpus DIR   the articles folder (default: CORPUS_DIR, or ./seeds)
  --json         print one JSON document (search from piped input: one JSON object per line)
  --help         this text`;

class UsageError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      all: { type: 'boolean', default: false },
      since: { type: 'string' },
      filter: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) throw new UsageError('--limit needs a whole number from 1 to 100.');
  for (const name of ['from', 'to'] as const) {
    if (values[name] !== undefined && !ISO_DATE.test(values[name] ?? '')) throw new UsageError(`--${name} needs a date as YYYY-MM-DD.`);
  }
  return { values, positionals, limit };
}

type Parsed = ReturnType<typeof parseCommandLine>;

function print(document: unknown, asJson: boolean): void {
  process.stdout.write(asJson ? `${JSON.stringify(document)}\n` : `${String(document)}\n`);
}

async function searchFromStdin(catalog: LiveCatalog, { values, limit }: Parsed): Promise<void> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    const query = line.trim();
    if (query === '') continue;
    const answer = search(catalog, { query, limit, from: values.from, to: values.to });
    print(values.json ? searchJson(answer) : viewToText(searchView(answer)), values.json ?? false);
  }
}

async function run(catalog: LiveCatalog, parsed: Parsed): Promise<void> {
  const { values, positionals, limit } = parsed;
  const [command, ...rest] = positionals;
  const argument = rest.join(' ').trim();
  const json = values.json ?? false;
  switch (command) {
    case 'search': {
      if (argument === '' && !process.stdin.isTTY) return searchFromStdin(catalog, parsed);
      if (argument === '') throw new UsageError('search needs a query, e.g. newsdesk search sanctions');
      const answer = search(catalog, { query: argument, limit, from: values.from, to: values.to });
      return print(json ? searchJson(answer) : viewToText(searchView(answer)), json);
    }
    case 'quotes': {
      if (values.all) {
        const quotes = allQuotes(catalog);
        return print(json ? allQuotesJson(quotes) : quotes.map((q) => `${q.speaker ?? 'unknown'} (${q.kind}): ${q.text} — ${q.title}`).join('\n'), json);
      }
      if (argument === '') throw new UsageError('quotes needs a person (e.g. newsdesk quotes Putin) or --all');
      const answer = quotesBy(catalog, argument);
      return print(json ? quotesJson(answer) : viewToText(quotesView(answer)), json);
    }
    case 'summary': {
      if (argument === '') {
        const list = summaries(catalog);
        return print(json ? summariesJson(list) : viewToText(summariesView(list, false)), json);
      }
      const answer = summaryOf(catalog, argument);
      if (json) {
        if (answer.kind !== 'article') throw new UsageError(`No article matches "${argument}". Try: newsdesk articles`);
        return print(summariesJson([answer.article]), true);
      }
      return print(viewToText(summaryView(answer)), false);
    }
    case 'articles': {
      const list = catalog.all().map(articleRef).sort(newestFirst);
      return print(json ? { articles: list } : viewToText(articlesView(list)), json);
    }
    case 'people': {
      const people = peopleMatching(catalog, '', Number.MAX_SAFE_INTEGER);
      return print(
        json ? { people: people.map(({ name, aliases, quoteCount, mentions, articleIds }) => ({ name, aliases, quoteCount, mentions, articles: articleIds.length })) } : viewToText(peopleView(people)),
        json,
      );
    }
    case 'digest': {
      if (values.since === undefined) throw new UsageError('digest needs --since, e.g. newsdesk digest --since 2026-11-21T09:00:00Z');
      return print(digestCommandOutput(catalog, { since: values.since, filter: values.filter, max: limit, json }), false);
    }
    default:
      throw new UsageError(command === undefined ? USAGE : `Unknown command "${command}".\n\n${USAGE}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let catalog: LiveCatalog | undefined;
  try {
    const base = loadConfig();
    const config = parsed.values.corpus ? { ...base, CORPUS_DIR: path.resolve(parsed.values.corpus) } : base;
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
    catalog = await openCorpus(config, logger, {
      waitForLoad: true,
      statusLine: terminalOrNothing(process.stderr),
      corpusSetting: parsed.values.corpus ? '--corpus' : 'CORPUS_DIR',
    });
    await run(catalog, parsed);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await catalog?.close();
  }
}


