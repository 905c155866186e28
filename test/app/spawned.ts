/**
 * A Newsdesk process started as a user starts it (`node --import tsx src/main.ts`, or plain node on compiled
 * code), with its output collected and waited on line by line.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Spawned {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until stdout or stderr (by default stdout) matches, or throws after timeoutMs with what was printed. */
  waitFor(pattern: RegExp, options?: { stream?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<RegExpMatchArray>;
  send(line: string): void;
  /** Kills it if still running. */
  stop(): Promise<void>;
}

/** Runs `args` with node from the repository root. `env` is added to a clean copy of this environment. */
export function spawnNode(args: string[], env: Record<string, string>): Spawned {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DISCORD_|CORPUS_DIR|DATA_DIR|HEALTH_|WATCH_CORPUS|LOG_LEVEL)/.test(name)));
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...inherited, ...env } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(pattern, { stream = 'stdout', timeoutMs = 45_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = (stream === 'stdout' ? out : err).match(pattern);
        if (match) return match;
        if (!running || Date.now() > deadline) {
          throw new Error(`${pattern} not printed on ${stream} (${running ? 'timed out' : 'exited'}).\nstdout:\n${out}\nstderr:\n${err}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    send: (line) => child.stdin.write(`${line}\n`),
    async stop() {
      if (running) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `npm start`: the TypeScript entry through tsx. */
export const startApp = (env: Record<string, string>, script = 'src/main.ts') => spawnNode(['--import', 'tsx', script], env);

/** Lines a person reads on stderr: the JSON log lines left out. */
export const plainLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
