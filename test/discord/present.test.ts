import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/discord/escape.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { embedLength, pageEmbed, paginateView, truncate } from '../../src/discord/present.js';
import { bold, plain } from '../../src/render/view.js';
import { hostileView } from '../render/arbitraries.js';

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
