/** The answers of the /follow subcommands, as views. Each fits one page. */
import { bold, italic, plain, type Line, type Section, type View } from '../render/view.js';
import type { FollowInfo } from './service.js';

const followed = (info: FollowInfo): Line =>
  info.kind === 'person' ? [plain('New articles quoting '), bold(info.target)] : [plain('New articles matching '), bold(info.target)];

function followSection(info: FollowInfo): Section {
  const lines: Line[] = [[...followed(info), plain(` are posted in ${info.channel}.`)]];
  if (info.status === 'failing') lines.push([bold('Failing: '), plain(info.failure ?? 'unknown reason'), italic(' (tried again in a while)')]);
  if (info.lastPostAt) lines.push([plain(`Last post ${info.lastPostAt.slice(0, 16).replace('T', ' ')} UTC`)]);
  return { heading: `Follow #${info.id}`, meta: info.status, lines };
}

export function followAddedView(info: FollowInfo): View {
  const intro: Line[] = [[plain('Each new article is posted once; articles already in the corpus are not.')]];
  if (info.unknownPerson) {
    const close = info.suggestions.length > 0 ? ` (close: ${info.suggestions.join(', ')})` : '';
    intro.push([italic(`No one called ${info.target} is in the articles yet${close}; a post comes when someone of that name is quoted.`)]);
  }
  return { title: `Follow #${info.id} added`, intro, sections: [followSection(info)] };
}

export function followListView(infos: FollowInfo[]): View {
  const intro: Line[] =
    infos.length === 0
      ? [[plain('No follows on this server yet. Add one with '), italic('/follow person name channel'), plain(' or '), italic('/follow topic query channel'), plain('.')]]
      : [[plain(`${infos.length} follow${infos.length === 1 ? '' : 's'}.`)]];
  return { title: 'Follows', intro, sections: infos.map(followSection) };
}

export function followRemovedView(info: FollowInfo): View {
  return { title: `Follow #${info.id} removed`, intro: [[...followed(info), plain(` are no longer posted in ${info.channel}.`)]], sections: [] };
}

export function followNotFoundView(id: number): View {
  return { title: 'Follow not found', intro: [[plain(`This server has no follow #${id}. `), italic('/follow list'), plain(' shows the ids.')]], sections: [] };
}
