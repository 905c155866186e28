import { describe, expect, it } from 'vitest';
import type { DirectoryPerson } from '../../src/analysis/types.js';
import type { ArticleSummary } from '../../src/answers/summaries.js';
import { quotesView } from '../../src/render/quotes.js';
import { summariesView, summaryView } from '../../src/render/summary.js';
import { viewToText } from '../../src/render/text.js';

const summary = (index: number, text: string, date: string | null = '2026-02-01'): ArticleSummary => ({
  articleId: `${index}.md`,
  title: `Story ${index}`,
  date,
  source: null,
  url: index % 2 === 0 ? `https://news.example/${index}` : null,
  summary: text,
});

describe('summaries of every article', () => {
  it('cut each summary at a word when asked, and say so; whole otherwise', () => {
    const long = 'The council met on Tuesday and argued about the budget for many hours. '.repeat(6);
    const cut = summariesView([summary(0, long), summary(1, 'Short.')], false, { maxCharacters: 100 });
    const [first, second] = cut.sections.map((section) => section.lines[0]?.[0]?.text ?? '');
    expect(first?.length).toBeLessThanOrEqual(100);
    expect(first).toMatch(/ \S+…$/);
    expect(long.startsWith(first?.slice(0, -1) ?? 'x')).toBe(true);
    expect(second).toBe('Short.');
    expect(cut.footer).toContain('/summary');
    const whole = summariesView([summary(0, long)], false);
    expect(whole.sections[0]?.lines[0]?.[0]?.text).toBe(long);
    expect(whole.footer).toBeUndefined();
  });

  it('show dates as YYYY-MM-DD or undated, and each article URL under its title, in text', () => {
    const text = viewToText(summariesView([summary(2, 'Dated.'), summary(3, 'Undated.', null)], false));
    expect(text).toContain('Story 2 (2026-02-01)\n  https://news.example/2\n  Dated.');
    expect(text).toContain('Story 3 (undated)\n  Undated.');
  });
});

describe('an ambiguous name', () => {
  const person = (name: string, quoteCount: number): DirectoryPerson => ({ name, aliases: [name, 'Johnson'], articleIds: ['a'], mentions: 3, quoteCount });

  it('offers each person as a choice that asks /quotes again, as well as listing them', () => {
    const view = quotesView({ kind: 'ambiguous', query: 'Johnson', candidates: [person('Boris Johnson', 2), person('Dwayne Johnson', 1)], loading: false });
    expect(view.choices).toMatchObject({ command: 'quotes', option: 'person' });
    expect(view.choices?.options.map((option) => option.value)).toEqual(['Boris Johnson', 'Dwayne Johnson']);
    expect(view.choices?.options[0]?.description).toBe('2 quotes, 1 article');
    expect(viewToText(view)).toContain('• Dwayne Johnson (1 quote, 1 article)');
  });
});

describe('suggestions', () => {
  it('offer the people a misspelt name may mean, and the articles a title may mean, as choices', () => {
    const putin: DirectoryPerson = { name: 'Vladimir Putin', aliases: ['Putin'], articleIds: ['a', 'b'], mentions: 9, quoteCount: 4 };
    const unknown = quotesView({ kind: 'unknown', query: 'Puttin', suggestions: [putin], loading: false });
    expect(unknown.choices?.options).toEqual([{ label: 'Vladimir Putin', value: 'Vladimir Putin', description: '4 quotes, 2 articles' }]);
    expect(quotesView({ kind: 'unknown', query: 'Zzz', suggestions: [], loading: false }).choices).toBeUndefined();
    const notFound = summaryView({ kind: 'not-found', query: 'budgt', suggestions: [summary(4, '')] });
    expect(notFound.choices).toMatchObject({ command: 'summary', option: 'article', options: [{ label: 'Story 4', value: '4.md', description: '2026-02-01' }] });
  });
});
