/**
 * The `newsdesk` CLI: the bot's answers as text or JSON, for scripts, generated from the same command
 * definitions as Discord and the console (see args.ts).
 *   npm run --silent newsdesk -- <command> [args] [--corpus DIR] [--json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Command, CommandContext, Invocation } from '../../commands/index.js';
import { terminalOrNothing } from '../app/progress.js';
import { openCorpus } from '../app/runtime.js';
import { loadConfig } from '../config.js';
import { loadCommands } from '../discord/loadCommands.js';
import type { LiveCatalog } from '../index/catalog.js';
import { createLogger } from '../log.js';
import { ANSI_STYLE, viewToText, type TextStyle } from '../render/text.js';
import { commandUsage, parseArgs, usage, UsageError, type CliRequest } from './args.js';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Bold on a terminal, unless NO_COLOR asks for none (https://no-color.org). */
export function textStyle(isTerminal: boolean, noColor: boolean): TextStyle {
  return isTerminal && !noColor ? ANSI_STYLE : {};
}

/**
 * Standard output that a reader may close early (`newsdesk articles | head`): after EPIPE nothing more is
 * written and the CLI stops quietly instead of printing a stack.
 */
class Output {
  closed = false;
  constructor(private readonly stream: NodeJS.WriteStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      this.closed = true;
    });
  }

  line(text: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      // Resolve on the write's callback, error or not: an EPIPE is handled by the listener above.
      this.stream.write(`${text}\n`, () => resolve());
    });
  }
}

async function answerOnce(request: CliRequest, context: CommandContext, json: boolean, style: TextStyle): Promise<string> {
  const { command, invocation } = request;
  const use = request.standalone ? command.cli?.standalone : undefined;
  if (json) {
    const document = use ? use.json(invocation, context) : command.cli?.json ? command.cli.json(invocation, context) : await command.answer(invocation, context);
    return JSON.stringify(document);
  }
  return viewToText(use ? use.answer(invocation, context) : await command.answer(invocation, context), style);
}

/** Piped input, one value of the batch option per line: exactly one output line per input line, blank lines too. */
async function answerBatch(request: CliRequest, context: CommandContext, json: boolean, out: Output): Promise<void> {
  const { command } = request;
  const batch = command.cli?.batch;
  if (!batch) return;
  for await (const line of createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity })) {
    if (out.closed) break;
    const invocation: Invocation = { ...request.invocation, options: { ...request.invocation.options, [batch.option]: line.trim() } };
    const document = json ? JSON.stringify(command.cli?.json ? command.cli.json(invocation, context) : await command.answer(invocation, context)) : batch.line(invocation, context);
    await out.line(document);
  }
}

export async function main(argv: string[]): Promise<number> {
  const out = new Output(process.stdout);
  const fail = (message: string, code: number) => {
    process.stderr.write(`${message}\n`);
    return code;
  };
  // Before loading anything: the version is asked for to be quick.
  if (argv.includes('--version') || argv.includes('-V')) {
    await out.line(`newsdesk ${VERSION}`);
    return 0;
  }
  let commands: Command[];
  try {
    commands = await loadCommands();
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 1);
  }
  let parsed;
  try {
    parsed = parseArgs(argv, commands, !process.stdin.isTTY);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`${error.message}\n\n${error.command ? commandUsage(error.command) : usage(commands)}`, 2);
  }
  const { flags, request, command } = parsed;
  if (flags.help || !request) {
    if (!flags.help && !command) return fail(usage(commands), 2);
    await out.line(command ? commandUsage(command) : usage(commands));
    return 0;
  }

  let catalog: LiveCatalog | undefined;
  try {
    const base = loadConfig();
    const config = flags.corpus ? { ...base, CORPUS_DIR: path.resolve(flags.corpus) } : base;
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
    catalog = await openCorpus(config, logger, {
      waitForLoad: true,
      statusLine: terminalOrNothing(process.stderr),
      corpusSetting: flags.corpus ? '--corpus' : 'CORPUS_DIR',
    });
    const context: CommandContext = { catalog, commands, logger, services: {} };
    if (request.batch) await answerBatch(request, context, flags.json, out);
    else await out.line(await answerOnce(request, context, flags.json, textStyle(process.stdout.isTTY === true, config.NO_COLOR)));
    return 0;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 1);
  } finally {
    await catalog?.close();
  }
}
