/**
 * Start-up wiring shared by the front ends: the catalog for the corpus folder, and for the interactive
 * front ends (bot, console) the loaded commands with their context.
 */
import fs from 'node:fs';
import type { Command, CommandContext, CommandServices } from '../../commands/index.js';
import type { Config } from '../config.js';
import { loadCommands } from '../discord/loadCommands.js';
import { openCatalog, type LiveCatalog, type OpenCatalogOptions } from '../index/catalog.js';
import { trackLoadProgress } from '../index/loadProgress.js';
import { CATALOG_MIGRATIONS } from '../index/postgresCatalog.js';
import { openReplicatedCatalog, replicaAsCatalog, type ReplicaStatus } from '../index/replica.js';
import { openPostgres } from '../lib/postgres/connect.js';
import { LEASE_MIGRATIONS } from '../lib/postgres/lease.js';
import { migrate } from '../lib/postgres/migrate.js';
import type { Logger } from '../log.js';
import { StartError } from './errors.js';
import { createProgressReporter } from './progress.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  catalog: LiveCatalog;
  commands: Command[];
  context: CommandContext;
}

export interface CorpusOptions {
  /** Resolve once every file is loaded (or throw why not); otherwise load in the background. */
  waitForLoad: boolean;
  /** Where the progress of the load is rewritten in place: a terminal, or nothing. */
  statusLine?: NodeJS.WritableStream | undefined;
  /** How the user named the folder, for the message when it is missing. Default CORPUS_DIR. */
  corpusSetting?: string;
}

/** Stops the start when the corpus folder is missing: running with 0 articles would look like a broken corpus. */
export function checkCorpusFolder(folder: string, setting = 'CORPUS_DIR'): void {
  let why: string | undefined;
  try {
    if (!fs.statSync(folder).isDirectory()) why = 'is a file, not a folder';
  } catch (error) {
    why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
  }
  if (why) throw new StartError(`${setting}: the corpus folder ${folder} ${why}; point ${setting} at the folder that holds your .txt and .md articles.`);
}

/** Where this process's catalog stands on PostgreSQL (indexer or follower, how far behind), for /readyz. */
const replicaStatuses = new WeakMap<LiveCatalog, () => ReplicaStatus>();

export function replicaStatusOf(catalog: LiveCatalog): ReplicaStatus | undefined {
  return replicaStatuses.get(catalog)?.();
}

/**
 * With DATABASE_URL: the pool (each failed attempt logged as one line, retried with backoff, never a crash
 * loop), the migrations, then the local working copy fed from PostgreSQL; with the folder this process may
 * index it (the lease decides). Without the folder it only follows.
 */
async function openPostgresCatalog(config: Config, logger: Logger, options: OpenCatalogOptions): Promise<LiveCatalog> {
  const url = config.DATABASE_URL!;
  const pool = await openPostgres({
    url,
    poolMax: config.PG_POOL_MAX,
    connectTimeoutMs: config.PG_CONNECT_TIMEOUT_MS,
    onRetry: (reason, attempt, nextInMs) => logger.warn(`${reason}; attempt ${attempt} failed, retrying in ${Math.round(nextInMs / 1000)} s`),
  });
  try {
    await migrate(pool, [LEASE_MIGRATIONS, CATALOG_MIGRATIONS]);
    let indexFolder = true;
    try {
      checkCorpusFolder(config.CORPUS_DIR);
    } catch {
      indexFolder = false;
      logger.info(`CORPUS_DIR ${config.CORPUS_DIR} is not here: this process follows the catalog in PostgreSQL and does not index.`);
    }
    const replica = await openReplicatedCatalog({ ...options, pool, indexFolder });
    const catalog = replicaAsCatalog(replica, () => pool.end());
    replicaStatuses.set(catalog, () => replica.statusNow());
    return catalog;
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StartError(`DATABASE_URL: preparing the catalog in PostgreSQL failed: ${(error as Error).message}`);
  }
}

/** Opens the corpus folder's catalog, reporting the progress of its first load (logs, status line, answers). */
export async function openCorpus(config: Config, logger: Logger, { waitForLoad, statusLine, corpusSetting }: CorpusOptions): Promise<LiveCatalog> {
  // On PostgreSQL a process without the folder still answers: it follows what another process indexed.
  if (!config.DATABASE_URL) checkCorpusFolder(config.CORPUS_DIR, corpusSetting);
  const progress = createProgressReporter({ logger: { info: (message) => logger.info(message) }, statusLine });
  const options: OpenCatalogOptions = {
    corpusDir: config.CORPUS_DIR,
    dataDir: config.DATA_DIR,
    maxBytes: config.MAX_FILE_BYTES,
    engine: config.SEARCH_ENGINE,
    ...(config.ANALYSIS_WORKERS !== undefined ? { workers: config.ANALYSIS_WORKERS } : {}),
    logger,
    onProgress: (report) => progress.onProgress(report),
  };
  const catalog = config.DATABASE_URL ? await openPostgresCatalog(config, logger, options) : await openCatalog(options);
  trackLoadProgress(catalog, () => progress.latest());
  void catalog.loaded.then(() => progress.finish());
  if (waitForLoad) {
    const report = await catalog.loaded;
    if (report.error) {
      await catalog.close();
      throw new StartError(report.error);
    }
  }
  return catalog;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Wait for the whole corpus before returning (console); otherwise load in the background (bot). */
  waitForLoad: boolean;
  statusLine?: NodeJS.WritableStream | undefined;
  services?: Partial<CommandServices>;
}

export async function openRuntime({ config, logger, waitForLoad, statusLine, services = {} }: RuntimeOptions): Promise<Runtime> {
  const [catalog, commands] = await Promise.all([openCorpus(config, logger, { waitForLoad, statusLine }), loadCommands()]);
  const context: CommandContext = { catalog, commands, logger, services };
  return { config, logger, catalog, commands, context };
}
