/**
 * Start-up wiring shared by every front end: configuration, logger, the catalog for the corpus folder,
 * and the loaded commands with their context.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command, CommandContext, CommandServices } from '../../commands/index.js';
import type { Config } from '../config.js';
import { loadCommands } from '../discord/loadCommands.js';
import { openCatalog, type LiveCatalog } from '../index/catalog.js';
import type { Logger } from '../log.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  catalog: LiveCatalog;
  commands: Command[];
  context: CommandContext;
}

/** Each corpus folder keeps its own persisted index under DATA_DIR, so `--corpus` never mixes two. */
export function catalogDataDir(dataDir: string, corpusDir: string): string {
  const key = createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 12);
  return path.join(dataDir, 'catalogs', `${path.basename(corpusDir) || 'corpus'}-${key}`);
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Wait for the whole corpus before returning (CLI); otherwise load in the background (bot, console). */
  waitForLoad: boolean;
  services?: Partial<CommandServices>;
}

export async function openRuntime({ config, logger, waitForLoad, services = {} }: RuntimeOptions): Promise<Runtime> {
  const catalog = await openCatalog({
    corpusDir: config.CORPUS_DIR,
    dataDir: catalogDataDir(config.DATA_DIR, config.CORPUS_DIR),
    maxBytes: config.MAX_FILE_BYTES,
    logger,
  });
  const loading = catalog.sync().catch((error: unknown) => logger.error({ err: error }, 'loading the corpus failed'));
  if (waitForLoad) await loading;
  const commands = await loadCommands();
  const context: CommandContext = { catalog, commands, logger, services };
  return { config, logger, catalog, commands, context };
}
