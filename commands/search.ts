import { SlashCommandBuilder } from 'discord.js';
import { DEFAULT_SEARCH_LIMIT, search } from '../src/answers/search.js';
import { searchView } from '../src/render/search.js';
import { hideOption, optionalInteger, requiredString } from '../src/discord/commandOptions.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Find excerpts of articles that match your words')
    .addStringOption((option) =>
      option.setName('query').setDescription('Words to look for, e.g. sanctions Moscow').setRequired(true).setMaxLength(80),
    )
    .addIntegerOption((option) =>
      option.setName('limit').setDescription(`How many articles (default ${DEFAULT_SEARCH_LIMIT})`).setMinValue(1).setMaxValue(25),
    )
    .addBooleanOption(hideOption)
    .toJSON(),
  answer: ({ options }, { catalog }) =>
    searchView(search(catalog, { query: requiredString(options, 'query'), limit: optionalInteger(options, 'limit') })),
} satisfies Command;
