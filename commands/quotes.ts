import { ApplicationCommandOptionType, SlashCommandBuilder } from 'discord.js';
import { peopleMatching } from '../src/answers/lookup.js';
import { allQuotes, quotesBy } from '../src/answers/quotes.js';
import { plural } from '../src/render/dates.js';
import { quotesView } from '../src/render/quotes.js';
import { plain } from '../src/render/view.js';
import { hideOption, requiredString } from '../src/discord/commandOptions.js';
import { allQuotesJson, articleUrls, quotesJson } from '../src/cli/json.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('quotes')
    .setDescription('What a person said in the articles, directly or reported')
    .addStringOption((option) =>
      option
        .setName('person')
        .setDescription('A name: Putin, Vladimir Putin or President Putin')
        .setRequired(true)
        .setMaxLength(80)
        .setAutocomplete(true),
    )
    .addBooleanOption(hideOption)
    .toJSON(),
  answer: ({ options }, { catalog }) => quotesView(quotesBy(catalog, requiredString(options, 'person'))),
  autocomplete: (_option, typed, { catalog }) =>
    peopleMatching(catalog, typed).map((person) => ({
      name: `${person.name} (${person.kind === 'organization' ? 'organisation, ' : ''}${person.quoteCount > 0 ? plural(person.quoteCount, 'quote') : `mentioned in ${plural(person.articleIds.length, 'article')}`})`,
      value: person.name,
    })),
  cli: {
    json: ({ options }, { catalog }) => quotesJson(quotesBy(catalog, requiredString(options, 'person')), articleUrls(catalog)),
    standalone: {
      options: [{ type: ApplicationCommandOptionType.Boolean, name: 'all', description: 'every quote in the corpus' }],
      answer: (_invocation, { catalog }) => {
        const quotes = allQuotes(catalog);
        return { title: 'Quotes', intro: quotes.map((q) => [plain(`${q.speaker ?? 'unknown'} (${q.kind}): ${q.text} — ${q.title}`)]), sections: [] };
      },
      json: (_invocation, { catalog }) => allQuotesJson(allQuotes(catalog), articleUrls(catalog)),
    },
  },
} satisfies Command;
