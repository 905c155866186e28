/** Views of summaries: one article, or every article newest first. */
import type { ArticleSummary, SummaryAnswer } from '../answers/summaries.js';
import type { LoadProgress } from '../index/loadProgress.js';
import { articleMeta, plural } from './dates.js';
import { loadingNotice } from './notices.js';
import { bold, plain, type Line, type View } from './view.js';

const summarySection = (article: ArticleSummary) => ({
  heading: article.title,
  meta: articleMeta(article),
  lines: [[plain(article.summary || '(no text to summarise)')]],
});

export function summariesView(articles: ArticleSummary[], loading: boolean, progress?: LoadProgress): View {
  const intro: Line[] = [...loadingNotice(loading, progress)];
  intro.push([plain(articles.length === 0 ? 'The corpus has no articles yet.' : `${plural(articles.length, 'article')}, newest first.`)]);
  return { title: 'Summaries', intro, sections: articles.map(summarySection) };
}

export function summaryView(answer: SummaryAnswer): View {
  if (answer.kind === 'article') return { title: 'Summary', intro: [], sections: [summarySection(answer.article)] };
  const intro: Line[] = [[plain('No article matches '), bold(answer.query), plain('.')]];
  if (answer.suggestions.length > 0) {
    intro.push([plain('Did you mean:')]);
    for (const article of answer.suggestions) intro.push([plain(`• ${article.title} (${articleMeta(article)})`)]);
  }
  return { title: 'Summary', intro, sections: [] };
}
