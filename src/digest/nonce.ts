/** Deterministic message nonces, so a resend after a crash is recognised by Discord as the same message. */
import { createHash } from 'node:crypto';

/** Discord accepts string nonces of at most 25 characters. */
export const NONCE_LENGTH = 25;

/**
 * The nonce of one message part of one slot's post. The schedule's creation time is mixed in so that a
 * schedule id reused after the database was deleted does not produce the same nonces.
 */
export function digestNonce(schedule: { id: number; createdAt: string }, slot: string, part: number): string {
  return createHash('sha256')
    .update(`newsdesk-digest\n${schedule.id}\n${schedule.createdAt}\n${slot}\n${part}`)
    .digest('base64url')
    .slice(0, NONCE_LENGTH);
}
