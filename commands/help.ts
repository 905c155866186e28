import { SlashCommandBuilder } from 'discord.js';
import { helpView } from '../src/render/help.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder().setName('help').setDescription('What Newsdesk can answer, and how to ask').toJSON(),
  answer: (_invocation, { catalog, commands }) =>
    helpView(
      commands.map((command) => ({
        name: command.data.name,
        description: command.data.description,
        options: (command.data.options ?? []).map((option) => ({ name: option.name, description: option.description, required: 'required' in option && option.required === true })),
      })),
      { articles: catalog.size, ready: catalog.ready },
    ),
} satisfies Command;
