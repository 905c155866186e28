/** Notices shared by several views. */
import type { LoadProgress } from '../index/loadProgress.js';
import { italic, type Line } from './view.js';

const count = (value: number) => value.toLocaleString('en-US');

/** How far a corpus load has come, e.g. "12,000 of 100,000 files". */
export function loadProgressText(progress: LoadProgress): string {
  switch (progress.phase) {
    case 'restore':
      return `restoring the saved index (${count(progress.done)} files)`;
    case 'read':
      return `${count(progress.done)} of ${count(progress.total)} files`;
    case 'index':
      return `indexing ${count(progress.done)} of ${count(progress.total)} saved articles`;
    case 'people':
      return `building the people directory (${count(progress.done)} of ${count(progress.total)} articles)`;
    case 'save':
      return `saving the index (${count(progress.total)} changes)`;
  }
}

export function loadingNotice(loading: boolean, progress?: LoadProgress): Line[] {
  if (!loading) return [];
  const far = progress ? ` (${loadProgressText(progress)})` : '';
  return [[italic(`The corpus is still loading${far}: this answer may be incomplete. Ask again in a moment.`)]];
}
