/**
 * Whether the bot may post a digest in a channel, worked out by discord.js from the channel's permission
 * overwrites and the bot's roles (fetched fresh, so a change made a moment ago counts). Read Message History
 * is needed too: before resending a post whose answer was lost, the bot looks for it in the channel.
 */
import type { Client, PermissionsString } from 'discord.js';

const NEEDED: PermissionsString[] = ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'];

/** A check for DigestService: the reason the bot cannot post in `channelId`, or null when it can. */
export function clientChannelCheck(client: Client): (channelId: string) => Promise<string | null> {
  return async (channelId) => {
    const channel = await client.channels.fetch(channelId, { force: true }).catch(() => null);
    if (!channel) return 'Unknown Channel: the bot cannot find this channel (deleted, or it has no access).';
    if (!channel.isTextBased() || channel.isDMBased() || !('permissionsFor' in channel)) {
      return 'it is not a server text channel.';
    }
    const me = await channel.guild.members.fetchMe().catch(() => null);
    const permissions = me ? channel.permissionsFor(me) : null;
    if (!permissions) return null; // Cannot tell: the post itself will say.
    const missing = permissions.missing(NEEDED);
    if (missing.length === 0) return null;
    const names = missing.map((name) => name.replace(/([a-z])([A-Z])/g, '$1 $2')).join(', ');
    return `Missing Permissions: the bot lacks ${names} there; give it View Channel, Send Messages, Embed Links and Read Message History.`;
  };
}
