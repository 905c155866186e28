/**
 * Shows a catalog's first-load progress where a person can see it: a status line rewritten in place on a
 * terminal, and a log line at most every few seconds (a long load then shows in the logs, a short one only
 * as its final "Loaded …" line).
 */
import type { CatalogProgress } from '../index/catalog.js';
import type { LoadProgress } from '../index/loadProgress.js';
import { loadProgressText } from '../render/notices.js';

export interface ProgressLogger {
  info(message: string): void;
}

export interface ProgressReporterOptions {
  logger?: ProgressLogger;
  /** Rewritten in place with the latest progress; give it only when it is a terminal. */
  statusLine?: NodeJS.WritableStream;
  /** Least time between two log lines. Default 5 s. */
  logEveryMs?: number;
  now?: () => number;
}

export interface ProgressReporter {
  onProgress(progress: CatalogProgress): void;
  /** The last progress reported, for answers given during the load. */
  latest(): LoadProgress | undefined;
  /** The load is over: clear the status line and stop reporting. */
  finish(): void;
}

/** Least time between two rewrites of the status line, so a fast load does not flood the terminal. */
const STATUS_EVERY_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

export const progressLine = (progress: LoadProgress): string => `Loading corpus: ${loadProgressText(progress)}`;

export function createProgressReporter({ logger, statusLine, logEveryMs = 5_000, now = Date.now }: ProgressReporterOptions): ProgressReporter {
  let latest: LoadProgress | undefined;
  let lastLog = now();
  let lastStatus = -Infinity;
  let statusShown = false;
  let finished = false;
  return {
    onProgress(progress) {
      if (finished) return;
      latest = progress;
      const at = now();
      if (logger && at - lastLog >= logEveryMs) {
        lastLog = at;
        logger.info(progressLine(progress));
      }
      if (statusLine && at - lastStatus >= STATUS_EVERY_MS) {
        lastStatus = at;
        statusLine.write(`${CLEAR_LINE}${progressLine(progress)}`);
        statusShown = true;
      }
    },
    latest: () => (finished ? undefined : latest),
    finish() {
      finished = true;
      if (statusShown) statusLine?.write(CLEAR_LINE);
    },
  };
}

/** The stream, if it is a terminal (a status line on a pipe or in a log file would be noise). */
export function terminalOrNothing(stream: NodeJS.WriteStream): NodeJS.WriteStream | undefined {
  return stream.isTTY === true ? stream : undefined;
}
