/**
 * A digest view as the channel messages that carry it: one embed per page, as many embeds per message as
 * Discord allows (count and total size), in reading order.
 */
import type { APIEmbed } from 'discord.js';
import { DISCORD_LIMITS } from '../discord/limits.js';
import { embedLength, pageEmbed, paginateView } from '../discord/present.js';
import type { View } from '../render/view.js';

/** One channel message of a digest post. Stored in the ledger as JSON, so a retry sends exactly the same. */
export interface DigestMessage {
  embeds: APIEmbed[];
}

export function digestMessages(view: View): DigestMessage[] {
  const pages = paginateView(view);
  const embeds = pages.map((page, index) => pageEmbed(view, page, index, pages.length));
  const messages: DigestMessage[] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (current.length > 0 && (current.length >= DISCORD_LIMITS.embedsPerMessage || size + length > DISCORD_LIMITS.embedTotal)) {
      messages.push({ embeds: current });
      current = [];
      size = 0;
    }
    current.push(embed);
    size += length;
  }
  if (current.length > 0) messages.push({ embeds: current });
  return messages;
}
