import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type SlashCommandIntegerOption, type SlashCommandStringOption } from 'discord.js';
import { optionalInteger, optionalString } from '../src/discord/commandOptions.js';
import { DigestInputError } from '../src/digest/errors.js';
import type { DigestService } from '../src/digest/service.js';
import { MAX_ARTICLES_PER_POST, type EditDigestInput } from '../src/digest/service.js';
import { suggestTimezones } from '../src/digest/slots.js';
import {
  addedView,
  editedView,
  guildOnlyView,
  inputErrorView,
  listView,
  loadingView,
  notFoundView,
  nowView,
  pausedView,
  previewView,
  removedView,
  resumedView,
  unavailableView,
} from '../src/digest/views.js';
import type { View } from '../src/render/view.js';
import { digestSinceUse } from '../src/cli/digestSince.js';
import type { Choice, Command, Invocation } from './index.js';

const CADENCES: Choice[] = [
  { name: 'daily (default)', value: 'daily' },
  { name: 'weekly on Monday', value: 'weekly mon' },
  { name: 'weekly on Friday', value: 'weekly fri' },
  { name: 'hourly (at the minute of time)', value: 'hourly' },
  { name: 'weekdays (Monday to Friday)', value: 'weekdays' },
];

const ACTIONS: Record<string, string> = { add: 'add the digest', edit: 'change the digest' };

const idOption = (description: string) => (option: SlashCommandIntegerOption) =>
  option.setName('id').setDescription(description).setRequired(true).setMinValue(1);

const timeOption = (required: boolean) => (option: SlashCommandStringOption) =>
  option.setName('time').setDescription('Time of day, 24-hour HH:MM, e.g. 09:00').setRequired(required).setMaxLength(5);
const timezoneOption = (required: boolean) => (option: SlashCommandStringOption) =>
  option.setName('timezone').setDescription('IANA timezone, e.g. Europe/Berlin').setRequired(required).setMaxLength(64).setAutocomplete(true);
const cadenceOption = (option: SlashCommandStringOption) =>
  option.setName('cadence').setDescription('daily (default), weekdays, weekly [day], hourly, or a cron expression').setMaxLength(100).setAutocomplete(true);
const maxOption = (option: SlashCommandIntegerOption) =>
  option.setName('max').setDescription(`Most articles per post (1–${MAX_ARTICLES_PER_POST}, default 10)`).setMinValue(1).setMaxValue(MAX_ARTICLES_PER_POST);

async function answerAdd(digests: DigestService, { options, guildId, userId }: Invocation & { guildId: string }): Promise<View> {
  const channelId = optionalString(options, 'channel') ?? '';
  const time = optionalString(options, 'time') ?? '';
  const timezone = optionalString(options, 'timezone') ?? '';
  const cadence = optionalString(options, 'cadence');
  const max = optionalInteger(options, 'max');
  const filter = optionalString(options, 'filter');
  const webhook = optionalString(options, 'webhook');
  const info = await digests.add({
    guildId,
    channelId,
    time,
    timezone,
    ...(cadence !== undefined ? { cadence } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(filter !== undefined ? { filter } : {}),
    ...(webhook !== undefined ? { webhook } : {}),
    ...(userId ? { createdBy: userId } : {}),
  });
  return addedView(info);
}

async function answerEdit(digests: DigestService, { options, guildId }: Invocation & { guildId: string }, id: number): Promise<View> {
  const changes: EditDigestInput = {};
  for (const name of ['time', 'timezone', 'cadence', 'filter'] as const) {
    const value = optionalString(options, name);
    if (value !== undefined) changes[name] = value;
  }
  const channelId = optionalString(options, 'channel');
  if (channelId !== undefined) changes.channelId = channelId;
  const max = optionalInteger(options, 'max');
  if (max !== undefined) changes.max = max;
  const edited = await digests.edit(guildId, id, changes);
  return edited ? editedView(edited) : notFoundView(id);
}

export default {
  data: new SlashCommandBuilder()
    .setName('digest')
    .setDescription('Scheduled posts of what is new in the corpus')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Post a digest of new articles in a channel on a schedule')
        .addChannelOption((option) =>
          option.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addStringOption(timeOption(true))
        .addStringOption(timezoneOption(true))
        .addStringOption(cadenceOption)
        .addStringOption((option) => option.setName('filter').setDescription('Only articles matching this search').setMaxLength(200))
        .addIntegerOption(maxOption)
        .addStringOption((option) => option.setName('webhook').setDescription('Post through this channel webhook URL instead of the bot').setMaxLength(300)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('edit')
        .setDescription('Change a digest: only the options given change')
        .addIntegerOption(idOption('The digest id from /digest list'))
        .addStringOption(timeOption(false))
        .addStringOption(timezoneOption(false))
        .addStringOption(cadenceOption)
        .addStringOption((option) => option.setName('filter').setDescription('Only articles matching this search; "none" for every article').setMaxLength(200))
        .addIntegerOption(maxOption)
        .addChannelOption((option) => option.setName('channel').setDescription('Post here instead').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)),
    )
    .addSubcommand((sub) => sub.setName('pause').setDescription('Stop posting until resumed').addIntegerOption(idOption('The digest id from /digest list')))
    .addSubcommand((sub) =>
      sub.setName('resume').setDescription('Post again from the next slot (missed slots are not posted)').addIntegerOption(idOption('The digest id from /digest list')),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription("This server's digests, with any failure"))
    .addSubcommand((sub) => sub.setName('remove').setDescription('Stop a digest').addIntegerOption(idOption('The digest id from /digest list')))
    .addSubcommand((sub) =>
      sub.setName('preview').setDescription('See exactly what the next post would contain').addIntegerOption(idOption('The digest id from /digest list')),
    )
    .addSubcommand((sub) =>
      sub.setName('now').setDescription('Post now; counts as the current or next slot').addIntegerOption(idOption('The digest id from /digest list')),
    )
    .toJSON(),
  async answer(invocation, { services, catalog }) {
    const digests = services.digests;
    if (!digests) return unavailableView();
    const { guildId } = invocation;
    if (!guildId) return guildOnlyView();
    const id = optionalInteger(invocation.options, 'id') ?? 0;
    try {
      switch (invocation.subcommand) {
        case 'add':
          return await answerAdd(digests, { ...invocation, guildId });
        case 'edit':
          return await answerEdit(digests, { ...invocation, guildId }, id);
        case 'pause':
        case 'resume': {
          const changed = await digests.setPaused(guildId, id, invocation.subcommand === 'pause');
          if (!changed) return notFoundView(id);
          return invocation.subcommand === 'pause' ? pausedView(changed) : resumedView(changed);
        }
        case 'remove': {
          const removed = await digests.remove(guildId, id);
          return removed ? removedView(removed) : notFoundView(id);
        }
        case 'preview': {
          if (!catalog.ready) return loadingView();
          const preview = await digests.preview(guildId, id);
          return preview ? previewView(preview) : notFoundView(id);
        }
        case 'now': {
          if (!catalog.ready) return loadingView();
          const result = await digests.postNow(guildId, id);
          return result ? nowView(result) : notFoundView(id);
        }
        default:
          return listView(await digests.list(guildId));
      }
    } catch (error) {
      if (error instanceof DigestInputError) return inputErrorView(ACTIONS[invocation.subcommand ?? ''] ?? 'do that', error);
      throw error;
    }
  },
  // Schedule management is admin business and previews are private: every /digest answer is ephemeral.
  ephemeral: () => true,
  autocomplete(option, typed) {
    if (option === 'timezone') return suggestTimezones(typed, 25).map((zone) => ({ name: zone, value: zone }));
    if (option === 'cadence') {
      const needle = typed.trim().toLowerCase();
      const matching = CADENCES.filter((choice) => choice.value.includes(needle) || choice.name.includes(needle));
      return typed.trim() !== '' && !matching.some((choice) => choice.value === typed.trim()) ? [{ name: typed.trim(), value: typed.trim() }, ...matching] : matching;
    }
    return [];
  },
  cli: { standalone: digestSinceUse },
} satisfies Command;
