/**
 * Injected failures: the next N matching requests are answered with a 429 (with Discord's rate-limit headers
 * and body), a 5xx, or a dropped connection — optionally after the request took effect, which is what makes
 * a retry dangerous and Discord's `nonce` + `enforce_nonce` necessary.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { now } from './clock.js';

export interface FaultSpec {
  status: 429 | 500 | 502 | 503 | 504 | 'hangup';
  /** Which requests: a substring of "METHOD /path" (path after /api/v10, decoded) or a RegExp on it. Default: any. */
  route?: string | RegExp;
  /** 429 only: seconds to wait (retry-after header and body). Default 1, as Discord sends; tests may use 0.05. */
  retryAfter?: number;
  /** 429 only: a global rate limit (x-ratelimit-global, scope global). */
  global?: boolean;
  /** Let the request take effect first, then fail the answer: the bot cannot know it succeeded. */
  applied?: boolean;
}

interface PendingFault {
  spec: FaultSpec;
  remaining: number;
}

export class Faults {
  private readonly queue: PendingFault[] = [];

  add(count: number, spec: FaultSpec): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`failNext: count must be a whole number above 0, got ${count}`);
    this.queue.push({ spec, remaining: count });
  }

  /** How many injected failures are still waiting for a request. */
  get pending(): number {
    return this.queue.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault for this request, if one is queued for it (consumed). */
  take(method: string, path: string): FaultSpec | undefined {
    const target = `${method} ${path}`;
    const index = this.queue.findIndex(({ spec }) =>
      spec.route === undefined || (typeof spec.route === 'string' ? target.includes(spec.route) : spec.route.test(target)),
    );
    if (index < 0) return undefined;
    const fault = this.queue[index]!;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return fault.spec;
  }
}

/** Writes the failure; returns the status and body recorded for it. */
export function answerWithFault(response: ServerResponse, spec: FaultSpec, bucket: string): { status: number; body: unknown } {
  if (spec.status === 'hangup') {
    response.socket?.destroy();
    return { status: -1, body: undefined };
  }
  if (spec.status === 429) {
    const retryAfter = spec.retryAfter ?? 1;
    const body = { message: 'You are being rate limited.', retry_after: retryAfter, global: spec.global ?? false };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((now() + retryAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': retryAfter.toFixed(3),
      'x-ratelimit-bucket': bucket,
      'x-ratelimit-scope': spec.global ? 'global' : 'user',
      ...(spec.global ? { 'x-ratelimit-global': 'true' } : {}),
    };
    response.writeHead(429, headers).end(JSON.stringify(body));
    return { status: 429, body };
  }
  const body = { message: `${spec.status}: ${STATUS_CODES[spec.status] ?? 'Server Error'}`, code: 0 };
  response.writeHead(spec.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return { status: spec.status, body };
}
