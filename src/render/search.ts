/** The view of a search answer: excerpts grouped under their article, matched words in bold. */
import type { SearchAnswer } from '../answers/search.js';
import type { Excerpt } from '../index/excerpt.js';
import { articleSection, plural } from './dates.js';
import { bold, italic, plain, type Line, type View } from './view.js';
import { loadingNotice } from './notices.js';

export function excerptLine(excerpt: Excerpt): Line {
  const line: Line = [];
  let at = 0;
  for (const [start, end] of excerpt.highlights) {
    if (start > at) line.push(plain(excerpt.text.slice(at, start)));
    line.push(bold(excerpt.text.slice(start, end)));
    at = end;
  }
  if (at < excerpt.text.length) line.push(plain(excerpt.text.slice(at)));
  return line;
}

export function searchView(answer: SearchAnswer): View {
  const intro: Line[] = [...loadingNotice(answer.loading, answer.loadProgress)];
  if (answer.query === '') {
    intro.push([plain('Type some words to search for, e.g. '), italic('/search sanctions'), plain('.')]);
  } else if (answer.results.length === 0) {
    intro.push([plain('No matches for '), bold(answer.query), plain('. Try fewer words, another spelling, or a wider date range.')]);
  } else {
    intro.push([plain(`${plural(answer.results.length, 'article')} matching `), bold(answer.query), plain(', best first.')]);
  }
  return {
    title: answer.query === '' ? 'Search' : `Search: ${answer.query}`,
    intro,
    sections: answer.results.map((result) => articleSection(result, result.excerpts.map(excerptLine))),
  };
}
