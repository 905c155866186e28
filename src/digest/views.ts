/** The answers of the /digest subcommands, as views. Each fits one page: paging never re-runs a command that posts. */
import { plural } from '../render/dates.js';
import { bold, italic, plain, type Line, type Section, type View } from '../render/view.js';
import type { DigestInputError } from './errors.js';
import type { NowResult, PreviewResult, ScheduleInfo } from './service.js';

function scheduleLines(info: ScheduleInfo): Line[] {
  const lines: Line[] = [
    [plain(`${info.timing} in ${info.channel}, via ${info.delivery}`)],
    [plain(`Up to ${plural(info.max, 'article')} per post${info.filter ? '; only articles matching ' : ''}`), ...(info.filter ? [bold(info.filter)] : [])],
  ];
  if (info.status === 'failing') lines.push([bold('Failing: '), plain(info.failure ?? 'unknown reason'), italic(' (retried at the next slot)')]);
  const lastPost = plain(info.lastPostAt ? ` · last post ${utcMinute(info.lastPostAt)}` : '');
  if (info.pausedAt !== null) {
    lines.push([bold('Paused'), plain(` since ${utcMinute(info.pausedAt)}: no posts until `), italic(`/digest resume id:${info.id}`), lastPost]);
  } else {
    lines.push([plain(`Next post: ${info.nextSlotLabel ?? 'never (the cadence has no future slot)'}`), lastPost]);
  }
  return lines;
}

const utcMinute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const scheduleState = (info: ScheduleInfo) => (info.pausedAt !== null ? 'paused' : info.status);

const scheduleSection = (info: ScheduleInfo): Section => ({
  heading: `Digest #${info.id}`,
  meta: scheduleState(info),
  lines: scheduleLines(info),
});

export function listView(infos: ScheduleInfo[]): View {
  const failing = infos.filter((info) => scheduleState(info) === 'failing').length;
  const paused = infos.filter((info) => info.pausedAt !== null).length;
  const counts = [failing > 0 ? `${failing} failing` : '', paused > 0 ? `${paused} paused` : ''].filter(Boolean);
  const intro: Line[] =
    infos.length === 0
      ? [[plain('No digests on this server yet. Add one with '), italic('/digest add channel time timezone'), plain('.')]]
      : [[plain(`${plural(infos.length, 'digest')}${counts.map((count) => `, ${count}`).join('')}.`)]];
  return { title: 'Digests', intro, sections: infos.map(scheduleSection) };
}

export function addedView(info: ScheduleInfo): View {
  return {
    title: `Digest #${info.id} added`,
    intro: [
      [plain('The first post lists only articles added from now on; nothing new at a slot means no post.')],
      [plain('Try '), italic(`/digest preview id:${info.id}`), plain(' to see the next post, or '), italic(`/digest now id:${info.id}`), plain(' to post it now.')],
    ],
    sections: [scheduleSection(info)],
  };
}

/** One schedule after a change, under a title saying what changed and a line saying what follows from it. */
const changedView = (info: ScheduleInfo, change: string, consequence: Line): View => ({
  title: `Digest #${info.id} ${change}`,
  intro: [consequence],
  sections: [scheduleSection(info)],
});

export const editedView = (info: ScheduleInfo): View =>
  changedView(info, 'changed', [plain('A new timing starts at its next slot; articles already posted are not posted again.')]);

export const pausedView = (info: ScheduleInfo): View =>
  changedView(info, 'paused', [plain('Nothing is posted while it is paused. '), italic(`/digest resume id:${info.id}`), plain(' starts it again.')]);

export const resumedView = (info: ScheduleInfo): View =>
  changedView(info, 'resumed', [plain('Slots missed while paused are not posted; the next post lists everything new since the last one.')]);

export function removedView(info: ScheduleInfo): View {
  return { title: `Digest #${info.id} removed`, intro: [[plain(`No more digests ${info.timing} in ${info.channel}.`)]], sections: [] };
}

export function notFoundView(id: number): View {
  return { title: 'Digest not found', intro: [[plain(`This server has no digest #${id}. `), italic('/digest list'), plain(' shows the ids.')]], sections: [] };
}

export function previewView(preview: PreviewResult): View {
  const due = preview.schedule.nextSlotLabel ?? 'no future slot';
  const notice: Line =
    preview.articleCount === 0
      ? [italic(`Nothing new since the last post, so no post would be made now. Next slot: ${due}.`)]
      : [italic(`Preview (only you see this): the post as it would go out now, in ${plural(preview.messages.length, 'message')}. Next slot: ${due}.`)];
  return { ...preview.view, title: `Preview · ${preview.view.title}`, intro: [notice, ...preview.view.intro] };
}

export function nowView(result: NowResult): View {
  const { outcome, schedule } = result;
  const title = `Digest #${schedule.id}`;
  switch (outcome.kind) {
    case 'sent':
      return {
        title,
        intro: [
          [plain(`Posted ${plural(outcome.articleCount, 'article')} to ${schedule.channel} in ${plural(outcome.messageIds.length, 'message')}.`)],
          [plain(`It counts as the ${result.slotLabel} post, which will not be posted again.`)],
        ],
        sections: [],
      };
    case 'empty':
      return { title, intro: [[plain('Nothing new since the last post: nothing was posted.')]], sections: [] };
    case 'failed':
      return {
        title,
        intro: [[bold('Could not post: '), plain(outcome.reason)], [italic(outcome.permanent ? 'It will be tried again at the next slot.' : 'It will be retried shortly.')]],
        sections: [],
      };
    case 'idle':
      return { title, intro: [[plain(outcome.reason)]], sections: [] };
  }
}

export function inputErrorView(action: string, error: DigestInputError): View {
  return { title: `Could not ${action}`, intro: [[bold(`${error.option}: `), plain(error.message)]], sections: [] };
}

export function unavailableView(): View {
  return {
    title: 'Digests and follows are not available here',
    intro: [
      [plain('Scheduled digests and follows run in the Discord bot. Here, '), italic('newsdesk digest --since 2026-03-01'), plain(' shows what a digest since a time would contain.')],
    ],
    sections: [],
  };
}

export function guildOnlyView(): View {
  return { title: 'Digests are per server', intro: [[plain('Use /digest in a server channel.')]], sections: [] };
}

export function loadingView(): View {
  return { title: 'Corpus still loading', intro: [[plain('The articles are still being indexed; ask again in a moment.')]], sections: [] };
}
