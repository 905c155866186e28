/**
 * Discord's JSON errors: `{message, code}` plus, for 50035 Invalid Form Body, an `errors` tree keyed by the
 * path of the offending field (`{"data": {"content": {"_errors": [{code, message}]}}}`).
 */

export interface FieldError {
  code: string;
  message: string;
}

export interface ErrorTree {
  [key: string]: ErrorTree | FieldError[];
}

export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: ErrorTree,
  ) {
    super(message);
    this.name = 'DiscordApiError';
  }

  toJSON(): { message: string; code: number; errors?: ErrorTree } {
    return this.errors ? { message: this.message, code: this.code, errors: this.errors } : { message: this.message, code: this.code };
  }
}

const make = (status: number, code: number, message: string) => () => new DiscordApiError(status, code, message);

/** The errors the emulator answers with, by name; status, code and message as Discord sends them. */
export const apiErrors = {
  unauthorized: make(401, 0, '401: Unauthorized'),
  notFound: make(404, 0, '404: Not Found'),
  methodNotAllowed: make(405, 0, '405: Method Not Allowed'),
  unknownApplication: make(404, 10002, 'Unknown Application'),
  unknownChannel: make(404, 10003, 'Unknown Channel'),
  unknownGuild: make(404, 10004, 'Unknown Guild'),
  unknownMember: make(404, 10007, 'Unknown Member'),
  unknownMessage: make(404, 10008, 'Unknown Message'),
  unknownUser: make(404, 10013, 'Unknown User'),
  unknownWebhook: make(404, 10015, 'Unknown Webhook'),
  unknownInteraction: make(404, 10062, 'Unknown interaction'),
  unknownCommand: make(404, 10063, 'Unknown application command'),
  notAuthorizedForApplication: make(403, 20012, 'You are not authorized to perform this action on this application'),
  alreadyAcknowledged: make(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: make(403, 50001, 'Missing Access'),
  cannotEditOthersMessage: make(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: make(400, 50006, 'Cannot send an empty message'),
  invalidWebhookToken: make(401, 50027, 'Invalid Webhook Token'),
  missingPermissions: make(403, 50013, 'Missing Permissions'),
  invalidJson: make(400, 50109, 'The request body contains invalid JSON.'),
};

/** Collects field errors while validating a body; `throwIfAny` raises one 400/50035 with all of them. */
export class FormErrors {
  private readonly tree: ErrorTree = {};
  private count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const next = node[String(key)];
      if (next === undefined || Array.isArray(next)) {
        const child: ErrorTree = {};
        node[String(key)] = child;
        node = child;
      } else {
        node = next;
      }
    }
    const existing = node._errors;
    if (Array.isArray(existing)) existing.push({ code, message });
    else node._errors = [{ code, message }];
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new DiscordApiError(400, 50035, 'Invalid Form Body', this.tree);
  }
}
