/**
 * When a digest is due. A schedule's cadence and time become a 5-part cron pattern that croner evaluates
 * in the schedule's IANA timezone, so "daily at 09:00 Europe/Berlin" stays at 09:00 local across
 * daylight-saving changes. Nothing here reads the clock: callers pass `now`.
 */
import { Cron } from 'croner';
import { DigestInputError } from './errors.js';

export type Cadence =
  | { kind: 'daily' }
  /** Monday to Friday at the time. */
  | { kind: 'weekdays' }
  /** day: 0 = Sunday … 6 = Saturday. */
  | { kind: 'weekly'; day: number }
  | { kind: 'hourly' }
  | { kind: 'cron'; expression: string };

export interface Timing {
  cadence: Cadence;
  /** "HH:MM" in the schedule's timezone (hourly uses only the minutes; a cron expression ignores it). */
  time: string;
  timezone: string;
}

/** A cron cadence may not run more often than this: a digest is a summary, not a feed. */
export const MIN_INTERVAL_MINUTES = 15;

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const CADENCE_HELP =
  'use daily, weekdays, hourly, weekly (optionally with a day, e.g. "weekly fri"), or a 5-field cron expression such as "0 9 * * 1-5"';

export function parseTime(text: string): { hour: number; minute: number } {
  const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    throw new DigestInputError('time', `"${text}" is not a time of day: use 24-hour HH:MM, e.g. 09:00 or 18:30.`);
  }
  return { hour, minute };
}

/** The canonical IANA name of a timezone, or an error suggesting close names. */
export function parseTimezone(text: string): string {
  const wanted = text.trim();
  try {
    if (wanted !== '') {
      const canonical = new Intl.DateTimeFormat('en-US', { timeZone: wanted }).resolvedOptions().timeZone;
      // Fixed offsets such as "+01:00" are not IANA zones and do not follow daylight saving.
      if (/^(UTC|Etc\/|[A-Za-z_]+\/)/.test(canonical)) return canonical;
    }
  } catch {
    // Unknown zone: fall through to suggestions.
  }
  const close = closeTimezones(wanted);
  const hint = close.length > 0 ? ` Did you mean ${close.join(', ')}?` : '';
  throw new DigestInputError(
    'timezone',
    `"${text}" is not an IANA timezone: use a name such as Europe/Berlin, America/New_York or UTC.${hint}`,
  );
}

/** Timezones whose name contains what was typed, or differs from it by a few letters. */
export function closeTimezones(typed: string, limit = 3): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (needle === '') return [];
  const zones = Intl.supportedValuesOf('timeZone');
  const containing = zones.filter((zone) => zone.toLowerCase().includes(needle));
  if (containing.length > 0) return containing.slice(0, limit);
  return zones
    .map((zone) => ({ zone, distance: editDistance(needle, zone.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(needle.length / 4)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map(({ zone }) => zone);
}

/** Timezones for autocomplete: those containing the typed text, shortest first. */
export function suggestTimezones(typed: string, limit: number): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  return Intl.supportedValuesOf('timeZone')
    .filter((zone) => zone.toLowerCase().includes(needle))
    .sort((a, b) => Number(!a.toLowerCase().startsWith(needle)) - Number(!b.toLowerCase().startsWith(needle)))
    .slice(0, limit);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function parseCadence(text: string | undefined): Cadence {
  const value = (text ?? '').trim().replace(/\s+/g, ' ');
  const lower = value.toLowerCase();
  if (lower === '' || lower === 'daily') return { kind: 'daily' };
  if (lower === 'hourly') return { kind: 'hourly' };
  if (lower === 'weekdays') return { kind: 'weekdays' };
  const weekly = /^(?:weekly|every)?\s*(?:on\s+)?([a-z]+)?$/.exec(lower);
  if (weekly && (lower.startsWith('weekly') || weekly[1] !== undefined)) {
    const name = weekly[1];
    if (name === undefined || name === 'weekly') return { kind: 'weekly', day: 1 };
    const day = DAYS.findIndex((full) => name.length >= 3 && full.startsWith(name));
    if (day >= 0) return { kind: 'weekly', day };
    if (lower.startsWith('weekly')) {
      throw new DigestInputError('cadence', `"${value}": the day must be a weekday name such as mon or friday.`);
    }
  }
  if (value.startsWith('@') || value.split(' ').length === 5) return { kind: 'cron', expression: value };
  throw new DigestInputError('cadence', `"${value}" is not a cadence: ${CADENCE_HELP}.`);
}

/** The cron pattern a timing runs on (validated: a cron cadence that is malformed or too frequent is refused). */
export function timingPattern(timing: Timing): string {
  const { cadence } = timing;
  if (cadence.kind === 'cron') {
    validateCron(cadence.expression, timing.timezone);
    return cadence.expression;
  }
  const { hour, minute } = parseTime(timing.time);
  if (cadence.kind === 'hourly') return `${minute} * * * *`;
  if (cadence.kind === 'weekly') return `${minute} ${hour} * * ${cadence.day}`;
  if (cadence.kind === 'weekdays') return `${minute} ${hour} * * 1-5`;
  return `${minute} ${hour} * * *`;
}

function validateCron(expression: string, timezone: string): void {
  let runs: Date[];
  try {
    runs = cronOf(expression, timezone).nextRuns(200, new Date(Date.UTC(2030, 0, 1)));
  } catch (error) {
    const detail = (error as Error).message.replace(/^Cron\w*:\s*/, '');
    throw new DigestInputError('cadence', `"${expression}" is not a valid cron expression (${detail}); ${CADENCE_HELP}.`);
  }
  if (runs.length === 0) throw new DigestInputError('cadence', `"${expression}" never runs; ${CADENCE_HELP}.`);
  for (let index = 1; index < runs.length; index++) {
    const gapMinutes = ((runs[index]?.getTime() ?? 0) - (runs[index - 1]?.getTime() ?? 0)) / 60_000;
    if (gapMinutes < MIN_INTERVAL_MINUTES) {
      throw new DigestInputError(
        'cadence',
        `"${expression}" runs every ${gapMinutes} minute${gapMinutes === 1 ? '' : 's'}; digests may run at most every ${MIN_INTERVAL_MINUTES} minutes.`,
      );
    }
  }
}

function cronOf(pattern: string, timezone: string): Cron {
  // No callback: croner only evaluates the pattern and never starts a timer.
  return new Cron(pattern, { timezone, mode: '5-part' });
}

/** Slot arithmetic for one stored pattern and timezone. */
export interface SlotClock {
  /** The latest slot at or before `now`, or null if there is none. */
  latest(now: Date): Date | null;
  /** The first slot strictly after `now`, or null if the pattern never runs again. */
  next(now: Date): Date | null;
}

export function slotClock(pattern: string, timezone: string): SlotClock {
  const cron = cronOf(pattern, timezone);
  return {
    // croner's previousRuns excludes the reference instant itself; a millisecond later includes it.
    latest: (now) => cron.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null,
    next: (now) => cron.nextRun(now),
  };
}

/** "daily at 09:00", "weekly on Friday at 18:30", "hourly at :15", "cron 0 9 * * 1-5" — with the timezone. */
export function describeTiming(timing: Timing): string {
  const { cadence, time, timezone } = timing;
  const when =
    cadence.kind === 'cron'
      ? `cron \`${cadence.expression}\``
      : cadence.kind === 'hourly'
        ? `hourly at :${time.slice(-2)}`
        : cadence.kind === 'weekly'
          ? `weekly on ${capitalise(DAYS[cadence.day] ?? 'monday')} at ${time}`
          : cadence.kind === 'weekdays'
            ? `weekdays at ${time}`
            : `daily at ${time}`;
  return `${when} (${timezone})`;
}

/** The stored label of a cadence, read back by parseCadence. */
export function cadenceLabel(cadence: Cadence): string {
  if (cadence.kind === 'weekly') return `weekly ${DAYS[cadence.day]?.slice(0, 3) ?? 'mon'}`;
  if (cadence.kind === 'cron') return cadence.expression;
  return cadence.kind;
}

/** A slot as people read it in the schedule's timezone, e.g. "Mon 30 Mar 2026, 09:00". */
export function formatSlot(slot: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(slot)
    .replace(/^(\p{L}+),/u, '$1');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
