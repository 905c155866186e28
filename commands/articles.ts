import { SlashCommandBuilder } from 'discord.js';
import { articleRef, newestFirst } from '../src/answers/articleRef.js';
import { articlesMatching } from '../src/answers/lookup.js';
import { dateLabel } from '../src/render/dates.js';
import { articlesView } from '../src/render/lists.js';
import { hideOption, optionalString } from '../src/discord/commandOptions.js';
import { DISCORD_LIMITS } from '../src/discord/limits.js';
import { articlesJson, articleUrls } from '../src/cli/json.js';
import type { Command, CommandContext, Invocation } from './index.js';

/** Every article newest first, or those whose title matches the `title` option, best match first. */
function articlesFor({ options }: Invocation, { catalog }: CommandContext) {
  const title = optionalString(options, 'title');
  // A long title is completed by its first characters, which still find it.
  return title === undefined ? catalog.all().map(articleRef).sort(newestFirst) : articlesMatching(catalog, title, Number.MAX_SAFE_INTEGER);
}

export default {
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription('The articles in the corpus with their dates, newest first')
    .addStringOption((option) => option.setName('title').setDescription('Only articles whose title matches this').setMaxLength(100).setAutocomplete(true))
    .addBooleanOption(hideOption)
    .toJSON(),
  answer: (invocation, context) => articlesView(articlesFor(invocation, context)),
  autocomplete: (_option, typed, { catalog }) =>
    articlesMatching(catalog, typed).map((article) => ({ name: `${article.title} (${dateLabel(article.date)})`, value: article.title.slice(0, DISCORD_LIMITS.autocompleteChoiceValue) })),
  cli: { json: (invocation, context) => articlesJson(articlesFor(invocation, context), articleUrls(context.catalog)) },
} satisfies Command;
