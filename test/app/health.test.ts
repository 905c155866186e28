import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthProbe, type HealthServer } from '../../src/app/health.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function probe(state: { loaded: boolean; connected?: boolean }): HealthProbe {
  return {
    catalogLoaded: () => state.loaded,
    articles: () => (state.loaded ? 2_000 : 1_200),
    loadProgress: () => (state.loaded ? undefined : { phase: 'read', done: 1_200, total: 2_000 }),
    ...(state.connected === undefined ? {} : { gatewayConnected: () => state.connected === true }),
  };
}

async function get(path: string, method = 'GET') {
  const response = await fetch(`${server!.url}${path}`, { method });
  return { status: response.status, type: response.headers.get('content-type'), body: (method === 'HEAD' ? null : await response.json()) as Record<string, unknown> | null };
}

describe('health server', () => {
  it('says the process is alive on /healthz, on 127.0.0.1 by default', async () => {
    server = await startHealthServer({ host: '127.0.0.1', port: 0, probe: probe({ loaded: false, connected: false }) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const alive = await get('/healthz');
    expect(alive.status).toBe(200);
    expect(alive.type).toMatch(/^application\/json/);
    expect(alive.body?.status).toBe('alive');
  });

  it('is not ready while the catalog loads or the gateway is down, and says why and how far', async () => {
    const state = { loaded: false, connected: false };
    server = await startHealthServer({ host: '127.0.0.1', port: 0, probe: probe(state) });
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: {
        status: 'not ready',
        waitingFor: ['catalog loading', 'gateway disconnected'],
        catalog: { loaded: false, articles: 1_200, progress: { phase: 'read', done: 1_200, total: 2_000 } },
        gateway: 'disconnected',
      },
    });
    state.loaded = true;
    expect((await get('/readyz')).body?.waitingFor).toEqual(['gateway disconnected']);
    state.connected = true;
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready', catalog: { loaded: true, articles: 2_000 }, gateway: 'connected' } });
    state.connected = false;
    expect((await get('/readyz')).status).toBe(503);
  });

  it('without Discord, readiness is the catalog alone', async () => {
    server = await startHealthServer({ host: '127.0.0.1', port: 0, probe: probe({ loaded: true }) });
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { gateway: 'not used' } });
  });

  it('answers HEAD, and 404 or 405 with a JSON reason for anything else', async () => {
    server = await startHealthServer({ host: '127.0.0.1', port: 0, probe: probe({ loaded: true }) });
    expect((await get('/readyz', 'HEAD')).status).toBe(200);
    expect(await get('/metrics')).toMatchObject({ status: 404, body: { error: expect.stringContaining('/healthz') } });
    expect((await get('/healthz', 'POST')).status).toBe(405);
  });

  it('refuses to start on a port already in use', async () => {
    server = await startHealthServer({ host: '127.0.0.1', port: 0, probe: probe({ loaded: true }) });
    await expect(startHealthServer({ host: '127.0.0.1', port: server.port, probe: probe({ loaded: true }) })).rejects.toThrow(/EADDRINUSE/);
  });
});
