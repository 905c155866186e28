/**
 * An analysis worker thread: processes corpus files (processFile.ts) for the catalog, so parsing and analysis
 * use every core and never block the main thread's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeArticle } from '../../analysis/analyze.js';
import { processFile, type ProcessRequest, type ProcessSettings } from '../processFile.js';

const settings: ProcessSettings = { ...(workerData as ProcessSettings), blockingReads: true };

parentPort!.on('message', (message: { seq: number; request: ProcessRequest }) => {
  processFile(message.request, settings, analyzeArticle).then(
    (result) => parentPort!.postMessage({ seq: message.seq, result }),
    (error: Error) =>
      parentPort!.postMessage({ seq: message.seq, result: { kind: 'skipped', id: message.request.id, reason: `could not be processed (${error.message})` } }),
  );
});
