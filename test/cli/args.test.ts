import { describe, expect, it } from 'vitest';
import { commandUsage, parseArgs, usage, UsageError } from '../../src/cli/args.js';
import { textStyle } from '../../src/cli/cli.js';
import { loadCommands } from '../../src/discord/loadCommands.js';

const commands = await loadCommands();
const parse = (argv: string[], piped = false) => parseArgs(argv, commands, piped);

describe('CLI arguments from the command definitions', () => {
  it('fills the first required option with the text and reads flags by the options’ types', () => {
    expect(parse(['search', 'sanctions', 'on', 'Russia', '--limit', '3', '--sort=newest']).request?.invocation).toEqual({
      options: { query: 'sanctions on Russia', limit: 3, sort: 'newest' },
    });
    expect(parse(['digest', 'preview', '7']).request?.invocation).toEqual({ subcommand: 'preview', options: { id: 7 } });
    expect(parse(['quotes', '--all']).request).toMatchObject({ standalone: true, invocation: { options: { all: true } } });
  });

  it('has the same commands as Discord, and no Discord-only hide flag', () => {
    for (const command of commands) expect(usage(commands)).toContain(`  ${command.data.name}`);
    expect(() => parse(['search', 'x', '--hide'])).toThrow(/no option --hide/);
    expect(commandUsage(commands.find((command) => command.data.name === 'search')!)).not.toMatch(/--hide/);
  });

  it('reads a missing batch option from piped input only', () => {
    expect(parse(['search'], true).request?.batch).toBe(true);
    expect(() => parse(['search'], false)).toThrow(/search needs <query>/);
    expect(() => parse(['search', '--from', '2013-02-30'], true)).toThrow(/2013-02-30/);
  });

  it('explains mistakes as usage errors', () => {
    expect(() => parse(['search', 'x', '--limit', 'many'])).toThrow(UsageError);
    expect(() => parse(['search', 'x', '--limit'])).toThrow(/--limit needs a value/);
    expect(() => parse(['digest'])).toThrow(/digest needs one of: add, (?:\w+, )*now\./);
    expect(() => parse(['quotes', '--all', '--limit', '2'])).toThrow(/no option --limit/);
    expect(() => parse(['search', 'x', '--to', '2025-02-29'])).toThrow(/2025-02-29/);
    expect(parse(['search', 'x', '--to', '2024-02-29']).request?.invocation.options.to).toBe('2024-02-29');
  });

  it('prints bold only on a terminal, and never with NO_COLOR', () => {
    expect(textStyle(true, false).bold?.('x')).not.toBe('x');
    expect(textStyle(true, true).bold).toBeUndefined();
    expect(textStyle(false, false).bold).toBeUndefined();
  });
});
