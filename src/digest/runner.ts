/**
 * Decides and makes digest posts. On each tick, for each schedule: first finish any post left `intended`
 * by a crash (same messages, same nonces), then post the latest due slot if it has no ledger row yet and
 * is within the catch-up window. Only the latest slot is ever considered, so however long the bot was
 * down a schedule posts at most once on return. Each post covers the articles added since the previous
 * post's cutoff (the schedule's creation for the first), so nothing is listed twice or lost.
 */
import type { Logger } from 'pino';
import { digestSince, type DigestAnswer } from '../answers/digest.js';
import type { Catalog } from '../index/types.js';
import { digestView } from '../render/digest.js';
import type { View } from '../render/view.js';
import { DEFAULT_RETRY, DeliveryError, sendWithRetry, type Delivery, type RetryOptions } from './deliver.js';
import { digestMessages, type DigestMessage } from './messages.js';
import { digestNonce } from './nonce.js';
import { formatSlot, slotClock } from './slots.js';
import type { DigestStore, LedgerEntry, Schedule, SlotTrigger } from './store.js';

export interface RunnerOptions {
  store: DigestStore;
  catalog: () => Catalog;
  now: () => Date;
  /** How long after its time a missed slot is still posted (DIGEST_CATCHUP_HOURS), in milliseconds. */
  catchupMs: number;
  deliveryFor: (schedule: Schedule) => Delivery;
  retry?: RetryOptions;
  logger?: Logger;
}

export type PostOutcome =
  | { kind: 'idle'; reason: string }
  | { kind: 'empty'; slot: string; since: string }
  | { kind: 'sent'; slot: string; messageIds: string[]; articleCount: number }
  /** permanent: the channel refuses (tried again at the next slot); otherwise retried on the next tick. */
  | { kind: 'failed'; slot: string; reason: string; permanent: boolean };

export interface Composed {
  answer: DigestAnswer;
  view: View;
  messages: DigestMessage[];
}

const INTERRUPTED =
  'A post interrupted by a restart could not be finished within the catch-up window; its articles go into the next post.';

export class DigestRunner {
  /** Ticks and `/digest now` run one at a time, so a slot is never worked on twice at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RunnerOptions) {}

  /** Runs `work` after everything queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** One pass over every schedule. Errors in one schedule are logged and do not stop the others. */
  tick(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.options.catalog().ready) return;
      for (const schedule of this.options.store.schedules()) {
        try {
          const outcome = await this.runDue(schedule);
          if (outcome.kind !== 'idle') this.options.logger?.info({ schedule: schedule.id, ...outcome }, 'digest slot');
        } catch (error) {
          this.options.logger?.error({ err: error, schedule: schedule.id }, 'digest schedule failed');
        }
      }
    });
  }

  /** Finishes interrupted posts, then posts the latest due slot if it is not done yet. */
  async runDue(schedule: Schedule): Promise<PostOutcome> {
    const now = this.options.now();
    const resumed = await this.finishInterrupted(schedule, now);
    if (resumed) return resumed;
    const slot = slotClock(schedule.pattern, schedule.timezone).latest(now);
    if (!slot || slot.getTime() <= Date.parse(schedule.createdAt)) return { kind: 'idle', reason: 'no slot since the schedule was made' };
    if (now.getTime() - slot.getTime() > this.options.catchupMs) return { kind: 'idle', reason: 'last slot is past the catch-up window' };
    const slotKey = slot.toISOString();
    if (this.options.store.entry(schedule.id, slotKey)) return { kind: 'idle', reason: 'slot already done' };
    return this.post(schedule, slot, 'schedule', now);
  }

  /** Resends posts found `intended`; returns an outcome if one is still pending (so no newer post overtakes it). */
  private async finishInterrupted(schedule: Schedule, now: Date): Promise<PostOutcome | null> {
    for (const entry of this.options.store.unfinished(schedule.id)) {
      if (now.getTime() - Date.parse(entry.slot) > this.options.catchupMs) {
        this.options.store.recordFailed(schedule.id, entry.slot, INTERRUPTED, now.toISOString());
        continue;
      }
      const outcome = await this.deliver(schedule, entry, true);
      if (outcome.kind === 'failed' && !outcome.permanent) return outcome;
    }
    return null;
  }

  /** The window of the next post: from the previous post's cutoff (or the schedule's creation) to now. */
  window(schedule: Schedule, now: Date): { since: string; until: string } {
    return { since: this.options.store.coveredUntil(schedule.id) ?? schedule.createdAt, until: now.toISOString() };
  }

  /** The post for `slot` covering the window, exactly as it would be sent. */
  compose(schedule: Schedule, slot: Date, window: { since: string; until: string }): Composed {
    const answer = digestSince(this.options.catalog(), {
      since: window.since,
      until: window.until,
      ...(schedule.filter ? { filter: schedule.filter } : {}),
      max: schedule.max,
    });
    const view = digestView(answer, {
      title: `Newsdesk digest #${schedule.id} · ${formatSlot(slot, schedule.timezone)}`,
      formatTime: (iso) => `${formatSlot(new Date(iso), schedule.timezone)} (${schedule.timezone})`,
    });
    return { answer, view, messages: digestMessages(view) };
  }

  /**
   * Posts the window for `slot`. With nothing new, a scheduled slot is recorded as skipped; `/digest now`
   * records nothing, so the scheduled post still happens when articles arrive.
   */
  async post(schedule: Schedule, slot: Date, trigger: SlotTrigger, now: Date): Promise<PostOutcome> {
    const { store } = this.options;
    const slotKey = slot.toISOString();
    const window = this.window(schedule, now);
    const { answer, messages } = this.compose(schedule, slot, window);
    if (answer.items.length === 0) {
      if (trigger === 'schedule') store.recordSkipped({ scheduleId: schedule.id, slot: slotKey, trigger, since: window.since, cutoff: window.until }, now.toISOString());
      return { kind: 'empty', slot: slotKey, since: window.since };
    }
    const entry = store.recordIntended(
      {
        scheduleId: schedule.id,
        slot: slotKey,
        trigger,
        since: window.since,
        cutoff: window.until,
        articleCount: answer.items.length,
        messages,
        nonces: messages.map((_, part) => digestNonce(schedule, slotKey, part)),
      },
      now.toISOString(),
    );
    return this.deliver(schedule, entry);
  }

  /**
   * Sends every part not yet confirmed, recording each id as it arrives, then marks the slot sent. When
   * resuming after a crash, a part that may already have gone out is first looked for in the channel.
   */
  private async deliver(schedule: Schedule, entry: LedgerEntry, resuming = false): Promise<PostOutcome> {
    const { store, now } = this.options;
    const messageIds = [...entry.messageIds];
    let delivery: Delivery;
    try {
      delivery = this.options.deliveryFor(schedule);
    } catch (error) {
      return this.fail(schedule, entry, error instanceof DeliveryError ? error : new DeliveryError(true, String(error)));
    }
    for (const [part, message] of entry.messages.entries()) {
      if (messageIds[part]) continue;
      const nonce = entry.nonces[part] ?? digestNonce(schedule, entry.slot, part);
      try {
        const found = resuming && entry.attempts > 0 ? await delivery.findExisting(message) : null;
        if (!found) store.recordAttempt(schedule.id, entry.slot, now().toISOString());
        const id = found ?? (await sendWithRetry(delivery, message, nonce, this.options.retry ?? DEFAULT_RETRY));
        messageIds[part] = id;
        store.recordPartSent(schedule.id, entry.slot, part, id, now().toISOString());
      } catch (error) {
        return this.fail(schedule, entry, error instanceof DeliveryError ? error : new DeliveryError(false, String(error)));
      }
    }
    store.recordSent(schedule.id, entry.slot, now().toISOString());
    return { kind: 'sent', slot: entry.slot, messageIds: messageIds.filter((id): id is string => id !== null), articleCount: entry.articleCount };
  }

  private fail(schedule: Schedule, entry: LedgerEntry, failure: DeliveryError): PostOutcome {
    const at = this.options.now().toISOString();
    const { store } = this.options;
    if (failure.permanent) store.recordFailed(schedule.id, entry.slot, failure.reason, at);
    else store.recordRetryReason(schedule.id, entry.slot, failure.reason, at);
    store.markFailing(schedule.id, failure.reason, at);
    this.options.logger?.warn({ schedule: schedule.id, slot: entry.slot, reason: failure.reason }, 'digest post failed');
    return { kind: 'failed', slot: entry.slot, reason: failure.reason, permanent: failure.permanent };
  }
}
