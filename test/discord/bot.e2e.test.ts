/** The real discord.js bot end to end against the strict Discord emulator (issue 3). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../commands/index.js';
import { botHarness, visibleText, type BotHarness } from './botHarness.js';

const slowCommand: Command = {
  data: { name: 'slowpoke', description: 'Answers after 1.5 s (test only)' },
  answer: async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { title: 'Slow answer', intro: [[{ text: 'finally' }]], sections: [] };
  },
};
const failingCommand: Command = {
  data: { name: 'explode', description: 'Always throws (test only)' },
  answer: () => {
    throw new Error('kaboom');
  },
};

/** 2025-09-12 as a Discord timestamp (noon UTC): each reader sees it in their own date format. */
const SEPT_12_2025 = '<t:1757678400:D>';

type Components = Array<{ components: Array<{ type: number; label?: string; custom_id?: string; disabled?: boolean; placeholder?: string; options?: Array<{ label: string; value: string }> }> }>;
const componentsOf = (message: { components: unknown }) => (message.components as Components).flatMap((row) => row.components);
const buttonId = (message: { components: unknown }, label: string) => componentsOf(message).find((component) => component.label?.includes(label))?.custom_id ?? '';
const jumpId = (message: { components: unknown }) => componentsOf(message).find((component) => component.type === 3 && component.placeholder?.startsWith('Jump'))?.custom_id ?? '';
const pageOf = (message: { embeds: Array<{ footer?: { text: string } }> }) => /Page (\d+) of (\d+)/.exec(message.embeds[0]?.footer?.text ?? '')?.slice(1).map(Number) ?? [];

let harness: BotHarness;
beforeAll(async () => {
  harness = await botHarness({ extraCommands: [slowCommand, failingCommand] });
});
afterAll(async () => harness.close());

describe('start-up', () => {
  it('logs in, becomes ready, and deploy-commands registers every command', () => {
    expect(harness.bot.client.isReady()).toBe(true);
    const registered = harness.emulator.registeredCommands({ guildId: harness.emulator.guild.id }).map((command) => command.name);
    expect(registered.sort()).toEqual([...harness.commands.map((command) => command.data.name), 'Search Newsdesk'].sort());
  });
});

describe('commands through real interactions', () => {
  it('/search shows excerpts with the matched word in bold under each title and date', async () => {
    const reply = await harness.emulator.interact.command('search', { query: 'sanctions' }).waitForReply();
    const text = visibleText(reply);
    expect(text).toContain('**sanctions**');
    expect(text).toContain('Europe Convinces Trump to Get Tough on Moscow');
    expect(text).toContain(SEPT_12_2025);
    expect(text).toMatch(/Kiev’s supporters ‘frustrated’/);
    expect(reply.ephemeral).toBe(false);
  });

  it('/quotes answers for Putin and explains Zelensky; hide makes it ephemeral', async () => {
    const putin = await harness.emulator.interact.command('quotes', { person: 'Putin' }).waitForReply();
    expect(visibleText(putin)).toContain('“Overall, I have never excluded the possibility of such a meeting”');
    const zelensky = await harness.emulator.interact.command('quotes', { person: 'Zelensky', hide: true }).waitForReply();
    expect(visibleText(zelensky)).toContain('is mentioned in 2 articles but not quoted');
    expect(zelensky.ephemeral).toBe(true);
  });

  it('/summary lists articles newest first with dates, and /help lists the commands', async () => {
    const summary = visibleText(await harness.emulator.interact.command('summary').waitForReply());
    expect(summary.indexOf(SEPT_12_2025)).toBeGreaterThan(-1);
    expect(summary.indexOf(SEPT_12_2025)).toBeLessThan(summary.indexOf('undated'));
    const help = visibleText(await harness.emulator.interact.command('help').waitForReply());
    for (const name of ['/search', '/quotes', '/summary']) expect(help).toContain(name);
  });

  it('autocompletes people and articles', async () => {
    const people = await harness.emulator.interact.autocomplete('quotes', { name: 'person', value: 'pu' }).waitForChoices();
    expect(people.map((choice) => choice.value)).toContain('Vladimir Putin');
    const articles = await harness.emulator.interact.autocomplete('summary', { name: 'article', value: 'Kiev' }).waitForChoices();
    expect(articles.map((choice) => choice.value)).toContain('004_0c3380e4b5896ec4.txt');
  });

  it('defers work that takes longer than a second, then shows the answer', async () => {
    const handle = harness.emulator.interact.command('slowpoke');
    expect(await handle.waitForAck()).toBe(5);
    expect(visibleText(await handle.waitForReply({ timeoutMs: 10_000 }))).toContain('finally');
  });
});

describe('faults', () => {
  it('a command that throws gets an ephemeral error with a reference, and the next command works', async () => {
    const failure = await harness.emulator.interact.command('explode').waitForReply();
    expect(failure.ephemeral).toBe(true);
    expect(failure.content).toMatch(/Something went wrong \(reference [0-9a-f]{6}\)/);
    expect(visibleText(await harness.emulator.interact.command('help').waitForReply())).toContain('/search');
  });

  it('survives 429 and 500 on the interaction callback', async () => {
    harness.emulator.failNext(1, { status: 429, route: '/callback', retryAfter: 0.05 });
    expect(visibleText(await harness.emulator.interact.command('help').waitForReply())).toContain('/search');
    harness.emulator.failNext(1, { status: 500, route: '/callback' });
    expect(visibleText(await harness.emulator.interact.command('help').waitForReply())).toContain('/search');
  });

  it('survives 429 and 500 on the follow-up edit of a deferred answer', async () => {
    harness.emulator.failNext(1, { status: 429, route: /PATCH \/webhooks\//, retryAfter: 0.05 });
    const first = harness.emulator.interact.command('slowpoke');
    expect(visibleText(await first.waitForReply({ timeoutMs: 15_000 }))).toContain('finally');
    harness.emulator.failNext(1, { status: 500, route: /PATCH \/webhooks\// });
    const second = harness.emulator.interact.command('slowpoke');
    expect(visibleText(await second.waitForReply({ timeoutMs: 15_000 }))).toContain('finally');
  });

  it('resumes after the gateway drops mid-session and keeps answering', async () => {
    const since = Date.now();
    await harness.emulator.dropGateway();
    await harness.emulator.waitForResume({ since, timeoutMs: 15_000 });
    expect(visibleText(await harness.emulator.interact.command('quotes', { person: 'Trump' }).waitForReply())).toContain('There’s a lot of hatred, a lot.');
  });
});

describe('load', () => {
  it('answers 100 interactions injected at once, all within the 3 s deadline', async () => {
    const queries = ['sanctions', 'Putin', 'ceasefire', 'Istanbul talks', 'Trump'];
    const handles = Array.from({ length: 100 }, (_, index) => harness.emulator.interact.command('search', { query: queries[index % queries.length] ?? 'x' }));
    const replies = await Promise.all(handles.map((handle) => handle.waitForReply({ timeoutMs: 20_000 })));
    expect(replies).toHaveLength(100);
    for (const handle of handles) expect(handle.acknowledgedWith).toBeDefined();
  });
});

describe('every message is harmless', () => {
  it('carries allowed_mentions parse [] on every message the bot sent', () => {
    const payloads = harness.emulator.messagePayloads();
    expect(payloads.length).toBeGreaterThan(5);
    for (const payload of payloads) expect(payload.allowedMentions).toEqual({ parse: [] });
  });
});

describe('hostile articles and long answers', () => {
  let corpusDir: string;
  let hostile: BotHarness;
  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-hostile-'));
    const johnsons = { boris: 'Boris Johnson, the former prime minister', dwayne: 'Dwayne Johnson, the actor' };
    for (const [key, who] of Object.entries(johnsons)) {
      await writeFile(
        path.join(corpusDir, `johnson-${key}.md`),
        `---\ntitle: ${who.split(',')[0]} speaks\ndate: 2026-01-0${key === 'boris' ? 2 : 3}\nurl: https://news.example/${key}\n---\n\n${who}, spoke on Monday. “We will keep going, whatever happens,” Johnson said.\n`,
      );
    }
    await writeFile(
      path.join(corpusDir, 'hostile.md'),
      '---\ntitle: "@everyone **Budget** <@123> _vote_"\ndate: 2026-01-05\n---\n\nThe budget vote was held. @everyone should read <@123> and <@&456>, said **Jane Doe** in # a heading [link](https://evil.example).\n',
    );
    for (let index = 0; index < 40; index++) {
      const day = String((index % 28) + 1).padStart(2, '0');
      await writeFile(
        path.join(corpusDir, `budget-${index}.md`),
        `---\ntitle: Budget story number ${index} about the city budget and its long title\ndate: 2026-02-${day}\nurl: https://news.example/budget/${index}\n---\n\nThe city council debated the budget for the ${index}th time on Tuesday. Council members argued over spending on roads, schools and parks for hours. The mayor said the budget would be balanced without new taxes this year.\n`,
      );
    }
    hostile = await botHarness({ corpusDir });
  });
  afterAll(async () => {
    await hostile.close();
    await rm(corpusDir, { recursive: true, force: true });
  });

  it('renders @everyone, <@123> and Markdown from an article harmless', async () => {
    const reply = await hostile.emulator.interact.command('search', { query: 'vote everyone' }).waitForReply();
    expect(reply.mentions).toEqual({ everyone: false, users: [], roles: [] });
    const text = visibleText(reply);
    expect(text).not.toMatch(/@everyone|<@\d|<@&\d/);
    expect(text).not.toContain('**Jane Doe**');
    expect(text).toContain('vote');
  });

  it('pages through a long answer with its buttons, also after a restart', async () => {
    const first = await hostile.emulator.interact.command('summary').waitForReply();
    const footer = first.embeds[0]?.footer?.text ?? '';
    const pages = Number(/Page 1 of (\d+)/.exec(footer)?.[1] ?? '0');
    expect(pages).toBeGreaterThan(1);
    const next = (message: typeof first) => {
      const rows = message.components as Array<{ components: Array<{ label?: string; custom_id?: string }> }>;
      const button = rows.flatMap((row) => row.components).find((component) => component.label?.startsWith('Next'));
      return button?.custom_id ?? '';
    };
    const second = await hostile.emulator.interact.button(next(first), first).waitForReply();
    expect(second.embeds[0]?.footer?.text).toContain(`Page 2 of ${pages}`);
    expect(second.embeds[0]?.description).not.toBe(first.embeds[0]?.description);

    await hostile.restart();
    const third = await hostile.emulator.interact.button(next(second), second).waitForReply();
    expect(third.embeds[0]?.footer?.text).toContain(`Page 3 of ${pages}`);
  });

  it('links each title to its article and shows dates as Discord timestamps', async () => {
    const reply = await hostile.emulator.interact.command('search', { query: 'mayor budget' }).waitForReply();
    expect(reply.embeds[0]?.description).toMatch(/\*\*\[Budget story number \d+ about the city budget and its long title\]\(https:\/\/news\.example\/budget\/\d+\)\*\*\n-# <t:\d+:D>/);
  });

  it('jumps to the last page, to any page from the menu, and back to the first', async () => {
    const first = await hostile.emulator.interact.command('summary').waitForReply();
    const [, count = 0] = pageOf(first);
    expect(count).toBeGreaterThan(2);
    const last = await hostile.emulator.interact.button(buttonId(first, 'Last'), first).waitForReply();
    expect(pageOf(last)).toEqual([count, count]);
    expect(componentsOf(last).find((component) => component.label?.startsWith('Next'))?.disabled).toBe(true);
    const jumped = await hostile.emulator.interact.component(jumpId(last), last, { values: ['1'] }).waitForReply();
    expect(pageOf(jumped)).toEqual([2, count]);
    const back = await hostile.emulator.interact.button(buttonId(jumped, 'First'), jumped).waitForReply();
    expect(pageOf(back)).toEqual([1, count]);
    expect(back.embeds[0]?.description).toBe(first.embeds[0]?.description);
  });

  it('lets only the person who asked turn the pages of a private answer', async () => {
    const mine = await hostile.emulator.interact.command('summary', { hide: true }).waitForReply();
    expect(mine.ephemeral).toBe(true);
    const click = hostile.emulator.interact.button(buttonId(mine, 'Next'), mine, { user: 'admin' });
    const intruder = await click.waitForReply();
    expect(intruder.ephemeral).toBe(true);
    expect(intruder.content).toContain('Only the person who asked');
    // A new message (4), not an update of the asker's answer (7).
    expect(click.acknowledgedWith).toBe(4);
    const turned = await hostile.emulator.interact.button(buttonId(mine, 'Next'), mine).waitForReply();
    expect(pageOf(turned)[0]).toBe(2);
  });

  it('pages an answer to a long query, also after a restart', async () => {
    const query = 'city council budget spending roads schools parks mayor taxes balanced year';
    expect(query.length).toBeGreaterThan(55);
    const first = await hostile.emulator.interact.command('search', { query, limit: 25 }).waitForReply();
    expect(pageOf(first)[1]).toBeGreaterThan(1);
    for (const component of componentsOf(first)) expect(component.custom_id?.length ?? 0).toBeLessThanOrEqual(100);
    await hostile.restart();
    const second = await hostile.emulator.interact.button(buttonId(first, 'Next'), first).waitForReply();
    expect(pageOf(second)[0]).toBe(2);
    expect(second.embeds[0]?.title).toContain(query);
  });

  it('asks "which Johnson?" with a menu of the people, and answers for the one chosen', async () => {
    const which = await hostile.emulator.interact.command('quotes', { person: 'Johnson' }).waitForReply();
    const menu = componentsOf(which).find((component) => component.type === 3);
    expect(menu?.options?.map((option) => option.value).sort()).toEqual(['Boris Johnson', 'Dwayne Johnson']);
    const chosen = await hostile.emulator.interact.component(menu?.custom_id ?? '', which, { values: ['Dwayne Johnson'] }).waitForReply();
    const text = visibleText(chosen);
    expect(text).toContain('Quotes by Dwayne Johnson');
    expect(text).toContain('“We will keep going, whatever happens”');
    expect(text).toContain('Dwayne Johnson speaks');
    expect(text).not.toContain('Boris Johnson speaks');
  });
});

describe('a corpus that takes seconds to load', () => {
  it('defers interactions that arrive while it loads and answers them', async () => {
    const corpusDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-slow-'));
    const paragraph = 'The committee said on Monday that the harbour project would resume after the inquiry, officials said. '.repeat(20);
    for (let index = 0; index < 1500; index++) {
      await writeFile(path.join(corpusDir, `story-${index}.md`), `---\ntitle: Harbour story ${index}\ndate: 2026-03-01\n---\n\n${paragraph}\n\n“We will rebuild,” said Mayor Anna Berg ${index}.\n`);
    }
    const slow = await botHarness({ corpusDir, waitForLoad: false });
    try {
      expect(slow.catalog.ready).toBe(false);
      const handles = [slow.emulator.interact.command('search', { query: 'harbour' }), slow.emulator.interact.command('summary')];
      for (const handle of handles) expect(await handle.waitForAck({ timeoutMs: 3_000 })).toBe(5);
      const replies = await Promise.all(handles.map((handle) => handle.waitForReply({ timeoutMs: 120_000 })));
      for (const reply of replies) expect(visibleText(reply).length).toBeGreaterThan(0);
    } finally {
      await slow.close();
      await rm(corpusDir, { recursive: true, force: true });
    }
  }, 180_000);
});
