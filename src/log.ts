/** The logger: pino, JSON lines to stderr so that stdout stays clean for answers and --json output. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
