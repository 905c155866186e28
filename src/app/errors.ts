/** Start-up failures a person can fix: reported as one line naming the setting, never as a stack. */
import { ConfigError } from '../config.js';

export class StartError extends Error {
  override name = 'StartError';
}

/** What to print when the start fails: the message for mistakes a person can fix, the stack otherwise. */
export function startFailureText(error: unknown): string {
  if (error instanceof ConfigError || error instanceof StartError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
