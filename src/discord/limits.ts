/**
 * Discord's message limits, in one place. Every renderer and the reply helper read them from here.
 * Source: https://discord.com/developers/docs/resources/message and .../interactions/receiving-and-responding
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  /** Sum of title, description, field names and values, footer and author name over all embeds of a message. */
  embedTotal: 6000,
  autocompleteChoices: 25,
  autocompleteChoiceName: 100,
  autocompleteChoiceValue: 100,
  customId: 100,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  /** The first response to an interaction must arrive within this many milliseconds. */
  firstResponseMs: 3000,
  /** Defer when work may take longer than this, leaving a margin under firstResponseMs. */
  deferAfterMs: 1000,
} as const;
