/**
 * The local console: `npm start` without a token. It takes the same slash commands as Discord and prints
 * the same answers as plain text.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command, CommandContext } from '../../commands/index.js';
import { ANSI_STYLE, viewToText, type TextStyle } from '../render/text.js';
import { parseCommandLine } from './parseCommandLine.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  commands: readonly Command[];
  context: CommandContext;
  /** Shown once at start. */
  greeting: string;
  prompt?: string;
}

/** Answers one typed line; never throws (errors become text). */
export async function answerLine(line: string, commands: readonly Command[], context: CommandContext, style: TextStyle = {}): Promise<string> {
  const parsed = parseCommandLine(line, commands.map((command) => command.data));
  if (!parsed.ok) return parsed.error;
  const command = commands.find((candidate) => candidate.data.name === parsed.command);
  if (!command) return `Unknown command /${parsed.command}.`;
  try {
    return viewToText(await command.answer(parsed.invocation, context), style);
  } catch (error) {
    context.logger.error({ err: error }, 'console command failed');
    return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Runs until the input ends (Ctrl-D) or the user types /exit. */
export async function runConsole({ input, output, commands, context, greeting, prompt = 'newsdesk> ' }: ConsoleOptions): Promise<void> {
  const names = commands.map((command) => `/${command.data.name}`);
  const terminal = 'isTTY' in output && output.isTTY === true;
  const lines = createInterface({
    input,
    output,
    prompt,
    terminal,
    completer: (line: string) => [names.filter((name) => name.startsWith(line)), line],
  });
  output.write(`${greeting}\n`);
  lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === '/exit' || text === '/quit') break;
    if (text !== '') output.write(`${await answerLine(text, commands, context, terminal ? ANSI_STYLE : {})}\n\n`);
    lines.prompt();
  }
  lines.close();
}
