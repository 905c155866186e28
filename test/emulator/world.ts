/**
 * The emulated server ("guild"): the bot, two people, roles, text channels with permission overwrites, and
 * Discord's permission arithmetic (base role permissions, then channel overwrites for @everyone, roles, member).
 */
import {
  ChannelType,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  OverwriteType,
  PermissionFlagsBits,
  type APIGuildMember,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIUser,
} from 'discord.js';
import { now, snowflake } from './clock.js';
import { apiErrors } from './errors.js';

const P = PermissionFlagsBits;
export const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);

/** What everyone may do on the emulated server: read, write, embed, use commands. */
const EVERYONE = P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.EmbedLinks | P.AttachFiles |
  P.AddReactions | P.UseExternalEmojis | P.UseApplicationCommands | P.SendMessagesInThreads;
/** The bot's managed role: what a typical invite link grants (no Administrator, so overwrites apply to it). */
const BOT_ROLE = P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.EmbedLinks | P.AttachFiles |
  P.ManageWebhooks | P.UseExternalEmojis;
/** Server staff: may configure the server (Manage Server), as the digest commands require. */
const EDITORS_ROLE = P.ManageGuild | P.ManageChannels | P.ManageWebhooks | P.ManageMessages | P.MentionEveryone;

export interface Member {
  user: APIUser;
  roles: string[];
  joinedAt: string;
}

function user(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    global_name: bot ? null : username[0]!.toUpperCase() + username.slice(1),
    discriminator: bot ? '0001' : '0',
    avatar: null,
    bot,
    ...(bot ? { verified: true, flags: 0 } : {}),
  } as APIUser;
}

function role(id: string, name: string, permissions: bigint, position: number, managed = false): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export interface WorldOptions {
  applicationName?: string;
}

export class World {
  readonly applicationId = snowflake();
  readonly applicationName: string;
  readonly bot: APIUser;
  readonly guildId = snowflake();
  readonly guildName = 'Newsdesk Test Server';
  /** An ordinary member (no Manage Server) and the server owner, who has everything. */
  readonly people: { member: APIUser; admin: APIUser };
  readonly roles = new Map<string, APIRole>();
  readonly members = new Map<string, Member>();
  readonly channels = new Map<string, APITextChannel>();
  readonly botRoleId = snowflake();
  readonly editorsRoleId = snowflake();
  readonly createdAt = new Date(now()).toISOString();

  constructor(options: WorldOptions = {}) {
    this.applicationName = options.applicationName ?? 'Newsdesk';
    // A bot user shares its id with its application, as on Discord.
    this.bot = user(this.applicationId, this.applicationName, true);
    this.people = { member: user(snowflake(), 'reader'), admin: user(snowflake(), 'editor') };
    this.roles.set(this.guildId, role(this.guildId, '@everyone', EVERYONE, 0));
    this.roles.set(this.botRoleId, role(this.botRoleId, this.applicationName, BOT_ROLE, 2, true));
    this.roles.set(this.editorsRoleId, role(this.editorsRoleId, 'Editors', EDITORS_ROLE, 1));
    this.members.set(this.bot.id, { user: this.bot, roles: [this.botRoleId], joinedAt: this.createdAt });
    this.members.set(this.people.member.id, { user: this.people.member, roles: [], joinedAt: this.createdAt });
    this.members.set(this.people.admin.id, { user: this.people.admin, roles: [this.editorsRoleId], joinedAt: this.createdAt });
  }

  get ownerId(): string {
    return this.people.admin.id;
  }

  /** Adds a text channel; `writable: false` denies Send Messages to @everyone (the bot included). */
  addChannel(name: string, { writable = true, topic = null as string | null } = {}): APITextChannel {
    const id = snowflake();
    const overwrites: APIOverwrite[] = writable
      ? []
      : [{ id: this.guildId, type: OverwriteType.Role, allow: '0', deny: P.SendMessages.toString() }];
    const channel: APITextChannel = {
      id,
      type: ChannelType.GuildText,
      guild_id: this.guildId,
      name,
      position: this.channels.size,
      permission_overwrites: overwrites,
      parent_id: null,
      nsfw: false,
      topic,
      last_message_id: null,
      last_pin_timestamp: null,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    };
    this.channels.set(id, channel);
    return channel;
  }

  channel(id: string): APITextChannel {
    const channel = this.channels.get(id);
    if (!channel) throw apiErrors.unknownChannel();
    return channel;
  }

  /** Lets the bot post in a channel again, or forbids it (a member overwrite on the bot, as a moderator would set). */
  setBotCanSend(channelId: string, canSend: boolean): APITextChannel {
    const channel = this.channel(channelId);
    const others = (channel.permission_overwrites ?? []).filter((o) => o.id !== this.bot.id);
    const bit = P.SendMessages.toString();
    const mine: APIOverwrite = { id: this.bot.id, type: OverwriteType.Member, allow: canSend ? bit : '0', deny: canSend ? '0' : bit };
    channel.permission_overwrites = [...others, mine];
    return channel;
  }

  deleteChannel(channelId: string): APITextChannel {
    const channel = this.channel(channelId);
    this.channels.delete(channelId);
    return channel;
  }

  member(userId: string): Member | undefined {
    return this.members.get(userId);
  }

  /** Discord's permission computation for a member, in the guild or (with a channel) in that channel. */
  permissions(userId: string, channelId?: string): bigint {
    if (userId === this.ownerId) return ALL_PERMISSIONS;
    const member = this.members.get(userId);
    if (!member) return 0n;
    let permissions = BigInt(this.roles.get(this.guildId)!.permissions);
    for (const roleId of member.roles) permissions |= BigInt(this.roles.get(roleId)?.permissions ?? '0');
    if (permissions & P.Administrator) return ALL_PERMISSIONS;
    if (channelId === undefined) return permissions;
    const overwrites = this.channel(channelId).permission_overwrites ?? [];
    const apply = (o: APIOverwrite | undefined): void => {
      if (!o) return;
      permissions &= ~BigInt(o.deny);
      permissions |= BigInt(o.allow);
    };
    apply(overwrites.find((o) => o.id === this.guildId));
    let roleAllow = 0n;
    let roleDeny = 0n;
    for (const o of overwrites) {
      if (o.type === OverwriteType.Role && member.roles.includes(o.id)) {
        roleAllow |= BigInt(o.allow);
        roleDeny |= BigInt(o.deny);
      }
    }
    permissions = (permissions & ~roleDeny) | roleAllow;
    apply(overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId));
    // Without View Channel nothing else applies; without Send Messages nothing that rides on a message does.
    if (!(permissions & P.ViewChannel)) return 0n;
    if (!(permissions & P.SendMessages)) permissions &= ~(P.EmbedLinks | P.AttachFiles | P.MentionEveryone | P.SendTTSMessages);
    return permissions;
  }

  guildMember(userId: string): APIGuildMember {
    const member = this.members.get(userId);
    if (!member) throw apiErrors.unknownMember();
    return {
      user: member.user,
      nick: null,
      avatar: null,
      banner: null,
      roles: [...member.roles],
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** The guild object of GUILD_CREATE and GET /guilds/{id}. */
  guild(withMembersAndChannels: boolean): Record<string, unknown> {
    const base = {
      id: this.guildId,
      name: this.guildName,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      preferred_locale: 'en-US',
      features: [],
      vanity_url_code: null,
      max_members: 500000,
      max_video_channel_users: 25,
      application_id: null,
      roles: [...this.roles.values()],
      emojis: [],
      stickers: [],
    };
    if (!withMembersAndChannels) return base;
    return {
      ...base,
      unavailable: false,
      large: false,
      joined_at: this.createdAt,
      member_count: this.members.size,
      members: [...this.members.keys()].map((id) => this.guildMember(id)),
      channels: [...this.channels.values()].map((c) => ({ ...c, guild_id: undefined })),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
