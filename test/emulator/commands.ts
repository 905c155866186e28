/**
 * Application command registration (PUT/POST/GET/DELETE, global and per guild), validated as Discord does
 * at deploy time: names, descriptions, option order and counts, choices, and the combined size.
 */
import { ApplicationCommandOptionType as Opt, ApplicationCommandType, type APIApplicationCommand } from 'discord.js';
import { snowflake } from './clock.js';
import { FormErrors, apiErrors } from './errors.js';
import { length } from './limits.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
/** Discord's ceiling on name + description + value characters across a whole command. */
const MAX_COMBINED = 8000;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkName(errors: FormErrors, path: Path, name: unknown, lowercase: boolean): void {
  // Context-menu (user, message) command names may be mixed case and include spaces; chat-input ones not.
  const valid = typeof name === 'string' && (lowercase ? NAME.test(name) && name === name.toLowerCase() : NAME.test(name.replace(/ /g, '')) && name.trim() === name && name.length <= 32);
  if (!valid) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(errors: FormErrors, path: Path, description: unknown): void {
  if (typeof description !== 'string' || length(description) < 1 || length(description) > 100) {
    errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

function checkChoices(errors: FormErrors, path: Path, option: Json): number {
  if (option.choices === undefined || option.choices === null) return 0;
  let size = 0;
  if (!Array.isArray(option.choices) || option.choices.length > MAX_CHOICES) {
    errors.add([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHOICES} or fewer in length.`);
    return 0;
  }
  if (option.autocomplete === true && option.choices.length > 0) {
    errors.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_AND_CHOICES', 'Autocomplete cannot be set on options with choices');
  }
  option.choices.forEach((choice: unknown, index: number) => {
    const c = isObject(choice) ? choice : {};
    if (typeof c.name !== 'string' || length(c.name) < 1 || length(c.name) > 100) {
      errors.add([...path, 'choices', index, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (typeof c.value === 'string' && length(c.value) > 100) {
      errors.add([...path, 'choices', index, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
    size += length(String(c.name ?? '')) + length(String(c.value ?? ''));
  });
  return size;
}

/** Checks a list of options (top level, or inside a subcommand or group); returns their character count. */
function checkOptions(errors: FormErrors, path: Path, value: unknown, depth: 0 | 1 | 2): number {
  if (value === undefined || value === null) return 0;
  if (!Array.isArray(value)) {
    errors.add([...path, 'options'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return 0;
  }
  if (value.length > MAX_OPTIONS) errors.add([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_OPTIONS} or fewer in length.`);
  let size = 0;
  let seenOptional = false;
  const names = new Set<string>();
  value.forEach((raw: unknown, index: number) => {
    const at = [...path, 'options', index];
    const option = isObject(raw) ? raw : {};
    const type = option.type as number;
    checkName(errors, at, option.name, true);
    checkDescription(errors, at, option.description);
    size += length(String(option.name ?? '')) + length(String(option.description ?? ''));
    if (typeof option.name === 'string') {
      if (names.has(option.name)) errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(option.name);
    }
    if (!Number.isInteger(type) || type < Opt.Subcommand || type > Opt.Attachment) {
      errors.add([...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
      return;
    }
    const nested = type === Opt.Subcommand || type === Opt.SubcommandGroup;
    if (nested) {
      // Groups hold subcommands only; subcommands hold plain options only; nothing nests deeper.
      const allowed = type === Opt.SubcommandGroup ? depth === 0 : depth < 2;
      if (!allowed) errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommands cannot be nested here');
      const children = Array.isArray(option.options) ? (option.options as unknown[]) : [];
      if (type === Opt.SubcommandGroup && children.some((c) => !isObject(c) || c.type !== Opt.Subcommand)) {
        errors.add([...at, 'options'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'A subcommand group may contain only subcommands');
      }
      size += checkOptions(errors, at, option.options, type === Opt.SubcommandGroup ? 1 : 2);
      return;
    }
    if (option.required === true) {
      if (seenOptional) errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    } else {
      seenOptional = true;
    }
    size += checkChoices(errors, at, option);
  });
  const mixes = value.some((o) => isObject(o) && (o.type === Opt.Subcommand || o.type === Opt.SubcommandGroup)) &&
    value.some((o) => isObject(o) && o.type !== Opt.Subcommand && o.type !== Opt.SubcommandGroup);
  if (mixes) errors.add([...path, 'options'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommands cannot be mixed with other options');
  return size;
}

function checkCommand(errors: FormErrors, path: Path, raw: unknown): void {
  if (!isObject(raw)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = raw.type ?? ApplicationCommandType.ChatInput;
  if (type !== ApplicationCommandType.ChatInput && type !== ApplicationCommandType.User && type !== ApplicationCommandType.Message) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
    return;
  }
  const chatInput = type === ApplicationCommandType.ChatInput;
  checkName(errors, path, raw.name, chatInput);
  if (chatInput) checkDescription(errors, path, raw.description);
  else if (raw.description !== undefined && raw.description !== '') {
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
  }
  const dmp = raw.default_member_permissions;
  if (dmp !== undefined && dmp !== null && !(typeof dmp === 'string' && /^\d+$/.test(dmp))) {
    errors.add([...path, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a string of digits (a permission bit set) or null.');
  }
  const size = length(String(raw.name ?? '')) + length(String(raw.description ?? '')) + checkOptions(errors, path, raw.options, 0);
  if (size > MAX_COMBINED) errors.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${MAX_COMBINED})`);
}

/** Where commands live: globally (scope null) or in one guild. */
type Scope = string | null;

export class CommandRegistry {
  private readonly scopes = new Map<Scope, APIApplicationCommand[]>();

  constructor(
    private readonly applicationId: string,
    private readonly knownGuild: (guildId: string) => boolean,
  ) {}

  private scope(guildId: Scope): APIApplicationCommand[] {
    if (guildId !== null && !this.knownGuild(guildId)) throw apiErrors.unknownGuild();
    return this.scopes.get(guildId) ?? [];
  }

  list(guildId: Scope): APIApplicationCommand[] {
    return structuredClone(this.scope(guildId));
  }

  /** PUT: replaces every command in the scope; a command keeping its name and type keeps its id. */
  overwrite(guildId: Scope, body: unknown): APIApplicationCommand[] {
    const existing = this.scope(guildId);
    const errors = new FormErrors();
    if (!Array.isArray(body)) {
      errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
      errors.throwIfAny();
      return [];
    }
    if (body.length > MAX_COMMANDS) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_COMMANDS} or fewer in length.`);
    const seen = new Set<string>();
    body.forEach((raw: unknown, index: number) => {
      checkCommand(errors, [index], raw);
      const key = isObject(raw) ? `${String(raw.type ?? 1)}:${String(raw.name)}` : '';
      if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
      seen.add(key);
    });
    errors.throwIfAny();
    const next = (body as Json[]).map((raw) => this.build(guildId, raw, existing));
    this.scopes.set(guildId, next);
    return structuredClone(next);
  }

  /** POST: creates one command, or replaces the one with the same name and type (status 200 instead of 201). */
  upsert(guildId: Scope, body: unknown): { created: boolean; command: APIApplicationCommand } {
    const existing = this.scope(guildId);
    const errors = new FormErrors();
    checkCommand(errors, [], body);
    errors.throwIfAny();
    const command = this.build(guildId, body as Json, existing);
    const index = existing.findIndex((c) => c.id === command.id);
    const next = [...existing];
    if (index >= 0) next[index] = command;
    else next.push(command);
    this.scopes.set(guildId, next);
    return { created: index < 0, command: structuredClone(command) };
  }

  remove(guildId: Scope, commandId: string): void {
    const existing = this.scope(guildId);
    if (!existing.some((c) => c.id === commandId)) throw apiErrors.unknownCommand();
    this.scopes.set(guildId, existing.filter((c) => c.id !== commandId));
  }

  get(guildId: Scope, commandId: string): APIApplicationCommand {
    const command = this.scope(guildId).find((c) => c.id === commandId);
    if (!command) throw apiErrors.unknownCommand();
    return structuredClone(command);
  }

  /** The command of this type (default chat input) a user would pick by this name: the guild's first, then the global one. */
  find(name: string, guildId: string, type: ApplicationCommandType = ApplicationCommandType.ChatInput): APIApplicationCommand | undefined {
    const match = (c: APIApplicationCommand): boolean => c.name === name && c.type === type;
    return this.scopes.get(guildId)?.find(match) ?? this.scopes.get(null)?.find(match);
  }

  /** Every registered chat-input command name, for error messages in tests. */
  names(guildId: string): string[] {
    return [...(this.scopes.get(guildId) ?? []), ...(this.scopes.get(null) ?? [])].map((c) => c.name);
  }

  get isEmpty(): boolean {
    return [...this.scopes.values()].every((list) => list.length === 0);
  }

  private build(guildId: Scope, raw: Json, existing: APIApplicationCommand[]): APIApplicationCommand {
    const type = (raw.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const previous = existing.find((c) => c.name === raw.name && c.type === type);
    return {
      id: previous?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type,
      name: raw.name as string,
      name_localizations: (raw.name_localizations as Record<string, string> | undefined) ?? null,
      description: (raw.description as string | undefined) ?? '',
      description_localizations: (raw.description_localizations as Record<string, string> | undefined) ?? null,
      default_member_permissions: (raw.default_member_permissions as string | null | undefined) ?? null,
      nsfw: raw.nsfw === true,
      ...(guildId !== null ? { guild_id: guildId } : {}),
      integration_types: (raw.integration_types as number[] | undefined) ?? [0],
      contexts: (raw.contexts as number[] | undefined) ?? null,
      ...(Array.isArray(raw.options) ? { options: structuredClone(raw.options) } : {}),
    } as APIApplicationCommand;
  }
}
