/**
 * Decides and makes digest posts. On each tick, for each schedule: first finish any post left `intended`
 * by a crash or a transient failure (same messages, same nonces), then post the latest due slot if it has
 * no ledger row yet and is within the catch-up window. Only the latest slot is ever considered, so however
 * long the bot was down a schedule posts at most once on return. A post lists the articles new to its
 * schedule: stamped since the schedule was made and not listed by an earlier post (see store.listedArticles),
 * so an article indexed late is listed once, by the next post. A post that failed after some of its
 * messages went out is finished at the next slot, before that slot's own post.
 *
 * Before any message part is sent again (after a failure or a restart), and before a post is given up, the
 * channel is searched for it: Discord remembers a nonce only minutes, and webhook posts have none.
 *
 * Several processes may share one store (PostgreSQL). A slot is then worked on only under its claim
 * (store.claimSlot: a lease `digest:<schedule>:<slot>`, or `digest:<schedule>:follow` for a follow), whoever
 * holds it, independent of discord.js shards; a slot claimed elsewhere is left alone (idle) and, if its
 * holder dies, taken over when the claim expires. Before each send the claim is renewed and the ledger row
 * must still be `intended` (guarded in SQL), so a process that lost its claim mid-post sends nothing more.
 */
import type { Logger } from 'pino';
import { digestSince, listingKeys, type DigestAnswer } from '../answers/digest.js';
import { followAnswer, type FollowAnswer, type FollowTarget } from '../answers/follow.js';
import type { Catalog } from '../index/types.js';
import { digestView } from '../render/digest.js';
import { followView } from '../render/follow.js';
import type { View } from '../render/view.js';
import { ClaimLostError, DEFAULT_RETRY, DeliveryError, sendWithRetry, type Delivery, type Lookup, type RetryOptions, type Sighting } from './deliver.js';
import { digestMessages, type DigestMessage } from './messages.js';
import { digestNonce } from './nonce.js';
import { formatSlot, slotClock } from './slots.js';
import type { DigestStore, LedgerEntry, Schedule, SlotClaim, SlotTrigger } from './store.js';

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

export interface DigestWindow {
  /** What the post says it is new since (the previous post's cutoff). */
  since: string;
  /** The cutoff: articles stamped later wait for the next post. */
  until: string;
  /** How far back articles no post has listed are still taken. */
  lookbackFrom: string;
  /** listingKeys of what earlier posts listed. */
  already: ReadonlySet<string>;
}

export interface Composed {
  answer: DigestAnswer;
  view: View;
  messages: DigestMessage[];
}

const asDeliveryError = (error: unknown, permanent = false): DeliveryError =>
  error instanceof DeliveryError ? error : new DeliveryError(permanent, String(error));

/** A person follow reads at most this many new articles' quotes per pass, so a backlog never blocks the event loop long. */
const FOLLOW_CHECKS_PER_PASS = 500;
/** A follow whose channel refuses is tried again after this long. */
const FOLLOW_RETRY_MS = 15 * 60_000;

/** What a pass says about a slot another process holds. */
const CLAIMED_ELSEWHERE: PostOutcome & { kind: 'idle' } = { kind: 'idle', reason: 'another process is posting this slot' };

const INTERRUPTED =
  'A post interrupted by a restart could not be finished within the catch-up window; its articles go into the next post.';

/** Slots at or before this instant (ms) are never posted: the schedule did not exist, or not with this timing, or was paused. */
export function slotsStart(schedule: Schedule): number {
  const created = Date.parse(schedule.createdAt);
  return schedule.slotsFrom === null ? created : Math.max(created, Date.parse(schedule.slotsFrom));
}

export class DigestRunner {
  /** Ticks and `/digest now` run one at a time, so a slot is never worked on twice at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RunnerOptions) {}

  /** Per follow, listingKeys of articles found not to match (in memory: after a restart each is looked at once more). */
  private readonly rejected = new Map<number, Set<string>>();
  /** Per follow whose channel refused, when to try again (a follow has no slots to wait for). */
  private readonly retryAt = new Map<number, number>();

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
      for (const schedule of await this.options.store.schedules()) {
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
    if (schedule.pausedAt !== null) return { kind: 'idle', reason: 'paused' };
    if (schedule.kind === 'follow') return this.runFollow(schedule);
    const now = this.options.now();
    const pending = await this.finishInterrupted(schedule, now);
    if (pending) return pending;
    const slot = slotClock(schedule.pattern, schedule.timezone).latest(now);
    if (!slot || slot.getTime() <= slotsStart(schedule)) return { kind: 'idle', reason: 'no slot since the schedule was made, edited or resumed' };
    if (now.getTime() - slot.getTime() > this.options.catchupMs) return { kind: 'idle', reason: 'last slot is past the catch-up window' };
    if (await this.options.store.entry(schedule.id, slot.toISOString())) return { kind: 'idle', reason: 'slot already done' };
    return this.post(schedule, slot, 'schedule', now);
  }

  /** Runs `work` under the claim of a slot; CLAIMED_ELSEWHERE while another process holds it. */
  private async claimed(scheduleId: number, key: string, work: (claim: SlotClaim) => Promise<PostOutcome>): Promise<PostOutcome> {
    const claim = await this.options.store.claimSlot(scheduleId, key);
    if (!claim) return CLAIMED_ELSEWHERE;
    try {
      return await work(claim);
    } finally {
      await claim.release();
    }
  }

  /**
   * Finishes posts found `intended`; returns an outcome if one is still pending (so no newer post overtakes
   * it). A post none of whose parts is known to have gone out is given up once its slot is past the
   * catch-up window (its articles go into the next post), but only after the channel shows that its first
   * part is not there: if it is, the post is finished instead, so its articles are not listed twice.
   */
  private async finishInterrupted(schedule: Schedule, now: Date): Promise<PostOutcome | null> {
    for (const found of await this.options.store.unfinished(schedule.id)) {
      const outcome = await this.claimed(schedule.id, found.slot, (claim) => this.finishOne(schedule, found.slot, now, claim));
      // Pending here or elsewhere: no newer post overtakes it.
      if (outcome === CLAIMED_ELSEWHERE || (outcome.kind === 'failed' && !outcome.permanent)) return outcome;
    }
    return null;
  }

  /** Finishes one interrupted post under its claim (read again: another process may have finished it meanwhile). */
  private async finishOne(schedule: Schedule, slot: string, now: Date, claim: SlotClaim): Promise<PostOutcome> {
    const { store } = this.options;
    const entry = await store.entry(schedule.id, slot);
    if (entry?.state !== 'intended') return { kind: 'idle', reason: 'finished by another process' };
    const begun = entry.messageIds.some((id) => id !== null);
    if (!begun && now.getTime() - Date.parse(entry.slot) > this.options.catchupMs) {
      const settled = await this.settleExpired(schedule, entry);
      if (settled === null) return { kind: 'failed', slot, reason: INTERRUPTED, permanent: true };
      if (settled.kind === 'failed') return settled;
    }
    return this.deliver(schedule, (await store.entry(schedule.id, slot)) ?? entry, false, claim);
  }

  /**
   * An expired post with no part recorded. Returns null when it was given up (marked failed), a failure
   * when the channel could not be checked, or `idle` when its first part was found and recorded (the
   * caller then finishes the post).
   */
  private async settleExpired(schedule: Schedule, entry: LedgerEntry): Promise<PostOutcome | null> {
    const { store, now } = this.options;
    const [first] = entry.messages;
    // attempts is counted before each request goes out: with none, nothing of this post can be in the channel.
    if (first && entry.attempts > 0) {
      const delivery = this.deliveryOf(schedule);
      if (delivery instanceof DeliveryError) return this.fail(schedule, entry, delivery);
      let sighting: Sighting;
      try {
        sighting = await delivery.findExisting(first, this.lookup(schedule, entry, 0));
      } catch (error) {
        return this.fail(schedule, entry, asDeliveryError(error));
      }
      if (sighting.kind === 'found') {
        await store.recordPartSent(schedule.id, entry.slot, 0, sighting.id, now().toISOString());
        return { kind: 'idle', reason: 'finishing a post found in the channel' };
      }
    }
    await store.recordFailed(schedule.id, entry.slot, INTERRUPTED, now().toISOString());
    return null;
  }

  /** Sends the remaining parts of posts that failed after some parts went out; the last failure, if any. */
  private async finishPartlySent(schedule: Schedule): Promise<PostOutcome | null> {
    const { store, now } = this.options;
    let failed: PostOutcome | null = null;
    for (const partial of await store.partlySent(schedule.id)) {
      const outcome = await this.claimed(schedule.id, partial.slot, async (claim) => {
        if ((await store.entry(schedule.id, partial.slot))?.state !== 'failed') return { kind: 'idle', reason: 'finished by another process' };
        return this.deliver(schedule, await store.reopen(schedule.id, partial.slot, now().toISOString()), false, claim);
      });
      if (outcome === CLAIMED_ELSEWHERE) return { kind: 'failed', slot: partial.slot, reason: CLAIMED_ELSEWHERE.reason, permanent: false };
      if (outcome.kind === 'failed') failed = outcome;
      if (outcome.kind === 'failed' && !outcome.permanent) break;
    }
    return failed;
  }

  /**
   * A follow: finishes what an earlier post left, then posts the new articles that match and that no post
   * of this follow listed. The post's slot is the instant it is made, so each post has its own ledger row
   * and nonces; each article is listed by one post, as in digests.
   */
  private async runFollow(schedule: Schedule): Promise<PostOutcome> {
    const now = this.options.now();
    if (now.getTime() < (this.retryAt.get(schedule.id) ?? 0)) return { kind: 'idle', reason: 'the channel refused; retried later' };
    // A follow's slots are the instants its posts are made, so processes would never meet on one: the follow is claimed whole.
    return this.claimed(schedule.id, 'follow', (claim) => this.followPass(schedule, now, claim));
  }

  private async followPass(schedule: Schedule, now: Date, claim: SlotClaim): Promise<PostOutcome> {
    const { store } = this.options;
    const pending = (await this.finishInterrupted(schedule, now)) ?? (await this.finishPartlySent(schedule));
    if (pending === CLAIMED_ELSEWHERE) return pending;
    if (pending?.kind === 'failed') return this.afterFollowPost(schedule, pending, now);
    const { answer, messages } = await this.composeFollow(schedule);
    const slot = now.toISOString();
    if (answer.items.length === 0 || (await store.entry(schedule.id, slot))) return { kind: 'idle', reason: 'nothing new matches' };
    const entry = await store.recordIntended(
      {
        scheduleId: schedule.id,
        slot,
        trigger: 'schedule',
        since: schedule.createdAt,
        cutoff: slot,
        articleCount: answer.items.length,
        messages,
        nonces: messages.map((_, part) => digestNonce(schedule, slot, part)),
        articles: answer.listed,
      },
      slot,
    );
    return this.afterFollowPost(schedule, await this.deliver(schedule, entry, true, claim), now);
  }

  private afterFollowPost(schedule: Schedule, outcome: PostOutcome, now: Date): PostOutcome {
    if (outcome.kind === 'failed' && outcome.permanent) this.retryAt.set(schedule.id, now.getTime() + FOLLOW_RETRY_MS);
    else this.retryAt.delete(schedule.id);
    return outcome;
  }

  /** The next post of a follow, exactly as it would be sent. */
  async composeFollow(schedule: Schedule): Promise<{ answer: FollowAnswer; messages: DigestMessage[] }> {
    const listed = await this.options.store.listedArticles(schedule.id);
    const rejected = this.rejected.get(schedule.id) ?? new Set<string>();
    this.rejected.set(schedule.id, rejected);
    const target: FollowTarget = schedule.person !== null ? { kind: 'person', name: schedule.person } : { kind: 'topic', query: schedule.filter ?? '' };
    const answer = followAnswer(this.options.catalog(), target, {
      since: schedule.createdAt,
      skip: (key) => listed.has(key) || rejected.has(key),
      max: schedule.max,
      budget: FOLLOW_CHECKS_PER_PASS,
    });
    for (const article of answer.rejected) for (const key of listingKeys(article)) rejected.add(key);
    return { answer, messages: digestMessages(followView(answer, `Newsdesk follow #${schedule.id} · ${answer.target}`)) };
  }

  /** Drops what is kept in memory for a removed follow. */
  forget(scheduleId: number): void {
    this.rejected.delete(scheduleId);
    this.retryAt.delete(scheduleId);
  }

  /**
   * The window of the next post: new since the previous post's cutoff (or the schedule's creation) until
   * now, looking back to the schedule's creation for articles no post has listed yet.
   */
  async window(schedule: Schedule, now: Date): Promise<DigestWindow> {
    const { store } = this.options;
    const untracked = await store.untrackedUntil(schedule.id);
    return {
      since: (await store.coveredUntil(schedule.id)) ?? schedule.createdAt,
      until: now.toISOString(),
      lookbackFrom: untracked !== null && Date.parse(untracked) > Date.parse(schedule.createdAt) ? untracked : schedule.createdAt,
      already: await store.listedArticles(schedule.id),
    };
  }

  /** The post for `slot` covering the window, exactly as it would be sent. */
  compose(schedule: Schedule, slot: Date, window: DigestWindow): Composed {
    const answer = digestSince(this.options.catalog(), {
      ...window,
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
   * Posts the window for `slot`, after finishing any post that failed part way. With nothing new, a
   * scheduled slot is recorded as skipped; `/digest now` records nothing, so the scheduled post still
   * happens when articles arrive.
   */
  post(schedule: Schedule, slot: Date, trigger: SlotTrigger, now: Date): Promise<PostOutcome> {
    const slotKey = slot.toISOString();
    return this.claimed(schedule.id, slotKey, async (claim) => {
      // Read again under the claim: another process may have posted it since this one looked.
      if (await this.options.store.entry(schedule.id, slotKey)) return { kind: 'idle', reason: 'slot already done' };
      return this.postClaimed(schedule, slot, trigger, now, claim);
    });
  }

  private async postClaimed(schedule: Schedule, slot: Date, trigger: SlotTrigger, now: Date, claim: SlotClaim): Promise<PostOutcome> {
    const { store } = this.options;
    const unfinished = await this.finishPartlySent(schedule);
    if (unfinished?.kind === 'failed' && !unfinished.permanent) return unfinished;
    const slotKey = slot.toISOString();
    const window = await this.window(schedule, now);
    const { answer, messages } = this.compose(schedule, slot, window);
    if (answer.items.length === 0) {
      if (trigger === 'schedule') await store.recordSkipped({ scheduleId: schedule.id, slot: slotKey, trigger, since: window.since, cutoff: window.until }, now.toISOString());
      return { kind: 'empty', slot: slotKey, since: window.since };
    }
    const entry = await store.recordIntended(
      {
        scheduleId: schedule.id,
        slot: slotKey,
        trigger,
        since: window.since,
        cutoff: window.until,
        articleCount: answer.items.length,
        messages,
        nonces: messages.map((_, part) => digestNonce(schedule, slotKey, part)),
        articles: answer.listed,
      },
      now.toISOString(),
    );
    return this.deliver(schedule, entry, true, claim);
  }

  /** The schedule's delivery, or why there is none (a webhook URL that no longer parses is permanent). */
  private deliveryOf(schedule: Schedule): Delivery | DeliveryError {
    try {
      return this.options.deliveryFor(schedule);
    } catch (error) {
      return asDeliveryError(error, true);
    }
  }

  private lookup(schedule: Schedule, entry: LedgerEntry, part: number): Lookup {
    return { nonce: entry.nonces[part] ?? digestNonce(schedule, entry.slot, part), since: entry.createdAt };
  }

  /**
   * Sends every part not yet confirmed, in order, recording each id as it arrives, then marks the slot
   * sent. `fresh`: the entry was just recorded and nothing of it was tried; otherwise every part not
   * recorded may have gone out, and is looked for in the channel before it is sent.
   */
  private async deliver(schedule: Schedule, entry: LedgerEntry, fresh: boolean, claim: SlotClaim): Promise<PostOutcome> {
    const { store, now, logger } = this.options;
    const messageIds = [...entry.messageIds];
    const delivery = this.deliveryOf(schedule);
    if (delivery instanceof DeliveryError) return this.fail(schedule, entry, delivery);
    for (const [part, message] of entry.messages.entries()) {
      if (messageIds[part]) continue;
      try {
        const id = await sendWithRetry(delivery, message, {
          ...this.lookup(schedule, entry, part),
          mayExist: !fresh,
          retry: this.options.retry ?? DEFAULT_RETRY,
          beforeSend: async () => {
            if (!(await claim.stillHeld()) || !(await store.recordAttempt(schedule.id, entry.slot, now().toISOString()))) throw new ClaimLostError(entry.slot);
          },
          onBlindResend: (why) =>
            logger?.warn({ schedule: schedule.id, slot: entry.slot, part, why }, 'digest part resent without a look at the channel: it may appear twice'),
        });
        messageIds[part] = id;
        await store.recordPartSent(schedule.id, entry.slot, part, id, now().toISOString());
      } catch (error) {
        if (error instanceof ClaimLostError) {
          logger?.warn({ schedule: schedule.id, slot: entry.slot }, 'digest slot taken over by another process; this one stops posting it');
          return CLAIMED_ELSEWHERE;
        }
        return this.fail(schedule, entry, asDeliveryError(error));
      }
    }
    await store.recordSent(schedule.id, entry.slot, now().toISOString());
    return { kind: 'sent', slot: entry.slot, messageIds: messageIds.filter((id): id is string => id !== null), articleCount: entry.articleCount };
  }

  private async fail(schedule: Schedule, entry: LedgerEntry, failure: DeliveryError): Promise<PostOutcome> {
    const at = this.options.now().toISOString();
    const { store } = this.options;
    if (failure.permanent) await store.recordFailed(schedule.id, entry.slot, failure.reason, at);
    else await store.recordRetryReason(schedule.id, entry.slot, failure.reason, at);
    await store.markFailing(schedule.id, failure.reason, at);
    this.options.logger?.warn({ schedule: schedule.id, slot: entry.slot, reason: failure.reason }, 'digest post failed');
    return { kind: 'failed', slot: entry.slot, reason: failure.reason, permanent: failure.permanent };
  }
}
