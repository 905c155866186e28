/**
 * `npm start` as a supervisor sees it: a start that cannot work exits 1 with one line naming the setting at
 * fault (so the supervisor restarts it and the log says why); a good start answers /healthz and /readyz.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { plainLines, startApp, spawnNode, type Spawned } from './spawned.js';

let emu: Emulator;
let dataDir: string;
const running: Spawned[] = [];

beforeAll(async () => {
  emu = await startEmulator();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-start-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.stop()));
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const start = (env: Record<string, string>) => {
  const app = startApp({ DATA_DIR: dataDir, CORPUS_DIR: 'seeds', DISCORD_API_URL: emu.apiUrl, ...env });
  running.push(app);
  return app;
};

describe('a start that cannot work', { timeout: 60_000 }, () => {
  it('exits 1 with one line naming DISCORD_TOKEN when Discord rejects the token, even with the watcher on', async () => {
    const app = start({ DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.wrong.token', WATCH_CORPUS: 'true', LOG_LEVEL: 'warn' });
    expect(await app.exited).toBe(1);
    const lines = plainLines(app.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DISCORD_TOKEN: Discord rejected the bot token; .*Reset Token/);
    expect(app.stderr()).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming DISCORD_TOKEN when the gateway refuses a token the REST API took (4004)', async () => {
    const refusing = await startEmulator({ gatewayToken: 'revoked' });
    try {
      const app = start({ DISCORD_TOKEN: refusing.botToken, DISCORD_API_URL: refusing.apiUrl, LOG_LEVEL: 'warn' });
      expect(await app.exited).toBe(1);
      expect(plainLines(app.stderr())).toEqual([expect.stringMatching(/^DISCORD_TOKEN: Discord rejected the bot token/)]);
    } finally {
      await refusing.close();
    }
  });

  it('exits 1 with one line naming CORPUS_DIR when the corpus folder is missing, for the bot and the console', async () => {
    const missing = path.join(dataDir, 'no-such-folder');
    for (const app of [start({ DISCORD_TOKEN: emu.botToken, CORPUS_DIR: missing }), start({ DISCORD_TOKEN: '', CORPUS_DIR: missing })]) {
      expect(await app.exited).toBe(1);
      expect(plainLines(app.stderr())).toEqual([`CORPUS_DIR: the corpus folder ${missing} does not exist; point CORPUS_DIR at the folder that holds your .txt and .md articles.`]);
    }
  });

  it('names --corpus when the CLI is given a folder that is not there', async () => {
    const missing = path.join(dataDir, 'nowhere');
    const cli = spawnNode(['--import', 'tsx', 'src/cli/main.ts', 'articles', '--corpus', missing], { DATA_DIR: dataDir });
    running.push(cli);
    expect(await cli.exited).toBe(1);
    expect(plainLines(cli.stderr())).toEqual([`--corpus: the corpus folder ${missing} does not exist; point --corpus at the folder that holds your .txt and .md articles.`]);
  });

  it('exits 1 naming HEALTH_PORT when the value is not a port', async () => {
    const app = start({ DISCORD_TOKEN: '', HEALTH_PORT: 'eighty' });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toMatch(/HEALTH_PORT: must be a port number/);
  });
});

describe('a good start with HEALTH_PORT', { timeout: 60_000 }, () => {
  it('answers /healthz and /readyz once the corpus is loaded and the gateway connected, and stops on SIGTERM', async () => {
    const app = start({ DISCORD_TOKEN: emu.botToken, HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    const [, base] = await app.waitFor(/Health checks on (http:\/\/127\.0\.0\.1:\d+)\/healthz/, { stream: 'stderr' });
    const alive = await fetch(`${base}/healthz`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toMatchObject({ status: 'alive' });
    await app.waitFor(/connected to Discord/, { stream: 'stderr' });
    await app.waitFor(/Loaded 2 articles/, { stream: 'stderr' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', catalog: { loaded: true, articles: 2 }, gateway: 'connected' });
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('in the console, readiness needs only the catalog', async () => {
    const app = start({ DISCORD_TOKEN: '', HEALTH_PORT: '0', WATCH_CORPUS: 'false' });
    const [, base] = await app.waitFor(/Health checks: (http:\/\/127\.0\.0\.1:\d+)\/healthz/);
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', catalog: { loaded: true, articles: 2 }, gateway: 'not used' });
    app.send('/exit');
    expect(await app.exited).toBe(0);
  });
});
