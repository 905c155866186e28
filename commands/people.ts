import { SlashCommandBuilder } from 'discord.js';
import { peopleMatching } from '../src/answers/lookup.js';
import { plural } from '../src/render/dates.js';
import { peopleView } from '../src/render/lists.js';
import { hideOption, optionalString } from '../src/discord/commandOptions.js';
import { peopleJson } from '../src/cli/json.js';
import type { Command, CommandContext, Invocation } from './index.js';

/** Everyone, or the people whose name or alias matches the `name` option, most quoted first. */
const peopleFor = ({ options }: Invocation, { catalog }: CommandContext) => peopleMatching(catalog, optionalString(options, 'name') ?? '', Number.MAX_SAFE_INTEGER);

export default {
  data: new SlashCommandBuilder()
    .setName('people')
    .setDescription('The people named in the articles, most quoted first')
    .addStringOption((option) => option.setName('name').setDescription('Only people whose name contains this, e.g. Johnson').setMaxLength(80).setAutocomplete(true))
    .addBooleanOption(hideOption)
    .toJSON(),
  answer: (invocation, context) => peopleView(peopleFor(invocation, context)),
  autocomplete: (_option, typed, { catalog }) =>
    peopleMatching(catalog, typed).map((person) => ({ name: `${person.name} (${plural(person.quoteCount, 'quote')})`, value: person.name })),
  cli: { json: (invocation, context) => peopleJson(peopleFor(invocation, context)) },
} satisfies Command;
