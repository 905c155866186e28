/**
 * Running the catalog on PostgreSQL (see postgresCatalog.ts for the tables). Every process keeps its embedded
 * catalog (SQLite + its engine in DATA_DIR) as a disposable local working copy, so answers stay synchronous:
 *
 * - CatalogFollower: LISTEN newsdesk_catalog (and a slow poll, in case a notification is lost) → pull rows
 *   with change_seq > the local cursor a page at a time → catalog.applyRemote (no analysis). An empty DATA_DIR
 *   is a full pull.
 * - CatalogIndexer: only the process holding the lease `catalog:<corpus>` syncs the folder; each committed
 *   slice is published to PostgreSQL in order (one transaction each, slices queued meanwhile merged into one).
 *   It renews the lease; if it dies the lease expires and another process with the folder takes over.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { acquireLease, releaseLease, renewLease } from '../lib/postgres/lease.js';
import { keepListening, type Listener } from '../lib/postgres/listen.js';
import { openCatalog, type CatalogLogger, type LiveCatalog, type OpenCatalogOptions, type SyncReport, type SyncScope } from './catalog.js';
import { CATALOG_CHANNEL, catalogHead, changesAfter, changesBehind, publishSlice } from './postgresCatalog.js';
import type { CatalogSlice } from './replicaRows.js';

/** Rows pulled per query: about 8 MB of analysed articles. */
const PULL_PAGE = 500;
const DEFAULT_POLL_MS = 5_000;
export const DEFAULT_LEASE_TTL_MS = 15_000;
const DEFAULT_RENEW_MS = 5_000;

/** The lease of the process that indexes a corpus folder. */
export function indexerLeaseName(corpusDir: string): string {
  return `catalog:${path.resolve(corpusDir)}`;
}

/** A name for this process in leases and logs. */
export function processIdentity(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Publishes committed slices to PostgreSQL in order; a failure is retried (with a growing wait) until it goes through. */
export class SlicePublisher {
  private queue: CatalogSlice[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: CatalogLogger,
  ) {}

  /** For the catalog's onSlice: never blocks the sync. */
  readonly publish = (slice: CatalogSlice): void => {
    if (slice.upserts.length + slice.removals.length === 0) return;
    this.queue.push(slice);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  };

  /** Slices not yet in PostgreSQL. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once everything published so far is committed (or the publisher stopped). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    let wait = 500;
    while (this.queue.length > 0 && !this.stopped) {
      const slices = this.queue.splice(0);
      const merged: CatalogSlice = { upserts: slices.flatMap((slice) => slice.upserts), removals: slices.flatMap((slice) => slice.removals) };
      try {
        await publishSlice(this.pool, merged);
        wait = 500;
      } catch (error) {
        this.queue.unshift(merged);
        this.logger.warn(`Publishing catalog changes to PostgreSQL failed (${(error as Error).message}); retrying in ${wait / 1000} s.`);
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
        wait = Math.min(wait * 2, 30_000);
      }
    }
  }
}

export interface FollowerOptions {
  pool: pg.Pool;
  catalog: LiveCatalog;
  logger: CatalogLogger;
  /** Fallback poll when no notification came. Default 5 s. */
  pollMs?: number;
}

/** Keeps the local catalog in step with PostgreSQL. */
export class CatalogFollower {
  private listener: Listener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pulling: Promise<SyncReport> | null = null;
  private again = false;
  private stopped = false;
  /** When the local copy last matched PostgreSQL (ms since epoch), and changes still to pull then. */
  private caughtUpAt = 0;
  private lastBehind = 0;
  /** The latest change_seq this process has heard of (notifications carry it). */
  private knownHead = 0n;

  constructor(private readonly options: FollowerOptions) {}

  /** Listens for notifications and polls. Resolves once listening (a failure to listen leaves the poll). */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.pull().catch(() => {}), this.options.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
    await this.listen();
  }

  /** Resolves once listening, or once the first try failed (it keeps trying with backoff; the poll follows meanwhile). */
  private async listen(): Promise<void> {
    if (this.stopped || this.listener) return;
    const { pool, logger } = this.options;
    this.listener = keepListening({
      pool,
      channel: CATALOG_CHANNEL,
      onNotification: (payload) => {
        if (payload && /^\d+$/.test(payload) && BigInt(payload) > this.knownHead) this.knownHead = BigInt(payload);
        void this.pull().catch(() => {});
      },
      // Listening again after a drop: pull what was announced meanwhile rather than wait for the poll.
      onListening: (again) => {
        if (again) void this.pull().catch(() => {});
      },
      onError: (reason, retryInMs) =>
        logger.warn(
          `Cannot LISTEN ${CATALOG_CHANNEL} (${reason}); following by polling every ${(this.options.pollMs ?? DEFAULT_POLL_MS) / 1000} s, listening again in ${retryInMs / 1000} s.`,
        ),
    });
    await this.listener.started;
  }

  /**
   * Pulls and applies every change after the local cursor, a page at a time, until none is left. Calls made
   * during a pull are served by one more pass after it.
   */
  pull(): Promise<SyncReport> {
    if (this.pulling) {
      this.again = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      let total: SyncReport | undefined;
      try {
        do {
          this.again = false;
          total = mergeReports(total, await this.pullOnce());
        } while (this.again && !this.stopped);
        return total!;
      } finally {
        this.pulling = null;
      }
    })();
    this.pulling.catch((error: Error) => this.options.logger.warn(`Following the catalog in PostgreSQL failed: ${error.message}; trying again.`));
    return this.pulling;
  }

  private async pullOnce(): Promise<SyncReport> {
    const { pool, catalog } = this.options;
    const started = performance.now();
    let total: SyncReport | undefined;
    let corpusSize: number | undefined;
    for (;;) {
      if (this.stopped) break;
      const rows = await changesAfter(pool, catalog.remoteCursor(), PULL_PAGE);
      if (rows.length === 0) break;
      // An empty local copy picks its engine by the size of what it is about to pull.
      corpusSize ??= catalog.size === 0 ? (await catalogHead(pool)).articles : catalog.size + rows.length;
      total = mergeReports(total, await catalog.applyRemote(rows, corpusSize));
      if (rows.length < PULL_PAGE) break;
    }
    this.caughtUpAt = Date.now();
    this.lastBehind = 0;
    if (BigInt(catalog.remoteCursor()) > this.knownHead) this.knownHead = BigInt(catalog.remoteCursor());
    const report = total ?? { added: [], changed: [], removed: [], reanalysed: [], unchanged: 0, newlySkipped: [], size: catalog.size, durationMs: 0 };
    return { ...report, durationMs: performance.now() - started };
  }

  /** How far the local copy is behind PostgreSQL, for /readyz. */
  async lag(): Promise<{ changesBehind: number; caughtUpAt: string | null }> {
    try {
      this.lastBehind = await changesBehind(this.options.pool, this.options.catalog.remoteCursor());
    } catch {
      // keep the last figure: the database is away for a moment
    }
    return { changesBehind: this.lastBehind, caughtUpAt: this.caughtUpAt > 0 ? new Date(this.caughtUpAt).toISOString() : null };
  }

  /** The lag as last known, without a query: changes announced and not applied yet. */
  lagNow(): { changesBehind: number; caughtUpAt: string | null } {
    const announced = Number(this.knownHead - BigInt(this.options.catalog.remoteCursor()));
    return { changesBehind: Math.max(this.lastBehind, announced, 0), caughtUpAt: this.caughtUpAt > 0 ? new Date(this.caughtUpAt).toISOString() : null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pulling?.catch(() => {});
    const listener = this.listener;
    this.listener = undefined;
    await listener?.stop();
  }
}

export interface IndexerOptions {
  pool: pg.Pool;
  catalog: LiveCatalog;
  follower: CatalogFollower;
  publisher: SlicePublisher;
  logger: CatalogLogger;
  /** This process, as the lease names it. Default: host, pid and a random suffix. */
  holder?: string;
  leaseTtlMs?: number;
  renewMs?: number;
}

/** Takes the corpus folder's indexing lease when it is free and indexes while it holds it. */
export class CatalogIndexer {
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private stopped = false;
  /** Set on taking the lease: the first sync first republishes what the local copy has and PostgreSQL lacks. */
  private reconcileDue = false;
  private tick: Promise<void> = Promise.resolve();
  readonly holder: string;
  readonly leaseName: string;

  constructor(private readonly options: IndexerOptions) {
    this.holder = options.holder ?? processIdentity();
    this.leaseName = indexerLeaseName(options.catalog.corpusDir);
  }

  /** Whether this process indexes the folder now. */
  get isIndexer(): boolean {
    return this.leading;
  }

  /** Tries for the lease at once, then renews or tries again every few seconds. */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.step(), this.options.renewMs ?? DEFAULT_RENEW_MS);
    this.timer.unref();
    return this.step();
  }

  private step(): Promise<void> {
    this.tick = this.tick.then(async () => {
      if (this.stopped) return;
      const { pool, logger } = this.options;
      const ttl = this.options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
      try {
        if (this.leading) {
          if (!(await renewLease(pool, this.leaseName, this.holder, ttl))) {
            this.leading = false;
            logger.warn(`Lost the indexing lease ${this.leaseName}; following another process's index.`);
          }
        } else if (await acquireLease(pool, this.leaseName, this.holder, ttl)) {
          this.leading = true;
          this.reconcileDue = true;
          logger.info(`This process indexes ${this.options.catalog.corpusDir} (lease ${this.leaseName}).`);
          void this.sync().catch((error: Error) => logger.error(`Indexing the corpus failed: ${error.message}`));
        }
      } catch (error) {
        logger.warn(`The indexing lease could not be checked (${(error as Error).message}); trying again.`);
      }
    });
    return this.tick;
  }

  /**
   * Brings PostgreSQL up to date with the folder (all of it, or the watcher's files) when this process holds
   * the lease: first the local copy catches up with what is there, then the sync publishes its slices.
   * Another process's watcher call is a no-op (null): the indexer's watcher sees the same files.
   */
  async sync(scope?: SyncScope): Promise<SyncReport | null> {
    if (!this.leading || this.stopped) return null;
    await this.options.follower.pull();
    if (this.reconcileDue) {
      await this.reconcile();
      this.reconcileDue = false;
    }
    const report = await this.options.catalog.sync(scope);
    await this.options.publisher.idle();
    return report;
  }

  /**
   * After a catch-up pull the local copy matches PostgreSQL except for slices committed locally by an indexer
   * that died before publishing them (the local commit comes first): those are published now, or the folder's
   * next sync, seeing those files unchanged, would never publish them.
   */
  private async reconcile(): Promise<void> {
    const { pool, catalog, logger } = this.options;
    const { rows } = await pool.query<{ id: string; hash: string }>('SELECT id, hash FROM articles WHERE NOT deleted');
    const remote = new Map(rows.map((row) => [row.id, row.hash]));
    const local = catalog.loadedHashes();
    const slice: CatalogSlice = { upserts: [], removals: [...remote.keys()].filter((id) => !local.has(id)) };
    for (const [id, hash] of local) {
      if (remote.get(id) === hash) continue;
      const row = catalog.sliceRowOf(id);
      if (row) slice.upserts.push(row);
    }
    if (slice.upserts.length + slice.removals.length === 0) return;
    logger.info(`Publishing ${slice.upserts.length + slice.removals.length} change(s) of the local catalog that PostgreSQL did not have.`);
    this.options.publisher.publish(slice);
    await this.options.publisher.idle();
  }

  /** Stops trying; a clean stop gives the lease up so another process takes over at once. */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.tick;
    if (release) {
      await this.options.publisher.idle();
      if (this.leading) await releaseLease(this.options.pool, this.leaseName, this.holder).catch(() => {});
    } else {
      this.options.publisher.stop(); // as a crash would: what is not published yet is lost
    }
    this.leading = false;
  }
}

/** What /readyz says of the catalog on PostgreSQL. */
export interface ReplicaStatus {
  role: 'indexer' | 'follower';
  /** Changes in PostgreSQL not applied to the local copy yet. */
  changesBehind: number;
  /** When the local copy last matched PostgreSQL. */
  caughtUpAt: string | null;
  /** Indexer only: slices committed locally and not yet in PostgreSQL. */
  unpublishedSlices?: number;
}

export interface ReplicatedCatalog {
  catalog: LiveCatalog;
  follower: CatalogFollower;
  /** Set when this process has the corpus folder (it may index it). */
  indexer?: CatalogIndexer;
  status(): Promise<ReplicaStatus>;
  /** The status as last known (no query), for a synchronous health probe. */
  statusNow(): ReplicaStatus;
  /** Stops following and indexing (the lease is given up), then closes the catalog. */
  close(): Promise<void>;
}

export interface ReplicatedCatalogOptions extends Omit<OpenCatalogOptions, 'onSlice' | 'loadWith'> {
  pool: pg.Pool;
  /** Whether this process can read the corpus folder, and so may index it. */
  indexFolder: boolean;
  pollMs?: number;
  leaseTtlMs?: number;
  renewMs?: number;
  holder?: string;
}

/**
 * Opens the local working copy fed from PostgreSQL: its first load is a pull of what changed since the local
 * cursor (everything, for an empty DATA_DIR); then it follows, and with the folder competes for the lease.
 */
export async function openReplicatedCatalog(options: ReplicatedCatalogOptions): Promise<ReplicatedCatalog> {
  const { pool, indexFolder, pollMs, leaseTtlMs, renewMs, holder, ...catalogOptions } = options;
  const logger = options.logger ?? { info: () => {}, warn: () => {}, error: () => {} };
  const publisher = new SlicePublisher(pool, logger);
  const followers: { follower?: CatalogFollower } = {};
  const followerOf = (catalog: LiveCatalog) =>
    (followers.follower ??= new CatalogFollower({ pool, catalog, logger, ...(pollMs !== undefined ? { pollMs } : {}) }));
  const catalog = await openCatalog({ ...catalogOptions, onSlice: publisher.publish, loadWith: (opened) => followerOf(opened).pull() });
  const follower = followerOf(catalog);
  await follower.start();
  const indexer = indexFolder
    ? new CatalogIndexer({
        pool,
        catalog,
        follower,
        publisher,
        logger,
        ...(holder !== undefined ? { holder } : {}),
        ...(leaseTtlMs !== undefined ? { leaseTtlMs } : {}),
        ...(renewMs !== undefined ? { renewMs } : {}),
      })
    : undefined;
  const indexing = indexer ? catalog.loaded.then(() => indexer.start()) : Promise.resolve();
  return {
    catalog,
    follower,
    ...(indexer ? { indexer } : {}),
    status: async () => ({
      role: indexer?.isIndexer ? 'indexer' : 'follower',
      ...(await follower.lag()),
      ...(indexer?.isIndexer ? { unpublishedSlices: publisher.pending } : {}),
    }),
    statusNow: () => ({
      role: indexer?.isIndexer ? 'indexer' : 'follower',
      ...follower.lagNow(),
      ...(indexer?.isIndexer ? { unpublishedSlices: publisher.pending } : {}),
    }),
    close: async () => {
      await indexing;
      await indexer?.stop();
      await follower.stop();
      await catalog.close();
    },
  };
}

/**
 * The replicated catalog as a plain LiveCatalog for the front ends: sync() goes through the indexer (a no-op
 * unless this process holds the lease, so a follower's watcher never changes its copy behind PostgreSQL's
 * back), and close() also stops following and runs `closeAlso` (the pool).
 */
export function replicaAsCatalog(replica: ReplicatedCatalog, closeAlso: () => Promise<void>): LiveCatalog {
  const { catalog, indexer } = replica;
  const sync = async (scope?: SyncScope): Promise<SyncReport> =>
    (await indexer?.sync(scope)) ?? { added: [], changed: [], removed: [], reanalysed: [], unchanged: 0, newlySkipped: [], size: catalog.size, durationMs: 0 };
  const close = async () => {
    await replica.close();
    await closeAlso();
  };
  return new Proxy(catalog, {
    get(target, property) {
      if (property === 'sync') return sync;
      if (property === 'close') return close;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function mergeReports(total: SyncReport | undefined, next: SyncReport): SyncReport {
  if (!total) return next;
  return {
    ...next,
    added: [...total.added, ...next.added],
    changed: [...total.changed, ...next.changed],
    removed: [...total.removed, ...next.removed],
    reanalysed: [...total.reanalysed, ...next.reanalysed],
    durationMs: total.durationMs + next.durationMs,
  };
}
