import { describe, expect, it } from 'vitest';
import { markHeadings, splitBlocks } from '../../src/corpus/blocks.js';

const txt = { markdown: false, titleExpected: false };
const md = { markdown: true, titleExpected: false };
const texts = (body: string, options = txt) => splitBlocks(body, options).map((block) => block.text);

describe('splitBlocks', () => {
  it('splits on blank lines and keeps one paragraph per long line', () => {
    const long = 'x '.repeat(80).trim();
    expect(texts(`A.\n\nB.\n${long}\n${long}`)).toEqual(['A.', 'B.', long, long]);
  });

  it('joins hard-wrapped plain text, and rejoins a word hyphenated at a line end', () => {
    const body = 'The committee agreed on Tuesday to extend the long-\nterm contract for another year, saying the service had\nimproved since the spring.';
    expect(texts(body)).toEqual(['The committee agreed on Tuesday to extend the long-term contract for another year, saying the service had improved since the spring.']);
  });

  it('keeps short sentence lines apart in plain text but joins soft-wrapped Markdown', () => {
    expect(texts('One short line.\nTwo short line.')).toEqual(['One short line.', 'Two short line.']);
    expect(texts('One short line.\nTwo short line.', md)).toEqual(['One short line. Two short line.']);
  });

  it('reads ATX and setext headings, list items, quotes and rules', () => {
    const blocks = splitBlocks('## Section ##\nIntro\n=====\n- first item\n- second item\n\n> Quoted text\n\n***\nLast.', md);
    expect(blocks.map((block) => [block.text, block.heading])).toEqual([
      ['Section', true],
      ['Intro', true],
      ['first item', false],
      ['second item', false],
      ['Quoted text', false],
      ['Last.', false],
    ]);
  });

  it('splits a title line off a wrapped first paragraph only when a title is expected', () => {
    const body = 'Library extends opening hours\nThe city library will open until 10 p.m. on weekdays from next\nmonth, after a survey of students.';
    expect(splitBlocks(body, { markdown: false, titleExpected: true })[0]!.text).toBe('Library extends opening hours');
  });
});

describe('markHeadings', () => {
  const mark = (lines: string[]) => markHeadings(lines.map((text) => ({ text, heading: false }))).map((block) => block.heading);
  const prose = 'The minister said the plan would be published next week after consultation with the regions.';

  it('marks a short capitalised line before prose', () => {
    expect(mark([prose, 'Europe Pushes for Stronger Action', prose])).toEqual([false, true, false]);
  });

  it('does not mark lines in a run of short lines, a last line, a quote, or a dangling phrase', () => {
    expect(mark([prose, 'Revenue 4.2 billion', 'Net profit 610 million', prose])).toEqual([false, false, false, false]);
    expect(mark([prose, 'The end of it all'])).toEqual([false, false]);
    expect(mark([prose, '“We will win”', prose])).toEqual([false, false, false]);
    expect(mark([prose, 'But the company had no intention of selling its', prose])).toEqual([false, false, false]);
    expect(mark(['Only Block'])).toEqual([false]);
  });
});
