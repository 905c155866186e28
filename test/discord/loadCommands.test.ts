import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandLoadError, loadCommands, loadCommandSet } from '../../src/discord/loadCommands.js';

const commandSource = (name: string) =>
  `export default { data: { name: '${name}', description: 'd', options: [] }, answer: () => ({ title: '${name}', intro: [], sections: [] }) };\n`;

const menuSource = (name: string, extra = '') =>
  `export default { data: { name: '${name}', type: 3${extra} }, answer: () => ({ view: { title: 't', intro: [], sections: [] }, pagesOf: { command: 'x', options: {} } }) };\n`;

async function folderWith(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'newsdesk-commands-'));
  for (const [name, source] of Object.entries(files)) await writeFile(path.join(directory, name), source);
  return directory;
}

describe('loadCommands', () => {
  it('loads every command of the project with a unique, valid name', async () => {
    const commands = await loadCommands();
    const names = commands.map((command) => command.data.name);
    expect(names).toEqual(expect.arrayContaining(['search', 'quotes', 'summary', 'help']));
    expect(new Set(names).size).toBe(names.length);
    for (const command of commands) {
      expect(command.data.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(command.data.description.length).toBeLessThanOrEqual(100);
      for (const option of command.data.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(command.data).length).toBeLessThan(8000);
    }
  });

  it('refuses two commands with one name, naming both files', async () => {
    const directory = await folderWith({ 'a.mjs': commandSource('same'), 'b.mjs': commandSource('same') });
    await expect(loadCommands(directory)).rejects.toThrow(/\/same: a\.mjs and b\.mjs/);
  });

  it('refuses a file that is not a command instead of skipping it', async () => {
    const directory = await folderWith({ 'good.mjs': commandSource('good'), 'broken.mjs': 'export default { name: "x" };\n' });
    await expect(loadCommands(directory)).rejects.toThrow(CommandLoadError);
    await expect(loadCommands(directory)).rejects.toThrow(/broken\.mjs/);
  });

  it('loads message context-menu commands beside the slash commands', async () => {
    const { slash, message } = await loadCommandSet();
    expect(message.map((command) => command.data.name)).toEqual(['Search Newsdesk']);
    expect(slash.map((command) => command.data.name)).toEqual(expect.arrayContaining(['search', 'people', 'articles']));
    const directory = await folderWith({ 'find.mjs': commandSource('find'), 'menu.mjs': menuSource('Find This') });
    const set = await loadCommandSet(directory);
    expect(set.slash.map((command) => command.data.name)).toEqual(['find']);
    expect(set.message.map((command) => command.data.name)).toEqual(['Find This']);
  });

  it('refuses a context-menu command with a description or options, and two with one name', async () => {
    const described = await folderWith({ 'good.mjs': commandSource('good'), 'menu.mjs': menuSource('Look Up', ", description: 'not allowed'") });
    await expect(loadCommandSet(described)).rejects.toThrow(/menu\.mjs/);
    const twice = await folderWith({ 'good.mjs': commandSource('good'), 'a.mjs': menuSource('Look Up'), 'b.mjs': menuSource('Look Up') });
    await expect(loadCommandSet(twice)).rejects.toThrow(/Look Up: a\.mjs and b\.mjs/);
    // A slash command and a context-menu command may share a name: Discord keeps them apart.
    const shared = await folderWith({ 'a.mjs': commandSource('same'), 'b.mjs': menuSource('same') });
    expect((await loadCommandSet(shared)).message).toHaveLength(1);
  });
});
