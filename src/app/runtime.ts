/**
 * Start-up wiring shared by every front end: configuration, logger, the catalog for the corpus folder,
 * and the loaded commands with their context.
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
    dataDir: config.DATA_DIR,
    maxBytes: config.MAX_FILE_BYTES,
    logger,
  });
  if (waitForLoad) {
    const report = await catalog.loaded;
    if (report.error) throw new Error(report.error);
  }
  const commands = await loadCommands();
  const context: CommandContext = { catalog, commands, logger, services };
  return { config, logger, catalog, commands, context };
}
