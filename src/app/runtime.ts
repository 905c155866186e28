/**
 * Start-up wiring shared by the front ends: the catalog for the corpus folder, and for the interactive
 * front ends (bot, console) the loaded commands with their context.
 */
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

/** Opens the corpus folder's catalog; with `waitForLoad`, resolves once every file is loaded (or throws why not). */
export async function openCorpus(config: Config, logger: Logger, { waitForLoad }: { waitForLoad: boolean }): Promise<LiveCatalog> {
  const catalog = await openCatalog({
    corpusDir: config.CORPUS_DIR,
    dataDir: config.DATA_DIR,
    maxBytes: config.MAX_FILE_BYTES,
    engine: config.SEARCH_ENGINE,
    ...(config.ANALYSIS_WORKERS !== undefined ? { workers: config.ANALYSIS_WORKERS } : {}),
    logger,
  });
  if (waitForLoad) {
    const report = await catalog.loaded;
    if (report.error) {
      await catalog.close();
      throw new Error(report.error);
    }
  }
  return catalog;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Wait for the whole corpus before returning (console); otherwise load in the background (bot). */
  waitForLoad: boolean;
  services?: Partial<CommandServices>;
}

export async function openRuntime({ config, logger, waitForLoad, services = {} }: RuntimeOptions): Promise<Runtime> {
  const [catalog, commands] = await Promise.all([openCorpus(config, logger, { waitForLoad }), loadCommands()]);
  const context: CommandContext = { catalog, commands, logger, services };
  return { config, logger, catalog, commands, context };
}
