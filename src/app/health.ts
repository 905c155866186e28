/**
 * Health endpoints for a supervisor (Docker, Kubernetes, systemd): GET /healthz answers while the process
 * runs; GET /readyz answers 200 only once the catalog is loaded and, for the bot, the gateway is connected
 * (503 with the reasons otherwise). JSON bodies; node:http, so nothing more to install.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadProgress } from '../index/loadProgress.js';
import type { ReplicaStatus } from '../index/replica.js';

export interface HealthProbe {
  catalogLoaded(): boolean;
  articles(): number;
  loadProgress(): LoadProgress | undefined;
  /** Whether the Discord gateway is connected; absent when the process does not use Discord. */
  gatewayConnected?: () => boolean;
  /** With DATABASE_URL: whether this process indexes the corpus or follows, and how far behind PostgreSQL it is. */
  replica?: () => ReplicaStatus | undefined;
}

export interface HealthServer {
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export function readiness(probe: HealthProbe): Reply {
  const loaded = probe.catalogLoaded();
  const gateway = probe.gatewayConnected === undefined ? 'not used' : probe.gatewayConnected() ? 'connected' : 'disconnected';
  const waitingFor = [...(loaded ? [] : ['catalog loading']), ...(gateway === 'disconnected' ? ['gateway disconnected'] : [])];
  const progress = loaded ? undefined : probe.loadProgress();
  const postgres = probe.replica?.();
  return {
    status: waitingFor.length === 0 ? 200 : 503,
    body: {
      status: waitingFor.length === 0 ? 'ready' : 'not ready',
      ...(waitingFor.length > 0 ? { waitingFor } : {}),
      catalog: { loaded, articles: probe.articles(), ...(progress ? { progress } : {}), ...(postgres ? { postgres } : {}) },
      gateway,
    },
  };
}

function route(method: string, pathname: string, probe: HealthProbe, startedAt: number): Reply {
  if (pathname !== '/healthz' && pathname !== '/readyz') return { status: 404, body: { error: 'not found: try /healthz or /readyz' } };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: { error: 'only GET and HEAD' } };
  if (pathname === '/healthz') return { status: 200, body: { status: 'alive', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) } };
  return readiness(probe);
}

/** Listens on host:port (port 0: a free one); resolves once listening, rejects if the port cannot be used. */
export async function startHealthServer({ host, port, probe }: { host: string; port: number; probe: HealthProbe }): Promise<HealthServer> {
  const startedAt = Date.now();
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://health').pathname;
    const reply = route(request.method ?? 'GET', pathname, probe, startedAt);
    const text = `${JSON.stringify(reply.body)}\n`;
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    response.end(request.method === 'HEAD' ? undefined : text);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
