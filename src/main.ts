/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without, the local console that takes the same commands.
 */
import { openRuntime, type Runtime } from './app/runtime.js';
import { ConfigError, loadConfig } from './config.js';
import { runConsole } from './console/console.js';
import { startBot } from './discord/bot.js';
import { DigestService } from './digest/service.js';
import { watchCorpus } from './index/watch.js';
import { createLogger } from './log.js';
import { plural } from './render/dates.js';

function loadedLine(runtime: Runtime): string {
  const skipped = runtime.catalog.skipped().length;
  return `Loaded ${plural(runtime.catalog.size, 'article')} from ${runtime.config.CORPUS_DIR}${skipped > 0 ? ` (${plural(skipped, 'file')} skipped, see the warnings above)` : ''}.`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const runtime = await openRuntime({ config, logger, waitForLoad: !config.DISCORD_TOKEN });
  const stopWatching = config.WATCH_CORPUS ? watchCorpus(runtime.catalog, { debounceMs: 500 }) : () => undefined;

  if (!config.DISCORD_TOKEN) {
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      commands: runtime.commands,
      context: runtime.context,
      greeting: [
        'Newsdesk console.',
        loadedLine(runtime),
        `Commands: ${runtime.commands.map((command) => `/${command.data.name}`).join(' ')}  (e.g. /search sanctions, /quotes person:Putin, /summary). /exit to leave.`,
        'To connect to Discord instead, put DISCORD_TOKEN (and DISCORD_APPLICATION_ID) in .env — see .env.example — then run npm run deploy-commands and npm start.',
      ].join('\n'),
    });
    await stopWatching();
    await runtime.catalog.close();
    return;
  }

  const digests = new DigestService({ config, catalog: () => runtime.catalog, logger });
  runtime.context.services.digests = digests;
  const bot = await startBot({ config, commands: runtime.commands, context: runtime.context });
  digests.connect(bot.client);
  digests.start();
  void runtime.catalog.loaded.then(() => logger.info(loadedLine(runtime)));
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await stopWatching();
    await digests.stop();
    await bot.stop();
    await runtime.catalog.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

try {
  await main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
