import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { searchMessage } from '../src/answers/search.js';
import { searchView } from '../src/render/search.js';
import { plain } from '../src/render/view.js';
import type { MessageCommand } from './index.js';

/** Right-click a message → Apps → Search Newsdesk: /search on the message's key terms, shown only to you. */
export default {
  data: { ...new ContextMenuCommandBuilder().setName('Search Newsdesk').setType(ApplicationCommandType.Message).toJSON(), type: ApplicationCommandType.Message },
  answer: (message, { catalog }) => {
    const answer = searchMessage(catalog, message.content);
    const view =
      answer.query === ''
        ? { title: 'Search Newsdesk', intro: [[plain('This message has no words to search for (only an image, an embed or short words?). Try /search.')]], sections: [] }
        : searchView(answer);
    // Paging re-runs /search with the terms the message gave, so every page is the same search.
    return { view, pagesOf: { command: 'search', options: { query: answer.query } } };
  },
} satisfies MessageCommand;
