/** Views of the corpus's articles and people, for the CLI's `articles` and `people`. */
import type { DirectoryPerson } from '../analysis/types.js';
import type { ArticleRef } from '../answers/articleRef.js';
import { articleSection, plural } from './dates.js';
import { plain, type View } from './view.js';

export function articlesView(articles: ArticleRef[]): View {
  return {
    title: 'Articles',
    intro: [[plain(`${plural(articles.length, 'article')}, newest first.`)]],
    sections: articles.map((article) => articleSection(article, [[plain(article.articleId)]])),
  };
}

export function peopleView(people: DirectoryPerson[]): View {
  return {
    title: 'People',
    intro: [[plain(`${plural(people.length, 'person', 'people')}, most quoted first.`)]],
    sections: people.map((person) => ({
      heading: person.name,
      meta: `${plural(person.quoteCount, 'quote')} · mentioned in ${plural(person.articleIds.length, 'article')}`,
      lines: person.aliases.length > 0 ? [[plain(`Also: ${person.aliases.filter((alias) => alias !== person.name).join(', ')}`)]] : [],
    })),
  };
}
