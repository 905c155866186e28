/** fast-check generators for views full of hostile text: mentions, Markdown, huge lines. */
import fc from 'fast-check';
import type { Line, Section, Span, View } from '../../src/render/view.js';

const nasty = fc.constantFrom('@everyone', '@here', '<@123456789012345678>', '<#1>', '<@&9>', '**', '__', '*', '_', '#', '> ', '`', '|| ', '[x](http://e.com)', '\n', '\\', '😀', '\u200b');
export const hostileText = fc
  .array(fc.oneof(fc.string({ maxLength: 40 }), nasty, fc.string({ minLength: 500, maxLength: 10_000 })), { maxLength: 6 })
  .map((parts) => parts.join(''));

const span: fc.Arbitrary<Span> = fc.record({ text: hostileText, bold: fc.boolean(), italic: fc.boolean() });
const line: fc.Arbitrary<Line> = fc.array(span, { maxLength: 4 });
const hostileUrl = fc.constantFrom('https://news.example/a(b)?q=<x>&r="y"', 'javascript:alert(1)', 'http://e.com/ spaced )](evil)', `https://e.com/${'x'.repeat(390)}`, `https://e.com/${'y'.repeat(5000)}`);
const article = fc.record({
  date: fc.option(fc.constantFrom('2026-04-01', '1999-12-31', 'not-a-date'), { nil: null }),
  source: fc.option(hostileText, { nil: null }),
  url: fc.option(hostileUrl, { nil: null }),
});
const section: fc.Arbitrary<Section> = fc.record(
  { heading: hostileText, meta: fc.option(hostileText, { nil: undefined }), article: article, lines: fc.array(line, { maxLength: 6 }) },
  { requiredKeys: ['heading', 'lines'] },
);

export const hostileView: fc.Arbitrary<View> = fc.record({
  title: hostileText,
  intro: fc.array(line, { maxLength: 3 }),
  sections: fc.array(section, { maxLength: 30 }),
  footer: fc.option(hostileText, { nil: undefined }),
});
