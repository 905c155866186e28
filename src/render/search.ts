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
  if (answer.error) {
    intro.push([plain(answer.error)]);
  } else if (answer.notice?.kind === 'no-key-terms') {
    intro.push([plain('That message has no word that any article contains, so there is nothing to search for.')]);
  } else if (answer.query === '') {
    intro.push([plain('Type some words to search for, e.g. '), italic('/search sanctions'), plain('.')]);
  } else if (answer.notice?.kind === 'stop-words-only') {
    intro.push([bold(answer.query), plain(' has only very common words (like "the" or "of"), which are not indexed. Add a word that says what the articles are about.')]);
  } else if (answer.results.length === 0) {
    intro.push([plain('No matches for '), bold(answer.query), plain(`. ${noMatchHint(answer)}`)]);
  } else {
    intro.push([plain(`${plural(answer.results.length, 'article')} matching `), bold(answer.query), plain(`${filterText(answer)}, ${answer.filters.sort === 'newest' ? 'newest' : 'best'} first.`)]);
  }
  if (!answer.error && answer.notice?.kind === 'did-you-mean') {
    intro.push([plain('Did you mean '), italic(answer.notice.suggestion), plain('?')]);
  }
  return {
    title: answer.query === '' ? 'Search' : `Search: ${answer.query}`,
    intro,
    sections: answer.results.map((result) => articleSection(result, result.excerpts.map(excerptLine))),
  };
}

/** The filters in words, e.g. " from 2014-01-01 to 2014-06-30 in CNN". */
function filterText(answer: SearchAnswer): string {
  const { from, to, source } = answer.filters;
  let text = '';
  if (from) text += ` from ${from}`;
  if (to) text += ` to ${to}`;
  if (source) text += ` in ${source}`;
  return text;
}

/** What may find more: only the filters and syntax this request used. */
function noMatchHint(answer: SearchAnswer): string {
  const { from, to, source } = answer.filters;
  const tries = ['fewer words', 'another spelling'];
  if (from || to) tries.push('a wider date range');
  if (source) tries.push('no source filter');
  if (/["“”]/.test(answer.query)) tries.push('no quotes');
  if (/(?:^|\s)-\S/.test(answer.query)) tries.push('fewer exclusions');
  return `Try ${tries.slice(0, -1).join(', ')} or ${tries.at(-1)}.`;
}
