/** The view of a follow post: the new articles quoting a person or matching a topic. */
import type { FollowAnswer } from '../answers/follow.js';
import { plural } from './dates.js';
import { digestSection } from './digest.js';
import { loadingNotice } from './notices.js';
import { bold, plain, type Line, type View } from './view.js';

export function followView(answer: FollowAnswer, title: string): View {
  const count = answer.items.length;
  const what: Line =
    answer.filter === null
      ? [plain(`${plural(count, 'new article')} ${count === 1 ? 'quotes' : 'quote'} `), bold(answer.target), plain('.')]
      : [plain(`${plural(count, 'new article')} ${count === 1 ? 'matches' : 'match'} `), bold(answer.target), plain('.')];
  return { title, intro: [...loadingNotice(answer.loading), what], sections: answer.items.map(digestSection) };
}
