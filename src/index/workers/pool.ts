/**
 * A pool of analysis workers. `process` resolves in request order per call; several requests are in flight
 * per worker so a worker never waits for the main thread between files.
 *
 * From source (tsx, vitest) the worker file is TypeScript: it is started with tsx's loader. From the compiled
 * build it is plain JavaScript and needs nothing.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProcessRequest, ProcessResult, ProcessSettings } from '../processFile.js';

/** Requests queued per worker: enough to hide the message round trip, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 4;

interface Pending {
  resolve: (result: ProcessResult) => void;
  reject: (error: Error) => void;
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: Error | null = null;
  /** Set by close(): workers then exit on purpose, and requests still out are dropped. */
  private closing = false;

  constructor(size: number, settings: ProcessSettings) {
    const fromSource = import.meta.url.endsWith('.ts');
    const url = new URL(`./analysisWorker${fromSource ? '.ts' : '.js'}`, import.meta.url);
    for (let index = 0; index < size; index += 1) {
      const worker = fromSource
        ? new Worker(typeScriptBootstrap(url), { eval: true, workerData: settings })
        : new Worker(url, { workerData: settings });
      worker.on('message', (message: { seq: number; result: ProcessResult }) => {
        this.load[index]! -= 1;
        const waiting = this.pending.get(message.seq);
        this.pending.delete(message.seq);
        waiting?.resolve(message.result);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`an analysis worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** How many more requests the pool takes before it is saturated. */
  get capacity(): number {
    return this.workers.length * IN_FLIGHT_PER_WORKER - this.pending.size;
  }

  process(request: ProcessRequest): Promise<ProcessResult> {
    if (this.failure) return Promise.reject(this.failure);
    let chosen = 0;
    for (let index = 1; index < this.load.length; index += 1) if (this.load[index]! < this.load[chosen]!) chosen = index;
    const seq = (this.seq += 1);
    this.load[chosen]! += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.workers[chosen]!.postMessage({ seq, request });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.fail(new Error('the analysis workers were stopped'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** A worker script that registers tsx's loader in the worker, then imports the TypeScript worker file. */
function typeScriptBootstrap(url: URL): string {
  const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs');
  return `import(${JSON.stringify(pathToFileURL(api).href)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
}
