/**
 * Turns what a test types (`/quotes person:Putin`, `/digest add channel:#news time:09:00`) into the `data`
 * Discord would send: typed options, subcommands, resolved users and channels. With the command registered,
 * its schema decides the option types and rejects what Discord's client would never let a user send.
 */
import { ApplicationCommandOptionType as Opt, ApplicationCommandType, type APIApplicationCommand, type APIApplicationCommandOption } from 'discord.js';
import type { World } from './world.js';

export type OptionInput = string | number | boolean | { type: number; value: string | number | boolean };

export interface CommandOptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOptionPayload[];
  focused?: boolean;
}

export interface CommandData {
  id: string;
  name: string;
  type: ApplicationCommandType.ChatInput;
  guild_id?: string;
  options?: CommandOptionPayload[];
  resolved?: Record<string, Record<string, unknown>>;
}

type SchemaOption = APIApplicationCommandOption & {
  choices?: { value: string | number }[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  autocomplete?: boolean;
  channel_types?: number[];
  options?: SchemaOption[];
  required?: boolean;
};

export interface BuildRequest {
  /** "quotes", or with a subcommand (and group): "digest add". */
  name: string;
  options: Record<string, OptionInput>;
  /** The focused option of an autocomplete interaction; its value is what the user has typed so far. */
  focused?: { name: string; value: string };
  schema: APIApplicationCommand | undefined;
  commandId: string;
  userId: string;
  channelId: string;
}

const inferType = (value: OptionInput): number => {
  if (typeof value === 'object') return value.type;
  if (typeof value === 'boolean') return Opt.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? Opt.Integer : Opt.Number;
  return Opt.String;
};

const rawValue = (value: OptionInput): string | number | boolean => (typeof value === 'object' ? value.value : value);

export class OptionBuilder {
  constructor(private readonly world: World) {}

  build(request: BuildRequest): CommandData {
    const [commandName = '', ...path] = request.name.trim().split(/\s+/);
    const schema = request.schema;
    const label = `/${request.name.trim()}`;
    const resolved: Record<string, Record<string, unknown>> = {};
    let leafSchema: SchemaOption[] | undefined = schema?.options as SchemaOption[] | undefined;
    const wrappers: { name: string; type: number }[] = [];
    if (schema) {
      for (const [depth, part] of path.entries()) {
        const wanted = depth === path.length - 1 ? [Opt.Subcommand] : [Opt.SubcommandGroup];
        const found = leafSchema?.find((o) => o.name === part && wanted.includes(o.type));
        if (!found) throw new Error(`${label}: "${part}" is not a ${wanted[0] === Opt.Subcommand ? 'subcommand' : 'subcommand group'} of /${commandName}.`);
        wrappers.push({ name: part, type: found.type });
        leafSchema = found.options;
      }
      const pending = leafSchema?.filter((o) => o.type === Opt.Subcommand || o.type === Opt.SubcommandGroup) ?? [];
      if (pending.length > 0) throw new Error(`${label} needs a subcommand: ${pending.map((o) => o.name).join(', ')}.`);
    } else {
      path.forEach((part, index) => wrappers.push({ name: part, type: index === path.length - 1 ? Opt.Subcommand : Opt.SubcommandGroup }));
    }
    const entries: [string, OptionInput, boolean][] = Object.entries(request.options).map(([name, value]) => [name, value, false]);
    if (request.focused) entries.push([request.focused.name, request.focused.value, true]);
    const leaf = entries.map(([name, value, focused]) => this.option(label, name, value, focused, schema ? leafSchema ?? [] : undefined, request, resolved));
    if (schema && !request.focused) {
      const missing = (leafSchema ?? []).filter((o) => o.required && !(o.name in request.options));
      if (missing.length > 0) throw new Error(`${label} is missing required option(s): ${missing.map((o) => o.name).join(', ')}.`);
    }
    let options: CommandOptionPayload[] = leaf;
    for (const wrapper of [...wrappers].reverse()) options = [{ name: wrapper.name, type: wrapper.type, options }];
    return {
      id: request.commandId,
      name: commandName,
      type: ApplicationCommandType.ChatInput,
      ...(schema?.guild_id ? { guild_id: schema.guild_id } : {}),
      ...(options.length > 0 ? { options } : {}),
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    };
  }

  private option(
    label: string,
    name: string,
    input: OptionInput,
    focused: boolean,
    schema: SchemaOption[] | undefined,
    request: BuildRequest,
    resolved: Record<string, Record<string, unknown>>,
  ): CommandOptionPayload {
    const spec = schema?.find((o) => o.name === name);
    if (schema && !spec) throw new Error(`${label} has no option "${name}"; it has: ${schema.map((o) => o.name).join(', ') || 'none'}.`);
    const type = spec?.type ?? inferType(input);
    const value = rawValue(input);
    if (focused) {
      if (spec && !spec.autocomplete) throw new Error(`${label}: option "${name}" does not have autocomplete enabled.`);
      // What the user has typed so far arrives as text, whatever the option's type.
      return { name, type, value: String(value), focused: true };
    }
    if (spec) this.checkValue(label, spec, value);
    this.resolve(label, type, value, request, resolved, spec);
    return { name, type, value };
  }

  private checkValue(label: string, spec: SchemaOption, value: string | number | boolean): void {
    const fail = (why: string): never => {
      throw new Error(`${label}: option "${spec.name}" ${why} (Discord's client would not send it).`);
    };
    switch (spec.type) {
      case Opt.String:
        if (typeof value !== 'string') fail('must be text');
        if (spec.min_length !== undefined && String(value).length < spec.min_length) fail(`must be at least ${spec.min_length} characters`);
        if (spec.max_length !== undefined && String(value).length > spec.max_length) fail(`must be at most ${spec.max_length} characters`);
        break;
      case Opt.Integer:
      case Opt.Number:
        if (typeof value !== 'number' || (spec.type === Opt.Integer && !Number.isInteger(value))) fail(spec.type === Opt.Integer ? 'must be a whole number' : 'must be a number');
        if (spec.min_value !== undefined && (value as number) < spec.min_value) fail(`must be at least ${spec.min_value}`);
        if (spec.max_value !== undefined && (value as number) > spec.max_value) fail(`must be at most ${spec.max_value}`);
        break;
      case Opt.Boolean:
        if (typeof value !== 'boolean') fail('must be true or false');
        break;
      case Opt.Attachment:
        fail('is an attachment, which the emulator does not upload');
    }
    if (spec.choices && spec.choices.length > 0 && !spec.choices.some((c) => c.value === value)) {
      fail(`must be one of its choices: ${spec.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
    }
  }

  private resolve(
    label: string,
    type: number,
    value: string | number | boolean,
    request: BuildRequest,
    resolved: Record<string, Record<string, unknown>>,
    spec: SchemaOption | undefined,
  ): void {
    const id = String(value);
    const add = (kind: string, data: unknown): void => {
      resolved[kind] = { ...(resolved[kind] ?? {}), [id]: data };
    };
    const addUser = (): boolean => {
      const member = this.world.member(id);
      if (!member) return false;
      add('users', member.user);
      const { user: _user, ...rest } = this.world.guildMember(id);
      add('members', { ...rest, permissions: this.world.permissions(id, request.channelId).toString() });
      return true;
    };
    if (type === Opt.Channel) {
      const channel = this.world.channels.get(id);
      if (!channel) throw new Error(`${label}: there is no channel ${id} on the emulated server.`);
      if (spec?.channel_types && !spec.channel_types.includes(channel.type)) throw new Error(`${label}: channel ${id} is not of an allowed type.`);
      add('channels', {
        id,
        name: channel.name,
        type: channel.type,
        parent_id: channel.parent_id ?? null,
        nsfw: channel.nsfw ?? false,
        topic: channel.topic ?? null,
        last_message_id: channel.last_message_id ?? null,
        rate_limit_per_user: 0,
        position: channel.position,
        permission_overwrites: channel.permission_overwrites ?? [],
        flags: 0,
        permissions: this.world.permissions(request.userId, id).toString(),
      });
    } else if (type === Opt.User) {
      if (!addUser()) throw new Error(`${label}: there is no member ${id} on the emulated server.`);
    } else if (type === Opt.Role) {
      const role = this.world.roles.get(id);
      if (!role) throw new Error(`${label}: there is no role ${id} on the emulated server.`);
      add('roles', role);
    } else if (type === Opt.Mentionable) {
      const role = this.world.roles.get(id);
      if (role) add('roles', role);
      else if (!addUser()) throw new Error(`${label}: ${id} is neither a member nor a role.`);
    }
  }
}

/** Finds a component by custom_id anywhere in a message's components (rows, or V2 containers). */
export function findComponent(components: unknown, customId: string): Record<string, unknown> | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const component of components as Record<string, unknown>[]) {
    if (component.custom_id === customId) return component;
    const inner = findComponent(component.components, customId) ?? (component.accessory ? findComponent([component.accessory], customId) : undefined);
    if (inner) return inner;
  }
  return undefined;
}

/** All custom_ids in a message's components, for error messages. */
export function customIds(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return (components as Record<string, unknown>[]).flatMap((c) => [
    ...(typeof c.custom_id === 'string' ? [c.custom_id] : []),
    ...customIds(c.components),
    ...(c.accessory ? customIds([c.accessory]) : []),
  ]);
}
