/** The emulated gateway at the protocol level, with a raw WebSocket: what a client that gets it wrong sees. */
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from './index.js';

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A raw gateway connection that collects frames (JSON text, or zlib-stream binary) and its close code. */
function connect(url: string) {
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  const inflate = url.includes('compress=zlib-stream') ? zlib.createInflate() : undefined;
  inflate?.on('data', (chunk: Buffer) => frames.push(JSON.parse(chunk.toString()) as Frame));
  socket.on('message', (data: Buffer, binary) => {
    if (inflate) inflate.write(data);
    else if (!binary) frames.push(JSON.parse(data.toString()) as Frame);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const next = async (op: number, t?: string): Promise<Frame> => {
    await expect.poll(() => frames.find((f) => f.op === op && (t === undefined || f.t === t)), { timeout: 3000 }).toBeDefined();
    return frames.find((f) => f.op === op && (t === undefined || f.t === t))!;
  };
  const send = async (payload: object) => {
    if (socket.readyState !== WebSocket.OPEN) await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify(payload));
  };
  return { socket, frames, closed, next, send };
}

describe('the emulated gateway', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 45_000 });
  });
  afterEach(() => emu.close());

  it('says HELLO, acknowledges heartbeats, and answers IDENTIFY with READY then GUILD_CREATE', async () => {
    const ws = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    expect((await ws.next(10)).d).toMatchObject({ heartbeat_interval: 45_000 });
    await ws.send({ op: 1, d: null });
    await ws.next(11);
    await ws.send({ op: 2, d: { token: emu.botToken, intents: 1, properties: {} } });
    const ready = await ws.next(0, 'READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({ v: 10, user: { id: emu.botUser.id }, guilds: [{ id: emu.guild.id, unavailable: true }], resume_gateway_url: emu.gatewayUrl });
    const guild = await ws.next(0, 'GUILD_CREATE');
    expect(guild.s).toBe(2);
    const channels = (guild.d as { channels: { id: string }[] }).channels.map((c) => c.id);
    expect(channels).toEqual(expect.arrayContaining(Object.values(emu.channels)));
    ws.socket.close();
  });

  it('compresses with zlib-stream when asked', async () => {
    const ws = connect(`${emu.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    expect((await ws.next(10)).d).toMatchObject({ heartbeat_interval: 45_000 });
    await ws.send({ op: 2, d: { token: emu.botToken, intents: 1, properties: {} } });
    await ws.next(0, 'GUILD_CREATE');
    ws.socket.close();
  });

  it('closes with Discord close codes: bad token 4004, privileged intents 4014, not identified 4003, wrong version 4012', async () => {
    const badToken = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    await badToken.send({ op: 2, d: { token: 'nope', intents: 1, properties: {} } });
    expect(await badToken.closed).toBe(4004);
    const privileged = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    await privileged.send({ op: 2, d: { token: emu.botToken, intents: 1 | (1 << 15), properties: {} } });
    expect(await privileged.closed).toBe(4014);
    const early = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    await early.send({ op: 3, d: { status: 'online' } });
    expect(await early.closed).toBe(4003);
    expect(await connect(`${emu.gatewayUrl}/?v=6&encoding=json`).closed).toBe(4012);
  });

  it('replays what a dropped session missed on RESUME, and invalidates unknown sessions', async () => {
    const first = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    await first.send({ op: 2, d: { token: emu.botToken, intents: 1, properties: {} } });
    const ready = await first.next(0, 'READY');
    await first.next(0, 'GUILD_CREATE');
    await emu.dropGateway();
    expect(await first.closed).toBe(4000);
    const missed = emu.interact.command('help', {}, { force: true });

    const second = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    await second.send({ op: 6, d: { token: emu.botToken, session_id: (ready.d as { session_id: string }).session_id, seq: 2 } });
    const replayed = await second.next(0, 'INTERACTION_CREATE');
    expect((replayed.d as { id: string }).id).toBe(missed.id);
    expect(replayed.s).toBe(3);
    expect((await second.next(0, 'RESUMED')).s).toBe(4);
    second.socket.close();

    const stranger = connect(`${emu.gatewayUrl}/?v=10&encoding=json`);
    await stranger.send({ op: 6, d: { token: emu.botToken, session_id: 'unknown', seq: 1 } });
    expect((await stranger.next(9)).d).toBe(false);
    stranger.socket.close();
  });
});
