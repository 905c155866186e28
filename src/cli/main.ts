/** Entry point of the `newsdesk` CLI (see cli.ts). */
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
