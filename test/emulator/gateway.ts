/**
 * The gateway: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME with replay of what was missed,
 * and the faults a bot must survive (dropped connection, op 7 reconnect, op 9 invalid session).
 * JSON encoding; `compress=zlib-stream` and identify `compress: true` are honoured if a client asks.
 */
import type { IncomingMessage, Server } from 'node:http';
import zlib from 'node:zlib';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { now, randomToken, waitUntil } from './clock.js';

export type GatewayEventKind = 'connect' | 'identify' | 'resume' | 'ready' | 'resumed' | 'invalid-session' | 'close';

export interface GatewayEvent {
  kind: GatewayEventKind;
  at: number;
  sessionId?: string;
  code?: number;
  /** For identify: the intents the client asked for. */
  detail?: string | number;
}

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  sent: Dispatch[];
  connection?: Connection;
}

const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const REPLAY_LIMIT = 1000;

class Connection {
  session?: Session;
  /** Set by IDENTIFY `compress: true`: every later payload is a zlib-compressed binary frame. */
  compressPayloads = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly stream?: zlib.Deflate;
  private pending: Buffer[] = [];

  constructor(readonly socket: WebSocket, zlibStream: boolean) {
    if (zlibStream) {
      this.stream = zlib.createDeflate();
      this.stream.on('data', (chunk: Buffer) => this.pending.push(chunk));
    }
  }

  get streaming(): boolean {
    return this.stream !== undefined;
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(payload: object): void {
    const json = JSON.stringify(payload);
    this.queue = this.queue.then(() => this.write(json)).catch(() => undefined);
  }

  private write(json: string): Promise<void> {
    if (!this.open) return Promise.resolve();
    const stream = this.stream;
    if (stream) {
      return new Promise((resolve) => {
        stream.write(json);
        stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
          const frame = Buffer.concat(this.pending);
          this.pending = [];
          if (this.open) this.socket.send(frame, { binary: true });
          resolve();
        });
      });
    }
    if (this.compressPayloads) this.socket.send(zlib.deflateSync(json), { binary: true });
    else this.socket.send(json);
    return Promise.resolve();
  }

  close(code: number, reason: string): void {
    if (this.open) this.socket.close(code, reason);
  }
}

export interface GatewayOptions {
  token: () => string;
  heartbeatIntervalMs: number;
  privilegedIntents: number;
  resumeUrl: () => string;
  /**
   * Several bot processes at once (Newsdesk on PostgreSQL): each INTERACTION_CREATE goes to one identified
   * session, in turn, as if each process held one shard of a bot in several guilds; other events go to the
   * latest session as before. Default false: one bot session.
   */
  spreadInteractions?: boolean;
  /** READY's `d` without session_id and resume_gateway_url, which the gateway adds. */
  ready: () => Record<string, unknown>;
  guildCreate: () => Record<string, unknown>;
  guildMembers: () => unknown[];
}

export class Gateway {
  readonly events: GatewayEvent[] = [];
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<() => void>();
  private current?: Session;
  /** Identified sessions in order, for spreadInteractions, and whose turn it is. */
  private readonly identified: Session[] = [];
  private turn = 0;

  constructor(server: Server, private readonly options: GatewayOptions) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, request) => this.accept(socket, request));
  }

  /** Whether a bot has identified and its connection is open right now. */
  get connected(): boolean {
    return this.current?.connection?.open ?? false;
  }

  get sessionId(): string | undefined {
    return this.current?.id;
  }

  /** Sends a dispatch to the bot's current session; while it is disconnected the dispatch waits for RESUME. */
  dispatch(t: string, d: unknown): void {
    const session = t === 'INTERACTION_CREATE' && this.options.spreadInteractions ? this.nextInTurn() : this.current;
    if (!session) throw new Error(`No bot has identified on the emulated gateway, so ${t} cannot be delivered: log the client in first.`);
    const payload: Dispatch = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    session.sent.push(payload);
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    if (session.connection?.open) session.connection.send(payload);
  }

  /** Drops the bot's connection: a close frame with `code` (4000 by default) or, with `raw`, a dead socket. */
  async drop({ code = 4000, raw = false }: { code?: number; raw?: boolean } = {}): Promise<void> {
    const connection = this.current?.connection;
    if (!connection?.open) throw new Error('The bot is not connected to the emulated gateway.');
    const closed = new Promise<void>((resolve) => connection.socket.once('close', () => resolve()));
    if (raw) connection.socket.terminate();
    else connection.close(code, 'Emulator dropped the connection on request');
    await closed;
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    this.current?.connection?.send({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** The next identified session with an open connection (the latest one if none is open). */
  private nextInTurn(): Session | undefined {
    const live = this.identified.filter((session) => this.sessions.has(session.id) && session.connection?.open);
    if (live.length === 0) return this.current;
    return live[this.turn++ % live.length];
  }

  /** Op 9: the session is invalid; with `resumable: false` the client must identify again. */
  invalidateSession(resumable = false): void {
    const session = this.current;
    if (!session?.connection) throw new Error('The bot is not connected to the emulated gateway.');
    if (!resumable) this.sessions.delete(session.id);
    session.connection.send({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    this.record({ kind: 'invalid-session', sessionId: session.id });
  }

  /** Waits for a gateway event of this kind that happened at or after `since` (default: now). */
  waitFor(kind: GatewayEventKind, { since = now(), timeoutMs = 10_000 }: { since?: number; timeoutMs?: number } = {}): Promise<GatewayEvent> {
    return waitUntil(
      () => this.events.find((e) => e.kind === kind && e.at >= since),
      (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      timeoutMs,
      () => `no gateway ${kind}; events so far: ${this.events.map((e) => e.kind).join(', ') || 'none'}`,
    );
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private record(event: Omit<GatewayEvent, 'at'>): void {
    this.events.push({ ...event, at: now() });
    for (const listener of [...this.listeners]) listener();
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    const connection = new Connection(socket, query.get('compress') === 'zlib-stream');
    this.record({ kind: 'connect' });
    socket.on('close', (code) => {
      this.record({ kind: 'close', code, ...(connection.session ? { sessionId: connection.session.id } : {}) });
      if (connection.session?.connection === connection) delete connection.session.connection;
    });
    socket.on('error', () => undefined);
    if (query.get('v') !== '10') return connection.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if ((query.get('encoding') ?? 'json') !== 'json') return connection.close(GatewayCloseCodes.DecodeError, 'The emulator speaks encoding=json only');
    const compress = query.get('compress');
    if (compress !== null && compress !== 'zlib-stream') return connection.close(GatewayCloseCodes.DecodeError, 'Unknown compress value');
    connection.send({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['emulator'] }, s: null, t: null });
    socket.on('message', (data, isBinary) => this.receive(connection, data, isBinary));
  }

  private receive(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frames are not accepted');
      payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
    } catch {
      return connection.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        return connection.send({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
      case GatewayOpcodes.Identify:
        return this.identify(connection, d);
      case GatewayOpcodes.Resume:
        return this.resume(connection, d);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        this.requireSession(connection);
        return;
      case GatewayOpcodes.RequestGuildMembers:
        if (!this.requireSession(connection)) return;
        return this.dispatch('GUILD_MEMBERS_CHUNK', {
          guild_id: d.guild_id,
          members: this.options.guildMembers(),
          chunk_index: 0,
          chunk_count: 1,
          not_found: [],
          ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
        });
      default:
        return connection.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
    }
  }

  private requireSession(connection: Connection): boolean {
    if (connection.session) return true;
    connection.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
    return false;
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session) return connection.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
    if (d.token !== this.options.token()) return connection.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    if (typeof d.intents !== 'number' || !Number.isInteger(d.intents) || d.intents < 0) {
      return connection.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s)');
    }
    if (d.intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntents) {
      return connection.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s)');
    }
    connection.compressPayloads = d.compress === true && !connection.streaming;
    const session: Session = { id: randomToken(32).toLowerCase(), seq: 0, sent: [], connection };
    this.sessions.set(session.id, session);
    this.identified.push(session);
    this.current = session;
    connection.session = session;
    this.record({ kind: 'identify', sessionId: session.id, detail: d.intents });
    this.dispatch('READY', {
      ...this.options.ready(),
      session_id: session.id,
      resume_gateway_url: this.options.resumeUrl(),
    });
    this.record({ kind: 'ready', sessionId: session.id });
    this.dispatch('GUILD_CREATE', this.options.guildCreate());
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session) return connection.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
    if (d.token !== this.options.token()) return connection.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    this.record({ kind: 'resume', ...(session ? { sessionId: session.id } : {}) });
    if (!session) {
      connection.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      this.record({ kind: 'invalid-session' });
      return;
    }
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (seq > session.seq) return connection.close(GatewayCloseCodes.InvalidSeq, 'Invalid seq');
    session.connection?.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere');
    session.connection = connection;
    connection.session = session;
    this.current = session;
    for (const missed of session.sent.filter((p) => p.s > seq)) connection.send(missed);
    this.dispatch('RESUMED', { _trace: ['emulator'] });
    this.record({ kind: 'resumed', sessionId: session.id });
  }
}
