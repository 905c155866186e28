/** Routes a client calls around login and lookups: gateway discovery, @me, the guild, members, channels. */
import { PermissionFlagsBits } from 'discord.js';
import { ok, type Context } from './context.js';
import { apiErrors } from './errors.js';
import type { Route } from './server.js';

export function basicRoutes(ctx: Context): Route[] {
  const { world } = ctx;
  const gatewayUrl = (): string => ctx.origin().replace(/^http/, 'ws');
  /** GET /guilds/{id}<rest>, for the one guild there is (10004 Unknown Guild for any other id). */
  const guildRoute = (rest: string, answer: (params: Record<string, string>) => unknown): Route => ({
    method: 'GET',
    pattern: `/guilds/:guild${rest}`,
    auth: 'bot',
    handle: ({ params }) => {
      if (params.guild !== world.guildId) throw apiErrors.unknownGuild();
      return ok(answer(params));
    },
  });
  const application = () => ({
    id: world.applicationId,
    name: world.applicationName,
    icon: null,
    description: 'A Discord bot over a folder of news articles (emulated).',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: world.people.admin,
    team: null,
    bot: world.bot,
    summary: '',
    approximate_guild_count: 1,
  });
  return [
    { method: 'GET', pattern: '/gateway', auth: 'none', handle: () => ok({ url: gatewayUrl() }) },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: 'bot',
      handle: () =>
        ok({
          url: gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        }),
    },
    { method: 'GET', pattern: '/users/@me', auth: 'bot', handle: () => ok(world.bot) },
    {
      method: 'GET',
      pattern: '/users/:user',
      auth: 'bot',
      handle: ({ params }) => {
        const member = world.member(params.user!);
        if (!member) throw apiErrors.unknownUser();
        return ok(member.user);
      },
    },
    { method: 'GET', pattern: '/applications/@me', auth: 'bot', handle: () => ok(application()) },
    { method: 'GET', pattern: '/oauth2/applications/@me', auth: 'bot', handle: () => ok(application()) },
    guildRoute('', () => ({ ...world.guild(false), approximate_member_count: world.members.size, approximate_presence_count: 0 })),
    guildRoute('/channels', () => [...world.channels.values()]),
    guildRoute('/roles', () => [...world.roles.values()]),
    guildRoute('/members/:user', (params) => world.guildMember(params.user!)),
    {
      method: 'GET',
      pattern: '/channels/:channel',
      auth: 'bot',
      handle: ({ params }) => {
        const channel = world.channel(params.channel!);
        if (!(world.permissions(world.bot.id, channel.id) & PermissionFlagsBits.ViewChannel)) throw apiErrors.missingAccess();
        return ok(channel);
      },
    },
  ];
}
