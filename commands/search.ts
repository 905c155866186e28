import { SlashCommandBuilder } from 'discord.js';
import { DEFAULT_SEARCH_LIMIT, search, searchCompletions, type SearchRequest } from '../src/answers/search.js';
import { searchView } from '../src/render/search.js';
import { plain } from '../src/render/view.js';
import { dateRangeProblem, hideOption, optionalInteger, optionalString, requiredString } from '../src/discord/commandOptions.js';
import { articleUrls, searchJson, searchLine } from '../src/cli/json.js';
import type { Command, Invocation } from './index.js';

/** Most articles one search shows, in Discord, the console and the CLI alike (one embed field each). */
export const MAX_SEARCH_LIMIT = 25;

const SORTS = ['relevance', 'newest'] as const;

function request({ options }: Invocation): SearchRequest {
  const sort = optionalString(options, 'sort');
  return {
    query: requiredString(options, 'query'),
    limit: optionalInteger(options, 'limit'),
    from: optionalString(options, 'from'),
    to: optionalString(options, 'to'),
    source: optionalString(options, 'source'),
    sort: SORTS.find((known) => known === sort),
  };
}

export default {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Find excerpts of articles that match your words')
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('Words to look for: sanctions Moscow, "exact phrase", -excluded')
        .setRequired(true)
        .setMaxLength(200)
        .setAutocomplete(true),
    )
    .addIntegerOption((option) =>
      option.setName('limit').setDescription(`How many articles (default ${DEFAULT_SEARCH_LIMIT})`).setMinValue(1).setMaxValue(MAX_SEARCH_LIMIT),
    )
    .addStringOption((option) => option.setName('from').setDescription('Only articles dated on or after, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
    .addStringOption((option) => option.setName('to').setDescription('Only articles dated on or before, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
    .addStringOption((option) => option.setName('source').setDescription('Only articles from this source, e.g. CNN').setMaxLength(100))
    .addStringOption((option) =>
      option
        .setName('sort')
        .setDescription('Best match first (default) or newest first')
        .addChoices(SORTS.map((sort) => ({ name: sort, value: sort }))),
    )
    .addBooleanOption(hideOption)
    .toJSON(),
  check: ({ options }) => dateRangeProblem(options),
  answer: (invocation, { catalog }) => {
    const problem = dateRangeProblem(invocation.options);
    if (problem !== undefined) return { title: 'Search', intro: [[plain(problem)]], sections: [] };
    return searchView(search(catalog, request(invocation)));
  },
  autocomplete: (_option, typed, { catalog }) => searchCompletions(catalog, typed, MAX_SEARCH_LIMIT),
  cli: {
    json: (invocation, { catalog }) => searchJson(search(catalog, request(invocation)), articleUrls(catalog)),
    batch: { option: 'query', line: (invocation, { catalog }) => searchLine(search(catalog, request(invocation))) },
  },
} satisfies Command;
