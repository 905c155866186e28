import { SlashCommandBuilder } from 'discord.js';
import { articlesMatching } from '../src/answers/lookup.js';
import { summaries, summaryOf } from '../src/answers/summaries.js';
import { loadProgressOf } from '../src/index/loadProgress.js';
import { dateLabel } from '../src/render/dates.js';
import { SUMMARY_GIST_CHARACTERS, summariesView, summaryView } from '../src/render/summary.js';
import { hideOption, optionalString } from '../src/discord/commandOptions.js';
import { articleUrls, summariesJson, summaryJson } from '../src/cli/json.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('summary')
    .setDescription('The summary of one article, or of every article with its date')
    .addStringOption((option) =>
      option.setName('article').setDescription('Start typing a title; leave empty for all articles').setMaxLength(100).setAutocomplete(true),
    )
    .addBooleanOption(hideOption)
    .toJSON(),
  answer: ({ options }, { catalog }) => {
    const article = optionalString(options, 'article');
    return article === undefined
      ? summariesView(summaries(catalog), !catalog.ready, { maxCharacters: SUMMARY_GIST_CHARACTERS, progress: loadProgressOf(catalog) })
      : summaryView(summaryOf(catalog, article));
  },
  autocomplete: (_option, typed, { catalog }) =>
    articlesMatching(catalog, typed).map((article) => ({ name: `${article.title} (${dateLabel(article.date)})`, value: article.articleId })),
  cli: {
    json: ({ options }, { catalog }) => {
      const article = optionalString(options, 'article');
      return article === undefined ? summariesJson(summaries(catalog), articleUrls(catalog)) : summaryJson(summaryOf(catalog, article), articleUrls(catalog));
    },
  },
} satisfies Command;
