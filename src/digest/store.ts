/**
 * Digest state in SQLite (WAL, synchronous FULL): the schedules, and a ledger of (schedule, slot) → state.
 * The ledger is what makes posting exactly-once: a post is written as `intended`, with the exact messages
 * and their nonces, before anything is sent; each message id is written as soon as Discord returns it; the
 * row becomes `sent` after the last one. A row found `intended` after a crash is finished: each part not
 * recorded is first looked for in the channel, then resent with its nonce. Each post also records the
 * articles it covers, so the next one lists what is new to this schedule, even an article indexed late.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listingKeys, type ListedArticle } from '../answers/digest.js';
import type { DigestMessage } from './messages.js';
import { migrate } from './migrations.js';

export type ScheduleStatus = 'ok' | 'failing';
/** A digest posts at its slots; a follow posts whenever a new article matches (see src/digest/follows.ts). */
export type ScheduleKind = 'digest' | 'follow';

export interface NewSchedule {
  guildId: string | null;
  channelId: string;
  /** A channel webhook URL; when set, posts go through it instead of the bot. A secret: never shown in full. */
  webhookUrl: string | null;
  /** Stored cadence label: daily, hourly, "weekly fri", or a cron expression. */
  cadence: string;
  /** "HH:MM" as given. */
  time: string;
  timezone: string;
  /** The 5-part cron pattern the slots follow. */
  pattern: string;
  filter: string | null;
  max: number;
  createdBy: string | null;
  /** Default 'digest'. */
  kind?: ScheduleKind;
  /** A person follow: the canonical name followed. A topic follow keeps its query in `filter`. */
  person?: string | null;
}

export interface Schedule extends NewSchedule {
  kind: ScheduleKind;
  person: string | null;
  id: number;
  createdAt: string;
  status: ScheduleStatus;
  /** Why the last attempt failed, in words a server admin can act on. */
  failure: string | null;
  failingSince: string | null;
  /** The last slot that was posted or found empty. */
  lastSlot: string | null;
  lastPostAt: string | null;
  /** When the schedule was paused; null while it runs. A paused schedule posts nothing. */
  pausedAt: string | null;
  /** Slots at or before this instant are never posted (set by an edit of the timing, and by resume). */
  slotsFrom: string | null;
}

/** intended → sent | failed; skipped = nothing new for that slot. */
export type SlotState = 'intended' | 'sent' | 'failed' | 'skipped';
export type SlotTrigger = 'schedule' | 'now';

export interface LedgerEntry {
  scheduleId: number;
  /** ISO instant of the slot (for `/digest now` outside a slot: the minute it was asked). */
  slot: string;
  state: SlotState;
  trigger: SlotTrigger;
  /** The window of articles the post covers: addedAt in (since, cutoff]. */
  since: string;
  cutoff: string;
  articleCount: number;
  messages: DigestMessage[];
  nonces: string[];
  /** Per message part, the id Discord returned, or null while unconfirmed. */
  messageIds: (string | null)[];
  attempts: number;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface IntendedPost {
  scheduleId: number;
  slot: string;
  trigger: SlotTrigger;
  since: string;
  cutoff: string;
  articleCount: number;
  messages: DigestMessage[];
  nonces: string[];
  /** Every article the post covers (shown, or counted in "more"), so no later post lists it again. */
  articles: readonly ListedArticle[];
}


/**
 * A slot (or a follow) being worked on by this process. Several processes may share one store: whoever
 * claims a slot posts it, and checks `stillHeld` right before each send, so a process that lost its claim
 * (it stalled past the claim's lifetime and another took over) sends nothing more.
 */
export interface SlotClaim {
  /** Renews the claim; false when it was lost to another process. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Where schedules, follows and the ledger live: SQLite in DATA_DIR (one process), or PostgreSQL shared by
 * several processes (pgStore.ts). Promise-returning because PostgreSQL is; the SQLite store answers at once.
 */
export interface DigestStore {
  addSchedule(schedule: NewSchedule, createdAt: string): Promise<Schedule>;
  schedule(id: number): Promise<Schedule | undefined>;
  /** Every schedule and follow, or a guild's of one kind; oldest first. */
  schedules(guildId?: string | null, kind?: ScheduleKind): Promise<Schedule[]>;
  /** Changes what a schedule posts and where. Only the fields given change. */
  updateSchedule(id: number, changes: ScheduleChanges): Promise<void>;
  /** Pauses (at = when) or resumes (at = null, slotsFrom = when) a schedule. */
  setPaused(id: number, pausedAt: string | null, slotsFrom?: string): Promise<void>;
  /** Deletes a schedule and its ledger. Ids are never reused, so its nonces never collide with a later one's. */
  removeSchedule(id: number): Promise<boolean>;
  markFailing(id: number, reason: string, at: string): Promise<void>;
  entry(scheduleId: number, slot: string): Promise<LedgerEntry | undefined>;
  /** A schedule's ledger, oldest slot first. */
  entries(scheduleId: number): Promise<LedgerEntry[]>;
  /** Posts written as intended and not yet finished: after a crash, these are resent with their nonces. */
  unfinished(scheduleId: number): Promise<LedgerEntry[]>;
  /** The latest cutoff of a post that went out (or found nothing new), or will. */
  coveredUntil(scheduleId: number): Promise<string | null>;
  /** listingKeys of every article a post of this schedule has listed, or will list once finished. */
  listedArticles(scheduleId: number): Promise<Set<string>>;
  /** The latest cutoff of a post made before article lists were kept, or null. */
  untrackedUntil(scheduleId: number): Promise<string | null>;
  /** Failed posts of which some parts went out, oldest first. */
  partlySent(scheduleId: number): Promise<LedgerEntry[]>;
  /** Makes a partly sent post intended again, to send its remaining parts (same messages, same nonces). */
  reopen(scheduleId: number, slot: string, at: string): Promise<LedgerEntry>;
  /** Records a post before it is sent. Fails if the slot already has a row: a slot is posted once. */
  recordIntended(post: IntendedPost, at: string): Promise<LedgerEntry>;
  /** Counts a send attempt, before the request goes out. False (send nothing) unless the post is still intended. */
  recordAttempt(scheduleId: number, slot: string, at: string): Promise<boolean>;
  recordPartSent(scheduleId: number, slot: string, part: number, messageId: string, at: string): Promise<void>;
  recordRetryReason(scheduleId: number, slot: string, reason: string, at: string): Promise<void>;
  recordSent(scheduleId: number, slot: string, at: string): Promise<void>;
  recordFailed(scheduleId: number, slot: string, reason: string, at: string): Promise<void>;
  recordSkipped(entry: SkippedSlot, at: string): Promise<void>;
  /**
   * Claims a slot's post (key: the slot's ISO instant, or 'follow') for this process; null while another
   * process holds it. With one process (SQLite) every claim succeeds.
   */
  claimSlot(scheduleId: number, key: string): Promise<SlotClaim | null>;
  /** Calls `listener` when another process (or this one) changed a schedule. Returns the unsubscribe. */
  onScheduleChange(listener: () => void): () => void;
  close(): Promise<void>;
}

export type ScheduleChanges = Partial<Pick<Schedule, 'channelId' | 'cadence' | 'time' | 'timezone' | 'pattern' | 'filter' | 'max' | 'slotsFrom'>>;
export interface SkippedSlot {
  scheduleId: number;
  slot: string;
  trigger: SlotTrigger;
  since: string;
  cutoff: string;
}

/** The claim of a store used by one process only: always held. */
export const SOLE_CLAIM: SlotClaim = { stillHeld: async () => true, release: async () => undefined };

/** Ledger row `t`: a failed post of which some parts went out (the rest is sent at the next slot). */
const partlySent = (t: string) =>
  `(${t}.state = 'failed' AND EXISTS (SELECT 1 FROM json_each(${t}.message_ids) WHERE json_each.value IS NOT NULL))`;
/** Ledger row `t`: a post whose articles count as listed (out, going out, or to be finished). */
const listing = (t: string) => `(${t}.state IN ('sent', 'intended') OR ${partlySent(t)})`;

export interface ScheduleRow {
  id: number;
  guild_id: string | null;
  channel_id: string;
  webhook_url: string | null;
  cadence: string;
  time: string;
  timezone: string;
  pattern: string;
  filter: string | null;
  max: number;
  created_at: string;
  created_by: string | null;
  status: ScheduleStatus;
  failure: string | null;
  failing_since: string | null;
  last_slot: string | null;
  last_post_at: string | null;
  paused_at: string | null;
  slots_from: string | null;
  kind: ScheduleKind;
  person: string | null;
}

export interface LedgerRow {
  schedule_id: number;
  slot: string;
  state: SlotState;
  trigger: SlotTrigger;
  since: string;
  cutoff: string;
  article_count: number;
  /** JSON text in SQLite, already parsed in PostgreSQL (jsonb). */
  messages: string | DigestMessage[];
  nonces: string | string[];
  message_ids: string | (string | null)[];
  attempts: number;
  reason: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export const toSchedule = (row: ScheduleRow): Schedule => ({
  id: row.id,
  guildId: row.guild_id,
  channelId: row.channel_id,
  webhookUrl: row.webhook_url,
  cadence: row.cadence,
  time: row.time,
  timezone: row.timezone,
  pattern: row.pattern,
  filter: row.filter,
  max: row.max,
  createdAt: row.created_at,
  createdBy: row.created_by,
  status: row.status,
  failure: row.failure,
  failingSince: row.failing_since,
  lastSlot: row.last_slot,
  lastPostAt: row.last_post_at,
  pausedAt: row.paused_at,
  slotsFrom: row.slots_from,
  kind: row.kind,
  person: row.person,
});

const fromJson = <T>(value: string | T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export const toEntry = (row: LedgerRow): LedgerEntry => ({
  scheduleId: row.schedule_id,
  slot: row.slot,
  state: row.state,
  trigger: row.trigger,
  since: row.since,
  cutoff: row.cutoff,
  articleCount: row.article_count,
  messages: fromJson(row.messages),
  nonces: fromJson(row.nonces),
  messageIds: fromJson(row.message_ids),
  attempts: row.attempts,
  reason: row.reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sentAt: row.sent_at,
});

/** The column of each field updateSchedule may change. */
export const SCHEDULE_COLUMNS: Record<string, string> = {
  channelId: 'channel_id',
  cadence: 'cadence',
  time: 'time',
  timezone: 'timezone',
  pattern: 'pattern',
  filter: 'filter',
  max: 'max',
  slotsFrom: 'slots_from',
};

/** The file digest state lives in, inside DATA_DIR. */
export const DIGEST_DB_FILE = 'digests.sqlite';

export class SqliteDigestStore implements DigestStore {
  private readonly db: Database.Database;

  /** Opens (creating if needed) the digest database in `dataDir`, or an in-memory one for ':memory:'. */
  static open(dataDir: string): SqliteDigestStore {
    if (dataDir === ':memory:') return new SqliteDigestStore(':memory:');
    fs.mkdirSync(dataDir, { recursive: true });
    return new SqliteDigestStore(path.join(dataDir, DIGEST_DB_FILE));
  }

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a row the runner wrote before sending survives even a power cut, not only a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** One process owns a SQLite DATA_DIR: nobody else posts, and its in-process queue orders the work. */
  async claimSlot(): Promise<SlotClaim> {
    return SOLE_CLAIM;
  }

  /** Only this process edits a SQLite store, and its scheduler reads the schedules on every pass. */
  onScheduleChange(): () => void {
    return () => undefined;
  }

  async addSchedule(schedule: NewSchedule, createdAt: string): Promise<Schedule> {
    const result = this.db
      .prepare(
        `INSERT INTO schedules (guild_id, channel_id, webhook_url, cadence, time, timezone, pattern, filter, max, created_at, created_by, kind, person)
         VALUES (@guildId, @channelId, @webhookUrl, @cadence, @time, @timezone, @pattern, @filter, @max, @createdAt, @createdBy, @kind, @person)`,
      )
      .run({ ...schedule, kind: schedule.kind ?? 'digest', person: schedule.person ?? null, createdAt });
    return (await this.schedule(Number(result.lastInsertRowid))) as Schedule;
  }

  async schedule(id: number): Promise<Schedule | undefined> {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row && toSchedule(row);
  }

  /** Every schedule and follow, or a guild's of one kind; oldest first. */
  async schedules(guildId?: string | null, kind: ScheduleKind = 'digest'): Promise<Schedule[]> {
    const rows =
      guildId === undefined
        ? this.db.prepare('SELECT * FROM schedules ORDER BY id').all()
        : this.db.prepare('SELECT * FROM schedules WHERE guild_id IS ? AND kind = ? ORDER BY id').all(guildId, kind);
    return (rows as ScheduleRow[]).map(toSchedule);
  }

  /** Changes what a schedule posts and where. Only the fields given change. */
  async updateSchedule(id: number, changes: ScheduleChanges): Promise<void> {
    const fields = Object.keys(changes).filter((field) => field in SCHEDULE_COLUMNS);
    if (fields.length === 0) return;
    const assignments = fields.map((field) => `${SCHEDULE_COLUMNS[field]} = @${field}`).join(', ');
    this.db.prepare(`UPDATE schedules SET ${assignments} WHERE id = @id`).run({ ...changes, id });
  }

  /** Pauses (at = when) or resumes (at = null, slotsFrom = when) a schedule. */
  async setPaused(id: number, pausedAt: string | null, slotsFrom?: string): Promise<void> {
    this.db
      .prepare('UPDATE schedules SET paused_at = ?, slots_from = COALESCE(?, slots_from) WHERE id = ?')
      .run(pausedAt, slotsFrom ?? null, id);
  }

  /** Deletes a schedule and its ledger. Ids are never reused, so its nonces never collide with a later one's. */
  async removeSchedule(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id).changes > 0;
  }

  async markFailing(id: number, reason: string, at: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE schedules SET status = 'failing', failure = ?, failing_since = COALESCE(failing_since, ?) WHERE id = ?`,
      )
      .run(reason, at, id);
  }

  async entry(scheduleId: number, slot: string): Promise<LedgerEntry | undefined> {
    const row = this.db.prepare('SELECT * FROM ledger WHERE schedule_id = ? AND slot = ?').get(scheduleId, slot) as
      | LedgerRow
      | undefined;
    return row && toEntry(row);
  }

  /** A schedule's ledger, oldest slot first. */
  async entries(scheduleId: number): Promise<LedgerEntry[]> {
    const rows = this.db.prepare('SELECT * FROM ledger WHERE schedule_id = ? ORDER BY slot').all(scheduleId) as LedgerRow[];
    return rows.map(toEntry);
  }

  /** Posts written as intended and not yet finished: after a crash, these are resent with their nonces. */
  async unfinished(scheduleId: number): Promise<LedgerEntry[]> {
    const rows = this.db
      .prepare(`SELECT * FROM ledger WHERE schedule_id = ? AND state = 'intended' ORDER BY slot`)
      .all(scheduleId) as LedgerRow[];
    return rows.map(toEntry);
  }

  /**
   * What the next post says it is new since: the latest cutoff of a post that went out (or found nothing
   * new), or will. Which articles it lists is decided by listedArticles, not by this time alone.
   */
  async coveredUntil(scheduleId: number): Promise<string | null> {
    const rows = this.db
      .prepare(`SELECT cutoff FROM ledger WHERE schedule_id = ? AND state IN ('sent', 'skipped', 'intended')`)
      .all(scheduleId) as { cutoff: string }[];
    let latest: string | null = null;
    for (const { cutoff } of rows) if (latest === null || Date.parse(cutoff) > Date.parse(latest)) latest = cutoff;
    return latest;
  }

  /**
   * Keys (listingKeys) of every article a post of this schedule has listed, or will list once finished:
   * the next post leaves them out, whenever they were stamped.
   */
  async listedArticles(scheduleId: number): Promise<Set<string>> {
    const rows = this.db
      .prepare(
        `SELECT a.article_id AS articleId, a.added_at AS addedAt, a.title FROM ledger_articles a
         JOIN ledger l ON l.schedule_id = a.schedule_id AND l.slot = a.slot
         WHERE a.schedule_id = ? AND ${listing('l')}`,
      )
      .all(scheduleId) as ListedArticle[];
    return new Set(rows.flatMap(listingKeys));
  }

  /**
   * The latest cutoff of a post made before article lists were kept (older databases): nothing stamped
   * before it is listed again, since which articles it covered is unknown. Null when there is none.
   */
  async untrackedUntil(scheduleId: number): Promise<string | null> {
    const row = this.db
      .prepare(
        `SELECT MAX(l.cutoff) AS cutoff FROM ledger l WHERE l.schedule_id = ? AND l.article_count > 0 AND ${listing('l')}
         AND NOT EXISTS (SELECT 1 FROM ledger_articles a WHERE a.schedule_id = l.schedule_id AND a.slot = l.slot)`,
      )
      .get(scheduleId) as { cutoff: string | null };
    return row.cutoff;
  }

  /** Failed posts of which some parts went out, oldest first: the rest is sent at the next slot. */
  async partlySent(scheduleId: number): Promise<LedgerEntry[]> {
    const rows = this.db.prepare(`SELECT * FROM ledger l WHERE l.schedule_id = ? AND ${partlySent('l')} ORDER BY l.slot`).all(scheduleId) as LedgerRow[];
    return rows.map(toEntry);
  }

  /** Makes a partly sent post intended again, to send its remaining parts (same messages, same nonces). */
  async reopen(scheduleId: number, slot: string, at: string): Promise<LedgerEntry> {
    this.db.prepare(`UPDATE ledger SET state = 'intended', updated_at = ? WHERE schedule_id = ? AND slot = ?`).run(at, scheduleId, slot);
    return (await this.entry(scheduleId, slot)) as LedgerEntry;
  }

  /** Records a post before it is sent, with the articles it covers. Fails if the slot already has a row: a slot is posted once. */
  async recordIntended(post: IntendedPost, at: string): Promise<LedgerEntry> {
    this.db.transaction(() => {
      this.insertIntended(post, at);
      const listed = this.db.prepare('INSERT INTO ledger_articles (schedule_id, slot, article_id, added_at, title) VALUES (?, ?, ?, ?, ?)');
      for (const item of post.articles) listed.run(post.scheduleId, post.slot, item.articleId, item.addedAt, item.title);
    })();
    return (await this.entry(post.scheduleId, post.slot)) as LedgerEntry;
  }

  private insertIntended(post: IntendedPost, at: string): void {
    this.db
      .prepare(
        `INSERT INTO ledger (schedule_id, slot, state, trigger, since, cutoff, article_count, messages, nonces, message_ids, created_at, updated_at)
         VALUES (?, ?, 'intended', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        post.scheduleId,
        post.slot,
        post.trigger,
        post.since,
        post.cutoff,
        post.articleCount,
        JSON.stringify(post.messages),
        JSON.stringify(post.nonces),
        JSON.stringify(post.messages.map(() => null)),
        at,
        at,
      );
  }

  /** Counts a send attempt, before the request goes out. */
  async recordAttempt(scheduleId: number, slot: string, at: string): Promise<boolean> {
    const { changes } = this.db
      .prepare(`UPDATE ledger SET attempts = attempts + 1, updated_at = ? WHERE schedule_id = ? AND slot = ? AND state = 'intended'`)
      .run(at, scheduleId, slot);
    return changes > 0;
  }

  /** Stores the id Discord returned for one message part. */
  async recordPartSent(scheduleId: number, slot: string, part: number, messageId: string, at: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE ledger SET message_ids = json_set(message_ids, ?, ?), updated_at = ?
         WHERE schedule_id = ? AND slot = ?`,
      )
      .run(`$[${Math.trunc(part)}]`, messageId, at, scheduleId, slot);
  }

  /** Keeps a post intended (to be retried) but remembers why the last attempt did not finish. */
  async recordRetryReason(scheduleId: number, slot: string, reason: string, at: string): Promise<void> {
    this.db.prepare('UPDATE ledger SET reason = ?, updated_at = ? WHERE schedule_id = ? AND slot = ?').run(reason, at, scheduleId, slot);
  }

  /** The post is complete: the slot is done and the schedule is healthy again. */
  async recordSent(scheduleId: number, slot: string, at: string): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE ledger SET state = 'sent', reason = NULL, sent_at = ?, updated_at = ? WHERE schedule_id = ? AND slot = ?`)
        .run(at, at, scheduleId, slot);
      this.db
        .prepare(
          `UPDATE schedules SET status = 'ok', failure = NULL, failing_since = NULL, last_post_at = ?,
             last_slot = CASE WHEN last_slot IS NULL OR last_slot < ? THEN ? ELSE last_slot END
           WHERE id = ?`,
        )
        .run(at, slot, slot, scheduleId);
    })();
  }

  /** The post could not be delivered; its articles go into the next slot's post. */
  async recordFailed(scheduleId: number, slot: string, reason: string, at: string): Promise<void> {
    this.db
      .prepare(`UPDATE ledger SET state = 'failed', reason = ?, updated_at = ? WHERE schedule_id = ? AND slot = ?`)
      .run(reason, at, scheduleId, slot);
  }

  /** Nothing new for this slot: no post, but the slot is done and the window moves on. */
  async recordSkipped(entry: SkippedSlot, at: string): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO ledger (schedule_id, slot, state, trigger, since, cutoff, reason, created_at, updated_at)
           VALUES (?, ?, 'skipped', ?, ?, ?, 'nothing new', ?, ?)`,
        )
        .run(entry.scheduleId, entry.slot, entry.trigger, entry.since, entry.cutoff, at, at);
      this.db
        .prepare(`UPDATE schedules SET last_slot = CASE WHEN last_slot IS NULL OR last_slot < ? THEN ? ELSE last_slot END WHERE id = ?`)
        .run(entry.slot, entry.slot, entry.scheduleId);
    })();
  }
}
