/** The view of a quotes answer: each quote with its kind, grouped under its article. */
import type { DirectoryPerson } from '../analysis/types.js';
import type { QuoteItem, QuotesAnswer } from '../answers/quotes.js';
import { articleSection, plural } from './dates.js';
import { loadingNotice } from './notices.js';
import { bold, italic, plain, type Line, type View, type ViewChoices } from './view.js';

export function quoteLine(quote: QuoteItem): Line {
  switch (quote.kind) {
    case 'direct':
      return [plain(`“${quote.text}”`)];
    case 'mixed':
      // The reported clause already carries its quoted words in their marks.
      return [italic('Reported, partly quoted: '), plain(quote.text)];
    case 'indirect':
      return [italic('Reported: '), plain(quote.text)];
  }
}

const counts = (person: DirectoryPerson) => `${plural(person.quoteCount, 'quote')}, ${plural(person.articleIds.length, 'article')}`;
const personWithCounts = (person: DirectoryPerson) => `${person.name} (${counts(person)})`;

/** A note naming the other people who share the name asked for. */
function othersNotice(query: string, others: DirectoryPerson[]): Line[] {
  if (others.length === 0) return [];
  return [[italic(`Also called “${query}”: ${others.slice(0, 5).map(personWithCounts).join('; ')}. Ask with the full name for them.`)]];
}

/** People to choose from; each choice asks /quotes for that person. */
const peopleChoices = (people: DirectoryPerson[], placeholder: string): ViewChoices => ({
  command: 'quotes',
  option: 'person',
  placeholder,
  options: people.map((person) => ({ label: person.name, value: person.name, description: counts(person) })),
});

export function quotesView(answer: QuotesAnswer): View {
  const intro: Line[] = [...loadingNotice(answer.loading, answer.loadProgress)];
  if (answer.kind === 'quotes' || answer.kind === 'not-quoted') intro.push(...othersNotice(answer.query, answer.others));
  switch (answer.kind) {
    case 'quotes': {
      const count = answer.groups.reduce((sum, group) => sum + group.quotes.length, 0);
      intro.push([plain(`${plural(count, 'statement')} in ${plural(answer.groups.length, 'article')}, newest first.`)]);
      return {
        title: `Quotes by ${answer.person.name}`,
        intro,
        sections: answer.groups.map((group) => articleSection(group.article, group.quotes.map(quoteLine))),
        ...(answer.moreArticles > 0 ? { footer: `${plural(answer.moreArticles, 'older article')} quoting ${answer.person.name} not shown` } : {}),
      };
    }
    case 'not-quoted':
      intro.push([
        bold(answer.person.name),
        plain(` is mentioned in ${plural(answer.person.articleIds.length, 'article')} but not quoted.`),
      ]);
      return { title: `Quotes by ${answer.person.name}`, intro, sections: [] };
    case 'ambiguous':
      intro.push([plain('More than one person is called '), bold(answer.query), plain('. Ask again with one of these names:')]);
      for (const person of answer.candidates) intro.push([plain('• '), plain(personWithCounts(person))]);
      return {
        title: `Quotes: which ${answer.query}?`,
        intro,
        sections: [],
        choices: peopleChoices(answer.candidates, `Which ${answer.query}? Choose to see their quotes`),
      };
    case 'unknown':
      intro.push([plain('No one called '), bold(answer.query), plain(' is named in the corpus.')]);
      if (answer.suggestions.length > 0) {
        intro.push([plain('Did you mean: '), plain(answer.suggestions.map((person) => person.name).join(', ')), plain('?')]);
      }
      return {
        title: `Quotes: ${answer.query}`,
        intro,
        sections: [],
        ...(answer.suggestions.length > 0 ? { choices: peopleChoices(answer.suggestions, 'Did you mean one of these?') } : {}),
      };
  }
}
