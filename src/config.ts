/**
 * The only module that reads the environment. Every setting is documented here with its default,
 * validated at start, and reported one clear line per mistake naming the variable at fault.
 */
import 'dotenv/config';
import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const snowflake = (what: string) =>
  optionalText.refine((value) => value === undefined || /^\d{17,20}$/.test(value), {
    message: `must be a Discord ${what} ID: 17 to 20 digits (Developer Mode → right-click → Copy ID)`,
  });

const positiveInt = (fallback: number, what: string) =>
  optionalText
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => Number.isInteger(value) && value > 0, { message: `must be a whole number above 0 (${what})` });

const booleanFlag = (fallback: boolean) =>
  optionalText
    .refine((value) => value === undefined || /^(true|false|1|0|yes|no)$/i.test(value), {
      message: 'must be true or false',
    })
    .transform((value) => (value === undefined ? fallback : /^(true|1|yes)$/i.test(value)));

export const configSchema = z.object({
  /** Bot token from the Discord developer portal. Unset: `npm start` opens the local console instead. */
  DISCORD_TOKEN: optionalText,
  /** The application (client) ID; needed by `npm run deploy-commands`. */
  DISCORD_APPLICATION_ID: snowflake('application'),
  /** Register commands to this server only (instant); unset registers them globally. */
  DISCORD_GUILD_ID: snowflake('server'),
  /** API base for the REST client, e.g. http://127.0.0.1:PORT/api for the emulator. Unset in production. */
  DISCORD_API_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/\S+$/.test(value), {
    message: 'must be an http(s) URL such as http://127.0.0.1:8080/api, or unset for discord.com',
  }),
  /** Folder of articles (.txt, .md), read recursively. Default ./seeds. */
  CORPUS_DIR: optionalText.transform((value) => path.resolve(value ?? 'seeds')),
  /** Folder for the persisted index, analysis cache and digest state. Default ./data; created on start. */
  DATA_DIR: optionalText.transform((value) => path.resolve(value ?? 'data')),
  /** Files larger than this many bytes are skipped with a warning. Default 5 MiB. */
  MAX_FILE_BYTES: positiveInt(5 * 1024 * 1024, 'bytes'),
  /**
   * The full-text engine: auto (default: MiniSearch in memory for small corpora, SQLite FTS5 on disk from
   * 5,000 articles), minisearch, or sqlite. Changing it moves the index once, at the next start.
   */
  SEARCH_ENGINE: optionalText
    .transform((value) => value?.toLowerCase() ?? 'auto')
    .pipe(z.enum(['auto', 'minisearch', 'sqlite'], { message: 'must be auto, minisearch or sqlite' })),
  /**
   * PostgreSQL connection URL (postgres://user:password@host:5432/database). Set: the catalog, full-text index,
   * digest schedules and ledger live in PostgreSQL, shared by every Newsdesk process pointed at it; DATA_DIR
   * then holds only this process's disposable working copy. Unset (default): everything stays in DATA_DIR.
   */
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(?:ql)?:\/\/\S+$/.test(value), {
    message: 'must be a postgres:// or postgresql:// URL such as postgres://newsdesk:secret@localhost:5432/newsdesk, or unset',
  }),
  /** Most connections this process opens to PostgreSQL at once. Default 10. */
  PG_POOL_MAX: positiveInt(10, 'connections'),
  /** Milliseconds to wait for a PostgreSQL connection before the attempt counts as failed. Default 5000. */
  PG_CONNECT_TIMEOUT_MS: positiveInt(5_000, 'milliseconds'),
  /** Worker threads that parse and analyse articles during large loads. Default: one per core; 0: none. */
  ANALYSIS_WORKERS: optionalText
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .refine((value) => value === undefined || (Number.isInteger(value) && value >= 0 && value <= 64), {
      message: 'must be a whole number from 0 to 64 (worker threads)',
    }),
  /** Watch CORPUS_DIR and re-index changed files while running. Default true. */
  WATCH_CORPUS: booleanFlag(true),
  /** How long after a missed digest slot it is still posted on restart, in hours. Default 24. */
  DIGEST_CATCHUP_HOURS: positiveInt(24, 'hours'),
  /** Port for GET /healthz and /readyz (JSON bodies); unset: no health server. */
  HEALTH_PORT: optionalText
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .refine((value) => value === undefined || (Number.isInteger(value) && value >= 0 && value <= 65_535), {
      message: 'must be a port number from 0 to 65535 (0 picks a free one), or unset for no health server',
    }),
  /** Address the health server listens on. Default 127.0.0.1; 0.0.0.0 in a container, for its health check. */
  HEALTH_HOST: optionalText.transform((value) => value ?? '127.0.0.1'),
  /** pino log level: fatal, error, warn, info, debug, trace or silent. Default info. */
  LOG_LEVEL: optionalText
    .transform((value) => value ?? 'info')
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  /** Set to anything but empty: the CLI prints no colours or bold (https://no-color.org). */
  NO_COLOR: optionalText.transform((value) => value !== undefined),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (see .env.example)`);
  throw new ConfigError(problems);
}
