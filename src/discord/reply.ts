/**
 * The one place that sends answers to Discord: it owns truncation to Discord's limits, no-ping mentions,
 * `hide` (ephemeral), and whether to reply, edit a deferred reply, or follow up.
 */
import {
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { DISCORD_LIMITS } from './limits.js';
import { embedLength, truncate } from './present.js';

export interface Answer {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Mentions in answers never ping anyone, whatever the article text says. */
export const NO_MENTIONS = { parse: [] as never[] };

/** Cuts an answer down to what Discord accepts: content, embed count and the 6,000-character total. */
export function clampAnswer(answer: Answer): Answer {
  const clamped: Answer = {};
  if (answer.content !== undefined) clamped.content = truncate(answer.content, DISCORD_LIMITS.content);
  if (answer.embeds) {
    const embeds: APIEmbed[] = [];
    let total = 0;
    for (const embed of answer.embeds.slice(0, DISCORD_LIMITS.embedsPerMessage)) {
      const length = embedLength(embed);
      if (total + length > DISCORD_LIMITS.embedTotal) break;
      total += length;
      embeds.push(embed);
    }
    clamped.embeds = embeds;
  }
  if (answer.components) clamped.components = answer.components.slice(0, DISCORD_LIMITS.actionRows);
  if (!clamped.content && (!clamped.embeds || clamped.embeds.length === 0)) clamped.content = '(empty answer)';
  return clamped;
}

export async function respond(interaction: RepliableInteraction, answer: Answer, { hide = false } = {}): Promise<void> {
  const payload = { ...clampAnswer(answer), allowedMentions: NO_MENTIONS };
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(payload);
  } else if (interaction.replied) {
    await interaction.followUp({ ...payload, flags: hide ? MessageFlags.Ephemeral : undefined });
  } else {
    await interaction.reply({ ...payload, flags: hide ? MessageFlags.Ephemeral : undefined });
  }
}

/** Replaces the message a button belongs to (paging). */
export async function update(interaction: MessageComponentInteraction, answer: Answer): Promise<void> {
  const payload = { ...clampAnswer(answer), allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.update(payload);
}
