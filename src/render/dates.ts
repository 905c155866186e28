/** How dates and article metadata read in every front end. */
import type { ArticleRef } from '../answers/articleRef.js';
import type { Line, Section } from './view.js';

/** "2025-09-12", or "undated" for an article that states no date. */
export function dateLabel(date: string | null): string {
  return date ?? 'undated';
}

/** "2025-09-12 · MENAFN": the quiet line under an article title. */
export function articleMeta(article: { date: string | null; source?: string | null }): string {
  return [dateLabel(article.date), article.source].filter(Boolean).join(' · ');
}

/** A view section about one article: its title (linked to its source where the front end can), date and source. */
export function articleSection(article: ArticleRef, lines: Line[]): Section {
  return { heading: article.title, article: { date: article.date, source: article.source, url: article.url }, lines };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
