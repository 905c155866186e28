/**
 * Discord's documented limits on what a bot may send, checked the way Discord checks them: every violation
 * becomes a 400 with code 50035 and the path of the field, e.g. `data.embeds.0.fields.3.value`.
 * Lengths are counted in Unicode code points, as Discord counts them.
 */
import { FormErrors, apiErrors } from './errors.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  placeholder: 150,
  choices: 25,
  choiceText: 100,
  nonce: 25,
  modalTitle: 45,
} as const;

/** Message flags a bot may set: SUPPRESS_EMBEDS, EPHEMERAL (interactions only), SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2. */
export const FLAG = { suppressEmbeds: 4, ephemeral: 64, loading: 128, suppressNotifications: 4096, componentsV2: 32768 } as const;

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

export const length = (text: string): number => [...text].length;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function maxLength(errors: FormErrors, path: Path, value: unknown, max: number, required = false): void {
  if (value === undefined || value === null) {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return;
  }
  const size = length(value);
  if (required && size === 0) errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${max} in length.`);
  else if (size > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function arrayOf(errors: FormErrors, path: Path, value: unknown, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return [];
  }
  if (value.length > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return value;
}

const text = (value: unknown): number => (typeof value === 'string' ? length(value) : 0);

function checkEmbeds(errors: FormErrors, path: Path, value: unknown): void {
  const embeds = arrayOf(errors, [...path, 'embeds'], value, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = [...path, 'embeds', index];
    if (!isObject(embed)) {
      errors.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    maxLength(errors, [...at, 'title'], embed.title, LIMITS.embedTitle);
    maxLength(errors, [...at, 'description'], embed.description, LIMITS.embedDescription);
    total += text(embed.title) + text(embed.description);
    const fields = arrayOf(errors, [...at, 'fields'], embed.fields, LIMITS.embedFields);
    fields.forEach((field, fieldIndex) => {
      const fieldPath = [...at, 'fields', fieldIndex];
      if (!isObject(field)) {
        errors.add(fieldPath, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
        return;
      }
      maxLength(errors, [...fieldPath, 'name'], field.name, LIMITS.fieldName, true);
      maxLength(errors, [...fieldPath, 'value'], field.value, LIMITS.fieldValue, true);
      total += text(field.name) + text(field.value);
    });
    if (embed.footer !== undefined && embed.footer !== null) {
      const footer = isObject(embed.footer) ? embed.footer : {};
      maxLength(errors, [...at, 'footer', 'text'], footer.text, LIMITS.footerText, true);
      total += text(footer.text);
    }
    if (embed.author !== undefined && embed.author !== null) {
      const author = isObject(embed.author) ? embed.author : {};
      maxLength(errors, [...at, 'author', 'name'], author.name, LIMITS.authorName, true);
      total += text(author.name);
    }
    if (embed.color !== undefined && embed.color !== null) {
      if (!Number.isInteger(embed.color) || (embed.color as number) < 0 || (embed.color as number) > 0xffffff) {
        errors.add([...at, 'color'], 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
      }
    }
    if (embed.timestamp !== undefined && embed.timestamp !== null && Number.isNaN(Date.parse(String(embed.timestamp)))) {
      errors.add([...at, 'timestamp'], 'DATE_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
    }
  });
  if (total > LIMITS.embedTotal) {
    errors.add([...path, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

const BUTTON = 2;
const SELECTS = new Set([3, 5, 6, 7, 8]);

function checkCustomId(errors: FormErrors, path: Path, value: unknown, seen: Set<string>): void {
  maxLength(errors, path, value, LIMITS.customId, true);
  if (typeof value !== 'string') return;
  if (seen.has(value)) errors.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  seen.add(value);
}

function checkButton(errors: FormErrors, at: Path, button: Json, seen: Set<string>): void {
  const style = button.style;
  if (typeof style !== 'number' || style < 1 || style > 6) {
    errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
  }
  maxLength(errors, [...at, 'label'], button.label, LIMITS.buttonLabel);
  if (style === 5) {
    if (typeof button.url !== 'string' || !/^(https?|discord):\/\//.test(button.url)) {
      errors.add([...at, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
    if (button.custom_id !== undefined) errors.add([...at, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be set for this button style');
  } else if (style !== 6) {
    checkCustomId(errors, [...at, 'custom_id'], button.custom_id, seen);
    if (button.url !== undefined) errors.add([...at, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A url cannot be set for this button style');
  }
  if (style !== 6 && (button.label === undefined || button.label === '') && button.emoji === undefined) {
    errors.add([...at, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji is required');
  }
}

function checkSelect(errors: FormErrors, at: Path, select: Json, seen: Set<string>): void {
  checkCustomId(errors, [...at, 'custom_id'], select.custom_id, seen);
  maxLength(errors, [...at, 'placeholder'], select.placeholder, LIMITS.placeholder);
  if (select.type !== 3) return;
  const options = arrayOf(errors, [...at, 'options'], select.options, LIMITS.selectOptions);
  if (options.length === 0) errors.add([...at, 'options'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.selectOptions} in length.`);
  options.forEach((option, index) => {
    const optionPath = [...at, 'options', index];
    const o = isObject(option) ? option : {};
    maxLength(errors, [...optionPath, 'label'], o.label, LIMITS.selectOptionText, true);
    maxLength(errors, [...optionPath, 'value'], o.value, LIMITS.selectOptionText, true);
    maxLength(errors, [...optionPath, 'description'], o.description, LIMITS.selectOptionText);
  });
}

function checkComponents(errors: FormErrors, path: Path, value: unknown, flags: number): void {
  if (flags & FLAG.componentsV2) {
    // Components V2 layouts are accepted as sent; only their 40-component ceiling is checked.
    arrayOf(errors, [...path, 'components'], value, 40);
    return;
  }
  const rows = arrayOf(errors, [...path, 'components'], value, LIMITS.actionRows);
  const seen = new Set<string>();
  rows.forEach((row, rowIndex) => {
    const rowPath = [...path, 'components', rowIndex];
    if (!isObject(row) || row.type !== 1) {
      errors.add([...rowPath, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1}.');
      return;
    }
    const children = arrayOf(errors, [...rowPath, 'components'], row.components, LIMITS.buttonsPerRow);
    if (children.length === 0) errors.add([...rowPath, 'components'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.buttonsPerRow} in length.`);
    const hasSelect = children.some((c) => isObject(c) && SELECTS.has(c.type as number));
    if (hasSelect && children.length > 1) {
      errors.add([...rowPath, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    }
    children.forEach((child, index) => {
      const at = [...rowPath, 'components', index];
      if (!isObject(child)) {
        errors.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      } else if (child.type === BUTTON) {
        checkButton(errors, at, child, seen);
      } else if (SELECTS.has(child.type as number)) {
        checkSelect(errors, at, child, seen);
      } else {
        errors.add([...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {2, 3, 5, 6, 7, 8}.');
      }
    });
  });
}

function checkAllowedMentions(errors: FormErrors, path: Path, value: unknown): void {
  if (value === undefined || value === null) return;
  const at = [...path, 'allowed_mentions'];
  if (!isObject(value)) {
    errors.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const parse = arrayOf(errors, [...at, 'parse'], value.parse, 3);
  parse.forEach((kind, index) => {
    if (kind !== 'users' && kind !== 'roles' && kind !== 'everyone') {
      errors.add([...at, 'parse', index], 'BASE_TYPE_CHOICES', 'Value must be one of (\'roles\', \'users\', \'everyone\').');
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = arrayOf(errors, [...at, kind], value[kind], 100);
    if (ids.length > 0 && parse.includes(kind)) {
      errors.add(at, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids] are mutually exclusive.`);
    }
  }
}

export interface MessageCheck {
  /** Where the message sits in the request body: [] for channel posts and webhooks, ['data'] for callbacks. */
  path?: Path;
  /** Creating a message (not editing one): it must have content, an embed or something else to show. */
  creating: boolean;
  /** The flags this route accepts (EPHEMERAL only for interaction responses). */
  allowedFlags: number;
}

/** Throws the error Discord would answer for this message body, or returns when Discord would accept it. */
export function checkMessage(body: unknown, { path = [], creating, allowedFlags }: MessageCheck): void {
  const errors = new FormErrors();
  if (!isObject(body)) {
    if (creating) throw apiErrors.emptyMessage();
    return;
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if (flags & ~allowedFlags) errors.add([...path, 'flags'], 'MESSAGE_FLAGS_INVALID', 'Invalid message flags');
  maxLength(errors, [...path, 'content'], body.content, LIMITS.content);
  checkEmbeds(errors, path, body.embeds);
  checkComponents(errors, path, body.components, flags);
  checkAllowedMentions(errors, path, body.allowed_mentions);
  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === 'string') maxLength(errors, [...path, 'nonce'], body.nonce, LIMITS.nonce);
    else if (!Number.isInteger(body.nonce)) errors.add([...path, 'nonce'], 'BASE_TYPE_STRING', 'Must be a string or an integer.');
  }
  errors.throwIfAny();
  if (creating && isEmpty(body, flags)) throw apiErrors.emptyMessage();
}

function isEmpty(body: Json, flags: number): boolean {
  const has = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
  const content = typeof body.content === 'string' ? body.content.trim() : '';
  return content === '' && !has(body.embeds) && !has(body.attachments) && !has(body.sticker_ids) &&
    body.poll === undefined && !(flags & FLAG.componentsV2 && has(body.components));
}

/** Autocomplete results (callback type 8): at most 25 choices, names 1–100 and string values up to 100. */
export function checkChoices(data: unknown): void {
  const errors = new FormErrors();
  const body = isObject(data) ? data : {};
  if (!Array.isArray(body.choices)) errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const choices = arrayOf(errors, ['data', 'choices'], body.choices, LIMITS.choices);
  choices.forEach((choice, index) => {
    const at = ['data', 'choices', index];
    const c = isObject(choice) ? choice : {};
    maxLength(errors, [...at, 'name'], c.name, LIMITS.choiceText, true);
    if (typeof c.value === 'string') maxLength(errors, [...at, 'value'], c.value, LIMITS.choiceText);
    else if (typeof c.value !== 'number') errors.add([...at, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  errors.throwIfAny();
}

/** A modal (callback type 9): a title up to 45, a custom_id up to 100 and one to five rows. */
export function checkModal(data: unknown): void {
  const errors = new FormErrors();
  const body = isObject(data) ? data : {};
  maxLength(errors, ['data', 'title'], body.title, LIMITS.modalTitle, true);
  maxLength(errors, ['data', 'custom_id'], body.custom_id, LIMITS.customId, true);
  const rows = arrayOf(errors, ['data', 'components'], body.components, LIMITS.actionRows);
  if (rows.length === 0) errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.actionRows} in length.`);
  errors.throwIfAny();
}
