/**
 * What runs beside the answers, wired in one place for `npm start` (bot or console) and `npm run try-discord`:
 * the corpus watcher, the health server, and with Discord the digest service and the bot itself.
 */
import { startBot, type Bot } from '../discord/bot.js';
import { PgDigestStore } from '../digest/pgStore.js';
import { DigestService } from '../digest/service.js';
import { openPostgres } from '../lib/postgres/connect.js';
import { loadProgressOf } from '../index/loadProgress.js';
import { watchCorpus } from '../index/watch.js';
import { StartError } from './errors.js';
import { startHealthServer, type HealthServer } from './health.js';
import { replicaStatusOf, type Runtime } from './runtime.js';

export interface Services {
  /** Set with Discord. */
  bot?: Bot;
  digests?: DigestService;
  health?: HealthServer;
  /** Stops what was started, last started first. */
  stop(): Promise<void>;
}

/** Why a login failed, as one line naming DISCORD_TOKEN when the token is at fault. */
export function loginFailure(error: unknown): StartError {
  const code = (error as { code?: unknown } | null)?.code;
  // discord.js says TokenInvalid when the REST API refuses the token; the gateway refusing it (close 4004)
  // surfaces as @discordjs/ws's "Authentication failed".
  if (code === 'TokenInvalid' || (error instanceof Error && error.message === 'Authentication failed')) {
    return new StartError('DISCORD_TOKEN: Discord rejected the bot token; copy a new one from the developer portal (your application → Bot → Reset Token) into .env.');
  }
  return new StartError(`Could not connect to Discord: ${error instanceof Error ? error.message : String(error)}`);
}

async function listenForHealth(runtime: Runtime, bot: () => Bot | undefined, withDiscord: boolean): Promise<HealthServer | undefined> {
  const { HEALTH_PORT, HEALTH_HOST } = runtime.config;
  if (HEALTH_PORT === undefined) return undefined;
  const catalog = runtime.catalog;
  try {
    return await startHealthServer({
      host: HEALTH_HOST,
      port: HEALTH_PORT,
      probe: {
        catalogLoaded: () => catalog.ready,
        articles: () => catalog.size,
        loadProgress: () => loadProgressOf(catalog),
        replica: () => replicaStatusOf(catalog),
        ...(withDiscord ? { gatewayConnected: () => bot()?.client.isReady() === true } : {}),
      },
    });
  } catch (error) {
    throw new StartError(`HEALTH_PORT: cannot listen on ${HEALTH_HOST}:${HEALTH_PORT} (${(error as Error).message}); pick another port or leave HEALTH_PORT unset.`);
  }
}

/**
 * Starts the services. `discord`: log the bot in (the config's token) and run digests; otherwise only the
 * watcher and health server (the console). A failed start stops what had started, then throws a StartError.
 */
export async function startServices(runtime: Runtime, { discord }: { discord: boolean }): Promise<Services> {
  const { config, logger, catalog, commands, context } = runtime;
  const stoppers: (() => Promise<void>)[] = [];
  const services: Services = {
    stop: async () => {
      for (const stop of stoppers.splice(0).reverse()) await stop().catch((error: Error) => logger.warn({ err: error }, 'stopping a service failed'));
    },
  };
  try {
    const health = await listenForHealth(runtime, () => services.bot, discord);
    if (health) {
      services.health = health;
      stoppers.push(() => health.close());
      logger.info(`Health checks on ${health.url}/healthz and ${health.url}/readyz`);
    }
    if (config.WATCH_CORPUS) {
      const stopWatching = watchCorpus(catalog, { debounceMs: 500, logger });
      stoppers.push(() => stopWatching());
    }
    if (discord) {
      // Digests: with DATABASE_URL, schedules and the ledger live in PostgreSQL, shared by every process (slot leases).
      let digestStore: PgDigestStore | undefined;
      if (config.DATABASE_URL) {
        const pool = await openPostgres({
          url: config.DATABASE_URL,
          poolMax: config.PG_POOL_MAX,
          connectTimeoutMs: config.PG_CONNECT_TIMEOUT_MS,
          onRetry: (reason, attempt, nextInMs) => logger.warn(`${reason}; retrying in ${Math.round(nextInMs / 1000)} s (attempt ${attempt})`),
        }).catch((error: Error) => {
          throw new StartError(error.message);
        });
        digestStore = await PgDigestStore.open(pool);
        stoppers.push(async () => {
          await digestStore?.close();
          await pool.end();
        });
      }
      const digests = new DigestService({ config, catalog: () => runtime.catalog, logger, ...(digestStore ? { store: digestStore } : {}) });
      services.digests = digests;
      context.services.digests = digests;
      stoppers.push(() => digests.stop());
      const bot = await startBot({ config, commands, context }).catch((error: unknown) => {
        throw loginFailure(error);
      });
      services.bot = bot;
      stoppers.push(() => bot.stop());
      digests.connect(bot.client);
      digests.start();
    }
    return services;
  } catch (error) {
    await services.stop();
    throw error;
  }
}
