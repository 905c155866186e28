/** Every HTTP request the bot made, with what the emulator answered, for tests to assert on. */
import type { IncomingHttpHeaders } from 'node:http';
import { waitUntil } from './clock.js';

export interface RecordedRequest {
  /** Position in `emulator.requests`, from 0. */
  index: number;
  method: string;
  /** Path after /api/v10, URL-decoded: `/webhooks/123/abc/messages/@original`. */
  path: string;
  /** The matched route template, e.g. `/webhooks/:application/:token/messages/:message`; the path when none matched. */
  route: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (for multipart, the payload_json part); undefined when there was none. */
  body: unknown;
  /** File names of multipart uploads. */
  files: string[];
  at: number;
  /** HTTP status answered; 0 while the request is being handled. */
  status: number;
  response?: unknown;
  /** Discord's error code and message when the answer was an error. */
  error?: { code: number; message: string };
  /** Set when an injected fault answered instead of the route: "429", "500", "hangup" … */
  fault?: string;
}

export class Recorder {
  readonly requests: RecordedRequest[] = [];
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(request: Omit<RecordedRequest, 'index' | 'status'>): RecordedRequest {
    const recorded: RecordedRequest = { ...request, index: this.requests.length, status: 0 };
    this.requests.push(recorded);
    return recorded;
  }

  /** Marks a request answered and wakes waiters. */
  complete(request: RecordedRequest, status: number, response: unknown): void {
    request.status = status;
    request.response = response;
    const body = response as { code?: unknown; message?: unknown } | undefined;
    if (status >= 400 && body && typeof body.code === 'number') request.error = { code: body.code, message: String(body.message) };
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with the first answered request matching `predicate`. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    return waitUntil(
      () => this.requests.find((r) => r.status !== 0 && predicate(r)),
      (listener) => this.subscribe(listener),
      timeoutMs,
      () => `no matching request among ${this.requests.length}: ${this.requests.slice(-10).map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`,
    );
  }
}
