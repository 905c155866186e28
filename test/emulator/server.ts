/**
 * The HTTP side: node:http on 127.0.0.1, a small router for /api/v10 routes, body parsing (JSON, or
 * multipart with payload_json), bot-token checks, recording of every request, and injected faults.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { now } from './clock.js';
import { DiscordApiError, apiErrors } from './errors.js';
import { answerWithFault, type Faults } from './faults.js';
import type { RecordedRequest, Recorder } from './recorder.js';

export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  recorded: RecordedRequest;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
}

/** `bot`: needs `Authorization: Bot <token>`. `none`: webhook and interaction routes, which carry their own token. */
export type Auth = 'bot' | 'none';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path after /api/v10 with `:name` parameters, e.g. `/channels/:channel/messages`. */
  pattern: string;
  auth: Auth;
  handle: (request: ApiRequest) => ApiResponse;
}

export interface ServerOptions {
  routes: Route[];
  recorder: Recorder;
  faults: Faults;
  token: () => string;
  /** Called for every recorded request before it is answered (to link it to an interaction). */
  onRequest: (request: RecordedRequest) => void;
}

/** `/api/v10/...`, or unversioned `/api/...` as in the webhook URLs Discord hands out (same routes). */
const API_PATH = /^\/api(?:\/v10)?(\/.*)$/;

function match(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
  const segments = path.split('/').filter(Boolean);
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
  let pathMatched = false;
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = parts.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return true;
      }
      literals += 1;
      return part === segment;
    });
    if (!fits) continue;
    pathMatched = true;
    // A literal segment beats a parameter: /users/@me is not /users/:user.
    if (route.method === method && (!best || literals > best.literals)) best = { route, params, literals };
  }
  if (best) return { route: best.route, params: best.params };
  return pathMatched ? 'wrong-method' : undefined;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: string[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: string[] = [];
    let body: unknown;
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
      else if (typeof value !== 'string') files.push(value.name);
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export function createApiServer(options: ServerOptions): Server {
  const { routes, recorder, faults } = options;
  return createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const method = (request.method ?? 'GET').toUpperCase();
      const api = API_PATH.exec(url.pathname);
      const path = api ? api[1]!.split('/').map((s) => decodeURIComponent(s)).join('/') : url.pathname;
      let parsed: { body: unknown; files: string[] } = { body: undefined, files: [] };
      let parseError: DiscordApiError | undefined;
      try {
        parsed = await readBody(request);
      } catch {
        parseError = apiErrors.invalidJson();
      }
      const found = api && !/^\/v\d+\//.test(path) ? match(routes, method, path) : undefined;
      const route = typeof found === 'object' ? found.route.pattern : path;
      const recorded = recorder.add({
        method,
        path,
        route,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body: parsed.body,
        files: parsed.files,
        at: now(),
      });
      options.onRequest(recorded);
      const fault = faults.take(method, path);
      if (fault && !fault.applied) {
        const { status, body } = answerWithFault(response, fault, bucketOf(method, route));
        recorded.fault = String(fault.status);
        recorder.complete(recorded, status, body);
        return;
      }
      let result: ApiResponse;
      try {
        if (parseError) throw parseError;
        if (found === undefined) throw apiErrors.notFound();
        if (found === 'wrong-method') throw apiErrors.methodNotAllowed();
        if (found.route.auth === 'bot' && request.headers.authorization !== `Bot ${options.token()}`) throw apiErrors.unauthorized();
        result = found.route.handle({ method, path, params: found.params, query: url.searchParams, body: parsed.body, recorded });
      } catch (error) {
        if (error instanceof DiscordApiError) {
          result = { status: error.status, body: error.toJSON() };
        } else {
          // A bug in the emulator, not in the bot: say so loudly instead of passing it off as Discord's answer.
          console.error('Discord emulator: internal error while handling', method, path, error);
          result = { status: 500, body: { message: `Emulator bug: ${(error as Error).message}`, code: 0 } };
        }
      }
      if (fault) {
        const { status, body } = answerWithFault(response, fault, bucketOf(method, route));
        recorded.fault = `${fault.status} after applying`;
        recorder.complete(recorded, status, body);
        return;
      }
      send(response, result.status, result.body);
      recorder.complete(recorded, result.status, result.body);
    })();
  });
}

function bucketOf(method: string, route: string): string {
  return createHash('sha1').update(`${method} ${route}`).digest('hex').slice(0, 32);
}
