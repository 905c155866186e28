import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type SlashCommandChannelOption } from 'discord.js';
import { optionalInteger, optionalString } from '../src/discord/commandOptions.js';
import { DigestInputError } from '../src/digest/errors.js';
import { followAddedView, followListView, followNotFoundView, followRemovedView } from '../src/digest/followViews.js';
import { guildOnlyView, inputErrorView, loadingView, unavailableView } from '../src/digest/views.js';
import type { Command } from './index.js';
import quotes from './quotes.js';

const channelOption = (option: SlashCommandChannelOption) =>
  option.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);

export default {
  data: new SlashCommandBuilder()
    .setName('follow')
    .setDescription('A post in a channel whenever a new article quotes a person or matches a topic')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('person')
        .setDescription('Post each new article that quotes this person')
        .addStringOption((option) => option.setName('name').setDescription('A name: Putin, Vladimir Putin or President Putin').setRequired(true).setMaxLength(80).setAutocomplete(true))
        .addChannelOption(channelOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('topic')
        .setDescription('Post each new article that matches this search')
        .addStringOption((option) => option.setName('query').setDescription('A search query, e.g. vaccine trial').setRequired(true).setMaxLength(200))
        .addChannelOption(channelOption),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription("This server's follows"))
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Stop a follow')
        .addIntegerOption((option) => option.setName('id').setDescription('The follow id from /follow list').setRequired(true).setMinValue(1)),
    )
    .toJSON(),
  async answer(invocation, { services, catalog }) {
    const digests = services.digests;
    if (!digests) return unavailableView();
    const { guildId, subcommand, options } = invocation;
    if (!guildId) return guildOnlyView();
    try {
      if (subcommand === 'person' || subcommand === 'topic') {
        if (subcommand === 'person' && !catalog.ready) return loadingView();
        const info = await digests.addFollow({
          guildId,
          kind: subcommand,
          target: optionalString(options, subcommand === 'person' ? 'name' : 'query') ?? '',
          channelId: optionalString(options, 'channel') ?? '',
          ...(invocation.userId ? { createdBy: invocation.userId } : {}),
        });
        return followAddedView(info);
      }
      if (subcommand === 'remove') {
        const id = optionalInteger(options, 'id') ?? 0;
        const removed = await digests.removeFollow(guildId, id);
        return removed ? followRemovedView(removed) : followNotFoundView(id);
      }
      return followListView(await digests.listFollows(guildId));
    } catch (error) {
      if (error instanceof DigestInputError) return inputErrorView('add the follow', error);
      throw error;
    }
  },
  // Like /digest: server configuration, visible only to the person who asked.
  ephemeral: () => true,
  autocomplete: (option, typed, context) => (option === 'name' ? (quotes.autocomplete?.('person', typed, context) ?? []) : []),
} satisfies Command;
