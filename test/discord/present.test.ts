import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/discord/escape.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { discordDate, embedLength, lineToMarkdown, linkTarget, pageEmbed, paginateView, truncate, viewPages } from '../../src/discord/present.js';
import { helpView } from '../../src/render/help.js';
import { quoteLine } from '../../src/render/quotes.js';
import { bold, italic, plain, type Line, type Span } from '../../src/render/view.js';
import { hostileText, hostileView } from '../render/arbitraries.js';
import { renderedText, renderInline } from './discordMarkdown.js';

const ZWSP = /\u200b/g;

/** What each visible character of a rendered line looks like: its text and whether it is bold or italic. */
function styledCharacters(runs: Array<{ text: string; bold: boolean; italic: boolean }>): string[] {
  return runs.flatMap((run) => [...run.text.replace(ZWSP, '')].filter((char) => char.trim() !== '').map((char) => `${char}${run.bold ? 'B' : ''}${run.italic ? 'I' : ''}`));
}
const intended = (line: Line) => styledCharacters(line.map((span) => ({ text: span.text, bold: span.bold === true, italic: span.italic === true && span.bold !== true })));

describe('the Markdown Discord renders', () => {
  it('models Discord: a space before the closing * leaves literal asterisks, none renders italic', () => {
    expect(renderedText(renderInline('*Reported: *'))).toBe('*Reported: *');
    expect(renderInline('*Reported:* he said')[0]).toEqual({ text: 'Reported:', bold: false, italic: true });
  });

  it('shows the labels of quotes and /help in italics, never as asterisks', () => {
    const lines: Line[] = [
      quoteLine({ speaker: 'A', speakerType: 'person', kind: 'indirect', text: 'the talks would resume' }),
      quoteLine({ speaker: 'A', speakerType: 'person', kind: 'mixed', text: 'a good deal' }),
      ...helpView([{ name: 'digest', description: 'Digests', options: [{ name: 'add', description: 'Add one', required: false }] }], { articles: 1, ready: true }).sections.flatMap((section) => section.lines),
      [bold('Ana Lima: '), italic('Reported: '), plain('that it works')],
    ];
    for (const line of lines) {
      const runs = renderInline(lineToMarkdown(line));
      expect(renderedText(runs).replace(ZWSP, '')).toBe(line.map((span) => span.text).join(''));
      expect(styledCharacters(runs)).toEqual(intended(line));
    }
    expect(renderInline(lineToMarkdown(lines[0] ?? []))[0]).toEqual({ text: 'Reported:', bold: false, italic: true });
  });

  it('renders any line of styled spans with exactly its text and styles, whatever the text holds', () => {
    const shortHostile = fc.oneof(hostileText.map((text) => text.slice(0, 60)), fc.constantFrom(' ', 'Reported: ', ' padded ', '*', '**', '_', '\\'));
    const span: fc.Arbitrary<Span> = fc.record({ text: shortHostile, bold: fc.boolean(), italic: fc.boolean() });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 5 }), (line) => {
        const runs = renderInline(lineToMarkdown(line));
        expect(renderedText(runs).replace(ZWSP, '')).toBe(line.map((s) => s.text).join('').replace(ZWSP, ''));
        expect(styledCharacters(runs)).toEqual(intended(line));
      }),
      { numRuns: 400 },
    );
  });

  it('closes every marker of a line it has to cut', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: hostileText, bold: fc.boolean(), italic: fc.boolean() }), { maxLength: 4 }), fc.integer({ min: 5, max: 300 }), (line, max) => {
        const markdown = lineToMarkdown(line, max);
        expect(markdown.length).toBeLessThanOrEqual(max);
        const shown = renderedText(renderInline(markdown)).replace(ZWSP, '');
        // Every character a reader sees came from the spans: no stray marker of a cut span is left showing.
        expect(line.map((s) => s.text).join('').replace(ZWSP, '')).toContain(shown.replace(/…$/, ''));
      }),
      { numRuns: 200 },
    );
  });
});

describe('article headings in Discord', () => {
  const section = (url: string | null, date: string | null) => ({ heading: 'Port *reopens*', article: { date, source: 'CNN', url }, lines: [[plain('x')]] });

  it('links the title to its source and shows the date as a Discord timestamp', () => {
    const [page] = paginateView({ title: 't', intro: [], sections: [section('https://cnn.com/a(1)', '2025-09-12')] });
    const runs = renderInline(page?.split('\n')[0] ?? '');
    expect(renderedText(runs)).toBe('Port *reopens*');
    expect(runs.every((run) => run.bold && run.link === 'https://cnn.com/a%281%29')).toBe(true);
    expect(page).toContain('-# <t:1757678400:D> · CNN');
  });

  it('says undated, and leaves a title unlinked when its url is not a web address', () => {
    for (const url of [null, 'javascript:alert(1)', 'not a url', `https://e.com/${'x'.repeat(2000)}`]) {
      const [page] = paginateView({ title: 't', intro: [], sections: [section(url, null)] });
      expect(page).not.toContain('](');
      expect(page).toContain('-# undated · CNN');
    }
    expect(linkTarget('http://example.org/a b')).toBe('http://example.org/a%20b');
  });

  it('puts a date on the same calendar day for readers west and east of UTC', () => {
    const seconds = Number(/<t:(\d+):D>/.exec(discordDate('2026-03-01'))?.[1]);
    for (const offsetHours of [-11, -5, 0, 5.5, 11]) {
      expect(new Date((seconds + offsetHours * 3600) * 1000).toISOString().slice(0, 10)).toBe('2026-03-01');
    }
  });
});

describe('paginateView and pageEmbed', () => {
  it('keeps every page of any view inside Discord embed limits', () => {
    fc.assert(
      fc.property(hostileView, (view) => {
        const pages = paginateView(view);
        expect(pages.length).toBeGreaterThan(0);
        pages.forEach((description, index) => {
          const embed = pageEmbed(view, description, index, pages.length);
          expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
          expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
          expect(embed.description?.length ?? 0).toBeGreaterThan(0);
          expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
          expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('never splits one article between pages unless it is longer than a page', () => {
    const sections = Array.from({ length: 30 }, (_, index) => ({ heading: `Article ${index}`, lines: [[plain('a'.repeat(700))], [plain('b'.repeat(700))]] }));
    const pages = viewPages({ title: 'Long', intro: [], sections });
    expect(pages.length).toBeGreaterThan(1);
    for (const section of sections) {
      const holding = pages.filter((page) => page.description.includes(`**${section.heading}**`));
      expect(holding).toHaveLength(1);
      expect(holding[0]?.description).toContain(`**${section.heading}**\n${'a'.repeat(700)}\n${'b'.repeat(700)}`);
    }
    expect(pages.map((page) => page.firstHeading)).toEqual(pages.map((page) => /\*\*(Article \d+)\*\*/.exec(page.description)?.[1]));
    const huge = viewPages({ title: 'Huge', intro: [], sections: [{ heading: 'Everything', lines: Array.from({ length: 12 }, () => [plain('c'.repeat(900))]) }] });
    expect(huge.length).toBeGreaterThan(1);
    expect(huge[1]?.description.startsWith('**Everything (continued)**')).toBe(true);
  });

  it('shows every section of a long answer across the pages, in order', () => {
    const sections = Array.from({ length: 60 }, (_, index) => ({ heading: `Article ${index}`, lines: [[plain('x'.repeat(200))]] }));
    const pages = paginateView({ title: 'Long', intro: [], sections });
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join('\n');
    const positions = sections.map((section) => all.indexOf(`**${section.heading}**`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('renders bold spans as Markdown bold and escapes the article text around them', () => {
    const [page] = paginateView({ title: 't', intro: [[plain('a *star* '), bold('sanctions')]], sections: [] });
    expect(page).toContain('**sanctions**');
    expect(page).toContain('a \\*star\\*');
  });
});

describe('escapeText', () => {
  it('makes mentions and Markdown inert', () => {
    const escaped = escapeText('@everyone <@123> <@&5> # Title **bold** _it_ [link](http://x.y)');
    expect(escaped).not.toMatch(/@everyone|@here/);
    expect(escaped).not.toMatch(/<@\d/);
    expect(escaped).not.toMatch(/<@&/);
    expect(escaped).not.toContain('**bold**');
    expect(escaped).not.toMatch(/(^|[^\\])\[link\]\(/);
  });

  it('never leaves a pinging mention in any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('@everyone', '@here', '<@1>', '<@!1>', '<@&1>'), fc.string(), (before, mention, after) => {
        const escaped = escapeText(`${before}${mention}${after}`);
        expect(escaped).not.toMatch(/@(everyone|here)|<@[!&]?\d/);
      }),
    );
  });
});

describe('truncate', () => {
  it('never exceeds the limit and marks the cut', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 1, max: 2500 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length > max) expect(cut.endsWith('…')).toBe(true);
        else expect(cut).toBe(text);
      }),
    );
  });
});
