import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/corpus/article.js';
import { parseArticle } from '../../src/corpus/parse.js';

const seedsDir = new URL('../../seeds/', import.meta.url);
const formatsDir = new URL('../fixtures/corpus/formats/', import.meta.url);

function seed(prefix: string) {
  const file = readdirSync(seedsDir).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} missing`);
  return parseArticle(file, readFileSync(new URL(file, seedsDir), 'utf8'));
}

function fixture(name: string) {
  return parseArticle(name, readFileSync(new URL(name, formatsDir), 'utf8'));
}

const headings = (article: ReturnType<typeof parseArticle>) =>
  article.blocks.filter((block) => block.kind === 'heading').map((block) => block.text);

describe('seed 000: " date YYYY-MM-DD Title" first line', () => {
  const article = seed('000_');

  it('has its date and title from the first line, not as text', () => {
    expect(article.date).toBe('2025-09-12');
    expect(article.title).toBe('Europe Convinces Trump to Get Tough on Moscow and Push for Ukraine Negotiations');
    expect(article.titleDerived).toBe(false);
    expect(bodyText(article)).not.toContain('2025-09-12');
    expect(article.blocks[0]!.text.startsWith('European leaders have persuaded')).toBe(true);
  });

  it('drops the photo-credit line', () => {
    expect(article.blocks.some((block) => /^Photo:/.test(block.text) || block.text.includes('DALL'))).toBe(false);
  });

  it('keeps subheadings as heading blocks, never glued to the next sentence', () => {
    expect(headings(article)).toEqual(['Europe Pushes for Stronger Action', 'Moscow Stresses Commitment to Dialogue']);
    const paragraphs = article.blocks.filter((block) => block.kind === 'paragraph');
    expect(paragraphs.some((block) => block.text.includes('Stronger Action'))).toBe(false);
  });

  it('keeps the attributed quote line as a paragraph', () => {
    expect(article.blocks.some((block) => block.kind === 'paragraph' && block.text.startsWith('“Trump is finally on our side.'))).toBe(true);
  });
});

describe('seed 004: title line, then one paragraph per line', () => {
  const article = seed('004_');

  it('is undated, with its first line as title and MENAFN as source', () => {
    expect(article.date).toBeNull();
    expect(article.title).toBe('Kiev’s supporters ‘frustrated’ by Trump’s view on Ukraine discussions');
    expect(article.titleDerived).toBe(false);
    expect(article.source).toBe('MENAFN');
  });

  it('has each line as a paragraph, without the source tag or the title', () => {
    expect(article.blocks).toHaveLength(4);
    expect(article.blocks.every((block) => block.kind === 'paragraph')).toBe(true);
    expect(article.blocks[0]!.text.startsWith('European NATO allies')).toBe(true);
    expect(bodyText(article)).not.toContain('(MENAFN)');
    expect(bodyText(article)).not.toContain('frustrated’ by Trump’s view');
  });
});

describe('Markdown with YAML front matter', () => {
  const article = fixture('front-matter.md');

  it('takes title, calendar date as written (no zone shift), source, url and author from the front matter', () => {
    expect(article.title).toBe('Harbour expansion: council approves the second phase');
    expect(article.date).toBe('2026-03-04');
    expect(article.source).toBe('Coastline Courier');
    expect(article.url).toBe('https://news.example.org/2026/03/04/harbour-expansion');
    expect(article.author).toBe('Mira Okafor');
  });

  it('drops the repeated title, images, ads and "Read more" / share lines', () => {
    const text = bodyText(article);
    expect(text).not.toContain('Harbour expansion: council approves');
    expect(text).not.toMatch(/Advertisement|Read more|Share this|Cranes on the north quay|\.jpg/);
  });

  it('reduces Markdown emphasis and links to their words and keeps ## headings', () => {
    const text = bodyText(article);
    expect(text).toContain('second phase of the harbour expansion, clearing');
    expect(text).toContain('described in the planning report.');
    expect(text).toContain('take about two years');
    expect(text).not.toMatch(/[*[\]()]{2}|\*\*|https:\/\/example\.org/);
    expect(headings(article)).toEqual(['What happens next']);
  });

  it('reads a weekday date and falls back to line reading when YAML rejects the front matter', () => {
    expect(fixture('weekday-front-matter.md').date).toBe('2025-11-09');
    const broken = fixture('broken-front-matter.md');
    expect(broken.title).toBe('Budget vote: what the new plan means');
    expect(broken.date).toBe('2025-11-09');
    expect(broken.source).toBe('Civic Ledger');
  });

  it('reads JSON-quoted values and dates YAML would make into timestamps', () => {
    const article = parseArticle(
      'a.md',
      '---\ntitle: "\\"Quoted\\" start: a title"\ndate: 2013-02-08\nauthors:\n  - Ann Lee\n  - Bo Chen\n---\n\nBody text here.\n',
    );
    expect(article.title).toBe('"Quoted" start: a title');
    expect(article.date).toBe('2013-02-08');
    expect(article.author).toBe('Ann Lee, Bo Chen');
  });
});

describe('plain-text formats', () => {
  it('"Published:" line gives the date and is removed; byline becomes the author', () => {
    const article = fixture('published-line.txt');
    expect(article.title).toBe('Rail strike halts commuter trains across the region');
    expect(article.date).toBe('2026-02-17');
    expect(article.author).toBe('Daniel Park');
    const text = bodyText(article);
    expect(text).not.toMatch(/Published|By Daniel|Getty|Follow us|©|All rights reserved/);
    expect(headings(article)).toEqual(['Passengers Left Stranded']);
  });

  it('dateline with a full date: the date counts, the prefix leaves the paragraph', () => {
    const article = fixture('dateline.txt');
    expect(article.date).toBe('2026-06-12');
    expect(article.dateline).toBe('BRUSSELS, June 12, 2026');
    expect(article.blocks[0]!.text.startsWith('European Union fisheries ministers agreed')).toBe(true);
  });

  it('"CITY (Agency) -" dateline: source from the tag, undated without a date', () => {
    const article = fixture('dateline-reuters.txt');
    expect(article.date).toBeNull();
    expect(article.source).toBe('Reuters');
    expect(article.blocks[0]!.text.startsWith('The central bank left')).toBe(true);
  });

  it('a yearless dateline takes the year of a full date in the article, else stays undated', () => {
    expect(fixture('dateline-no-year.txt').date).toBe('2026-03-03');
    expect(fixture('dateline-no-year-undated.txt').date).toBeNull();
  });

  it('a source tag in front of a paragraph-per-line body becomes the source', () => {
    const article = fixture('source-tag.txt');
    expect(article.source).toBe('AgriWire');
    expect(article.title).toBe('Grain exports rise for a third month');
    expect(article.blocks.map((block) => block.text.slice(0, 12))).toEqual(['Grain export', 'Traders said', 'Analysts exp']);
  });

  it('no title: the first sentence, shortened at a word boundary', () => {
    const article = fixture('untitled.txt');
    expect(article.titleDerived).toBe(true);
    expect(article.title.length).toBeLessThanOrEqual(100);
    expect(article.title.endsWith('…')).toBe(true);
    expect(article.title.startsWith('Scientists at a research station in the Antarctic')).toBe(true);
    expect(article.blocks[0]!.text.startsWith('Scientists at a research station')).toBe(true);
    expect(article.date).toBeNull();
  });

  it('a short first sentence becomes the whole title, without its period', () => {
    const article = parseArticle('x.txt', 'The U.S. economy grew 2 percent. Analysts had expected less growth than that in the quarter.');
    expect(article.title).toBe('The U.S. economy grew 2 percent');
    expect(article.titleDerived).toBe(true);
  });

  it('joins hard-wrapped lines and starts a paragraph at each indented line', () => {
    const article = fixture('wrapped.txt');
    expect(article.blocks).toHaveLength(2);
    expect(article.blocks[0]!.text).toContain('from next month, after a survey found that many students had nowhere quiet to study');
  });

  it('reads CRLF files like LF files', () => {
    const article = fixture('crlf.txt');
    expect(article.title).toBe('Mountain road reopens after landslide');
    expect(article.blocks).toHaveLength(2);
    expect(bodyText(article)).not.toContain('\r');
  });

  it('a run of short lines is a table, not headings; a short line before prose is a heading', () => {
    const article = fixture('headings-and-tables.txt');
    expect(headings(article)).toEqual(['Outlook for the Year Ahead']);
    expect(article.blocks.some((block) => block.text === 'Net profit 610 million' && block.kind === 'paragraph')).toBe(true);
  });

  it('a file holding only a title has no text', () => {
    const article = fixture('title-only.txt');
    expect(article.title).toBe('A headline with nothing under it');
    expect(article.blocks).toEqual([]);
  });

  it('does not mistake prose for furniture', () => {
    const article = parseArticle(
      'p.txt',
      'Agency buys archive\n\nBy Friday, the agency had bought the photo archive from a rival.\n\nThe photos were sold to Getty Images in 2019, the company said.\n\nRead the report and decide, she told the committee on Monday.',
    );
    expect(article.blocks).toHaveLength(3);
    expect(article.author).toBeNull();
  });

  it('leaves a mixed-case opening with a dash alone (not a dateline)', () => {
    const article = parseArticle('p.txt', 'Title here\n\nMaria Lopez — the new minister — said the plan would go ahead in spring.');
    expect(article.dateline).toBeUndefined();
    expect(article.blocks[0]!.text.startsWith('Maria Lopez — the new minister')).toBe(true);
  });
});

describe('scraped web pages', () => {
  it('reads an "Updated <time>, <date>" stamp, a shared byline and a "CITY (Agency) —" dateline', () => {
    const article = fixture('web-article.txt');
    expect(article.title).toBe('Senate passes stopgap funding bill');
    expect(article.date).toBe('2025-11-09');
    expect(article.author).toBe('Jane Doe and Sam Lee');
    expect(article.source).toBe('CNN');
    expect(article.dateline).toBe('WASHINGTON (CNN)');
    expect(bodyText(article)).not.toMatch(/Updated|By Jane|Image:|Getty|Related:|Copyright/);
    expect(headings(article)).toEqual(['What’s in the bill']);
    expect(article.blocks[0]!.text.startsWith('The Senate passed')).toBe(true);
  });

  it('reads a Markdown page: # title, emphasised Published line, bold dateline, quote and list markers', () => {
    const article = fixture('markdown-article.md');
    expect(article.title).toBe('Heatwave grips southern Europe');
    expect(article.date).toBe('2025-07-14');
    expect(article.dateline).toBe('ROME');
    expect(article.blocks.map((block) => block.text)).toEqual([
      'Temperatures reached 44C in Sicily on Monday as a heatwave tightened its grip on southern Europe.',
      '“We have never seen anything like it,” said Giulia Rossi, a farmer near Catania.',
      'Schools closed early in three regions',
      'Hospitals cancelled non-urgent surgery',
    ]);
  });
});

describe('parseArticle on any input', () => {
  it('never throws and always returns a non-empty title and well-formed blocks', () => {
    const lineish = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('---', '# ', '## Heading', ' date 2025-09-12 ', 'Published: ', '(MENAFN)', 'BRUSSELS, June 12 — ', 'Photo: x', '\r\n', '\n\n', '**', '[a](b', '\u0000', '\ufeff'),
    );
    fc.assert(
      fc.property(fc.array(lineish, { maxLength: 30 }), fc.constantFrom('a.txt', 'b.md', 'c/d.MD', ''), (parts, id) => {
        const article = parseArticle(id, parts.join(''));
        expect(article.title.trim().length).toBeGreaterThan(0);
        expect(article.date === null || /^\d{4}-\d{2}-\d{2}$/.test(article.date)).toBe(true);
        for (const block of article.blocks) {
          expect(['paragraph', 'heading']).toContain(block.kind);
          expect(block.text.trim()).toBe(block.text);
          expect(block.text.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('stays linear on long lines that tempt regexes to backtrack', () => {
    // Each input would take minutes with a catastrophically backtracking pattern; here they must simply finish.
    const inputs = [
      `${'**a '.repeat(20000)}`,
      `${'[x'.repeat(20000)}](`,
      `${' '.repeat(50000)}x`,
      `By ${'A '.repeat(20000)}`,
      `Title\n\n${'BRUSSELS, '.repeat(5000)} — text`,
      `${'1/'.repeat(20000)}`,
      `${'. '.repeat(30000)}`,
      `---\n${'a: b\n'.repeat(5000)}---\nText.`,
    ];
    for (const input of inputs) expect(parseArticle('long.md', input).title.length).toBeGreaterThan(0);
  });
});
