/** Views of summaries: one article, or every article newest first. */
import type { ArticleSummary, SummaryAnswer } from '../answers/summaries.js';
import type { LoadProgress } from '../index/loadProgress.js';
import { articleMeta, articleSection, plural } from './dates.js';
import { loadingNotice } from './notices.js';
import { shortenAtWord } from './shorten.js';
import { bold, plain, type Line, type View } from './view.js';

const summarySection = (article: ArticleSummary, maxCharacters = Infinity) =>
  articleSection(article, [[plain(shortenAtWord(article.summary, maxCharacters) || '(no text to summarise)')]]);

/** In a list of every article, a summary this long keeps about ten articles on a Discord page. */
export const SUMMARY_GIST_CHARACTERS = 220;

export interface SummariesViewOptions {
  /** Cut each summary to this many characters (interactive front ends, where the list is paged). Default: whole. */
  maxCharacters?: number;
  /** How far the first load has got, while it runs. */
  progress?: LoadProgress;
}

export function summariesView(articles: ArticleSummary[], loading: boolean, { maxCharacters, progress }: SummariesViewOptions = {}): View {
  const intro: Line[] = [...loadingNotice(loading, progress)];
  intro.push([plain(articles.length === 0 ? 'The corpus has no articles yet.' : `${plural(articles.length, 'article')}, newest first.`)]);
  const view: View = { title: 'Summaries', intro, sections: articles.map((article) => summarySection(article, maxCharacters)) };
  if (maxCharacters !== undefined && articles.some((article) => article.summary.length > maxCharacters)) {
    view.footer = 'Summaries cut short: /summary with an article gives it whole';
  }
  return view;
}

export function summaryView(answer: SummaryAnswer): View {
  if (answer.kind === 'article') return { title: 'Summary', intro: [], sections: [summarySection(answer.article)] };
  const intro: Line[] = [[plain('No article matches '), bold(answer.query), plain('.')]];
  if (answer.suggestions.length > 0) {
    intro.push([plain('Did you mean:')]);
    for (const article of answer.suggestions) intro.push([plain(`• ${article.title} (${articleMeta(article)})`)]);
  }
  const view: View = { title: 'Summary', intro, sections: [] };
  if (answer.suggestions.length > 0) {
    view.choices = {
      command: 'summary',
      option: 'article',
      placeholder: 'Choose an article to see its summary',
      options: answer.suggestions.map((article) => ({ label: article.title, value: article.articleId, description: articleMeta(article) })),
    };
  }
  return view;
}
