/**
 * `npm start` (and `node dist/src/main.js` in production): with DISCORD_TOKEN, the Discord bot; without,
 * the local console that takes the same commands. A start that cannot work (bad token, missing corpus
 * folder, bad setting) prints one line naming the setting and exits 1, so a supervisor can restart it.
 */
import { startFailureText } from './app/errors.js';
import { terminalOrNothing } from './app/progress.js';
import { openRuntime, type Runtime } from './app/runtime.js';
import { startServices } from './app/services.js';
import { loadConfig } from './config.js';
import { runConsole } from './console/console.js';
import { createLogger } from './log.js';
import { plural } from './render/dates.js';

function loadedLine(runtime: Runtime): string {
  const skipped = runtime.catalog.skipped().length;
  return `Loaded ${plural(runtime.catalog.size, 'article')} from ${runtime.config.CORPUS_DIR}${skipped > 0 ? ` (${plural(skipped, 'file')} skipped, see the warnings above)` : ''}.`;
}

/** After this long, a shutdown that hangs (a stuck socket) gives way to exit anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How long a failed start waits for the catalog to close before it exits. */
const CLOSE_ON_FAILURE_MS = 2_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const consoleMode = !config.DISCORD_TOKEN;
  const runtime = await openRuntime({ config, logger, waitForLoad: consoleMode, statusLine: consoleMode ? terminalOrNothing(process.stderr) : undefined });
  let services;
  try {
    services = await startServices(runtime, { discord: !consoleMode });
  } catch (error) {
    // close() waits for the running load, minutes on a large corpus; a failed start should not. SQLite
    // writes are synchronous, so exiting between them loses nothing the next start does not redo.
    await Promise.race([runtime.catalog.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_ON_FAILURE_MS).unref())]);
    throw error;
  }

  if (consoleMode) {
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      commands: runtime.commands,
      context: runtime.context,
      greeting: [
        'Newsdesk console.',
        loadedLine(runtime),
        `Commands: ${runtime.commands.map((command) => `/${command.data.name}`).join(' ')}  (e.g. /search sanctions, /quotes person:Putin, /summary). /exit to leave.`,
        ...(services.health ? [`Health checks: ${services.health.url}/healthz and ${services.health.url}/readyz.`] : []),
        'To connect to Discord instead, put DISCORD_TOKEN (and DISCORD_APPLICATION_ID) in .env — see .env.example — then run npm run deploy-commands and npm start.',
      ].join('\n'),
    });
    await services.stop();
    await runtime.catalog.close();
    return;
  }

  void runtime.catalog.loaded.then(() => logger.info(loadedLine(runtime)));
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    await services.stop();
    await runtime.catalog.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${startFailureText(error)}\n`);
  // Exit rather than set exitCode: open handles (REST keep-alive, timers) must not keep a failed start alive.
  process.exit(1);
}
