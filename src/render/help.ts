/** The view of /help, built from the loaded commands so it never drifts from them. */
import { plural } from './dates.js';
import { bold, italic, plain, type View } from './view.js';

export interface CommandSummary {
  name: string;
  description: string;
  options: Array<{ name: string; description: string; required: boolean }>;
}

export function helpView(commands: CommandSummary[], corpus: { articles: number; ready: boolean }): View {
  return {
    title: 'Newsdesk help',
    intro: [
      [plain('Newsdesk answers questions about '), bold(plural(corpus.articles, 'article')), plain(corpus.ready ? '.' : ' (still loading).')],
      [plain('Add '), italic('hide:true'), plain(' to an answer command to see it privately.')],
    ],
    sections: commands.map((command) => ({
      heading: `/${command.name}${command.options.map((option) => (option.required ? ` ${option.name}` : ` [${option.name}]`)).join('')}`,
      lines: [
        [plain(command.description)],
        ...command.options.map((option) => [italic(`${option.name}: `), plain(option.description)]),
      ],
    })),
  };
}
