/** /people, /articles, /search options and the "Search Newsdesk" message command, through the Discord emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botHarness, visibleText, type BotHarness } from './botHarness.js';

let harness: BotHarness;
beforeAll(async () => {
  harness = await botHarness();
});
afterAll(async () => harness.close());

describe('/people and /articles', () => {
  it('/people lists the people named, most quoted first, and narrows to a name', async () => {
    const everyone = visibleText(await harness.emulator.interact.command('people').waitForReply());
    expect(everyone).toMatch(/Donald Trump[\s\S]*Vladimir Putin/);
    const narrowed = visibleText(await harness.emulator.interact.command('people', { name: 'Zelensky' }).waitForReply());
    expect(narrowed).toContain('Volodymyr Zelensky');
    expect(narrowed).not.toContain('Donald Trump');
  });

  it('/articles lists the articles and autocompletes their titles', async () => {
    const all = visibleText(await harness.emulator.interact.command('articles').waitForReply());
    expect(all).toContain('Europe Convinces Trump to Get Tough on Moscow');
    expect(all).toMatch(/Kiev’s supporters/);
    const choices = await harness.emulator.interact.autocomplete('articles', { name: 'title', value: 'Kiev' }).waitForChoices();
    expect(choices.map((choice) => choice.name).join('\n')).toMatch(/Kiev’s supporters/);
    const people = await harness.emulator.interact.autocomplete('people', { name: 'name', value: 'vlad' }).waitForChoices();
    expect(people.map((choice) => choice.value)).toContain('Vladimir Putin');
  });
});

describe('/search options', () => {
  it('autocompletes the query with people and titles', async () => {
    const choices = await harness.emulator.interact.autocomplete('search', { name: 'query', value: 'Puti' }).waitForChoices();
    expect(choices.map((choice) => choice.value)).toContain('Vladimir Putin');
  });

  it('keeps only the dated range asked for, and says when a date does not exist', async () => {
    const ranged = visibleText(await harness.emulator.interact.command('search', { query: 'sanctions', from: '2025-09-01', to: '2025-09-30' }).waitForReply());
    expect(ranged).toContain('Europe Convinces Trump');
    expect(ranged).not.toMatch(/Kiev’s supporters/);
    const impossible = visibleText(await harness.emulator.interact.command('search', { query: 'sanctions', from: '2013-02-30' }).waitForReply());
    expect(impossible).toMatch(/date that exists.*2013-02-30/);
  });
});

describe('Search Newsdesk (message context menu)', () => {
  it('searches the key terms of the message, privately, under the message', async () => {
    const message = harness.emulator.interact.say(harness.emulator.channels.general, 'Has anyone seen what Istanbul talks produced on the sanctions?');
    const reply = await harness.emulator.interact.messageCommand('Search Newsdesk', message).waitForReply();
    expect(reply.ephemeral).toBe(true);
    const text = visibleText(reply);
    expect(text).toMatch(/\*\*Istanbul\*\*/);
    expect(text).toMatch(/Kiev’s supporters/);
  });

  it('explains a message with nothing to search for', async () => {
    const message = harness.emulator.interact.say(harness.emulator.channels.general, '👍 ok');
    const text = visibleText(await harness.emulator.interact.messageCommand('Search Newsdesk', message).waitForReply());
    expect(text).toMatch(/no words to search for/);
  });
});
