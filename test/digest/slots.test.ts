import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestInputError } from '../../src/digest/errors.js';
import {
  cadenceLabel,
  describeTiming,
  parseCadence,
  parseTime,
  parseTimezone,
  slotClock,
  suggestTimezones,
  timingPattern,
  type Timing,
} from '../../src/digest/slots.js';

const pattern = (timing: Timing) => timingPattern(timing);
const inputError = (run: () => unknown): DigestInputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DigestInputError) return error;
    throw error;
  }
  throw new Error('expected a DigestInputError');
};

describe('parseTime', () => {
  it('accepts every 24-hour HH:MM and reads it back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hour, minute) => {
        const text = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        expect(parseTime(text)).toEqual({ hour, minute });
      }),
    );
  });

  it('refuses anything else, naming the time option', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (text) => {
        fc.pre(!/^\s*([01]?\d|2[0-3]):[0-5]\d\s*$/.test(text));
        const error = inputError(() => parseTime(text));
        expect(error.option).toBe('time');
        expect(error.message).toMatch(/HH:MM/);
      }),
    );
    expect(inputError(() => parseTime('24:00')).option).toBe('time');
    expect(inputError(() => parseTime('9am')).option).toBe('time');
  });
});

describe('parseTimezone', () => {
  it('returns the canonical IANA name', () => {
    expect(parseTimezone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(parseTimezone(' america/new_york ')).toBe('America/New_York');
    expect(parseTimezone('UTC')).toBe('UTC');
  });

  it('refuses unknown zones and offsets with suggestions', () => {
    const typo = inputError(() => parseTimezone('Europe/Berln'));
    expect(typo.option).toBe('timezone');
    expect(typo.message).toContain('Europe/Berlin');
    expect(inputError(() => parseTimezone('+01:00')).option).toBe('timezone');
    expect(inputError(() => parseTimezone('')).option).toBe('timezone');
    expect(inputError(() => parseTimezone('Mars/Olympus')).message).toMatch(/IANA/);
  });

  it('suggests zones for autocomplete', () => {
    const zones = suggestTimezones('berl', 25);
    expect(zones).toContain('Europe/Berlin');
    expect(suggestTimezones('', 25)).toHaveLength(25);
  });
});

describe('parseCadence and patterns', () => {
  const at = (cadence: string | undefined, time = '09:30', timezone = 'UTC') => pattern({ cadence: parseCadence(cadence), time, timezone });

  it('turns each cadence into a cron pattern', () => {
    expect(at(undefined)).toBe('30 9 * * *');
    expect(at('daily')).toBe('30 9 * * *');
    expect(at('hourly')).toBe('30 * * * *');
    expect(at('weekly')).toBe('30 9 * * 1');
    expect(at('weekly fri')).toBe('30 9 * * 5');
    expect(at('Sunday')).toBe('30 9 * * 0');
    expect(at('weekdays')).toBe('30 9 * * 1-5');
    expect(at('0 7 * * 1-5')).toBe('0 7 * * 1-5');
    expect(at('@daily')).toBe('@daily');
  });

  it('round-trips the stored label', () => {
    for (const text of ['daily', 'hourly', 'weekly thu', 'weekdays', '15 6 1 * *']) {
      const cadence = parseCadence(text);
      expect(parseCadence(cadenceLabel(cadence))).toEqual(cadence);
    }
  });

  it('refuses malformed, never-running and too frequent cron expressions, naming the cadence option', () => {
    expect(inputError(() => parseCadence('fortnightly')).option).toBe('cadence');
    expect(inputError(() => parseCadence('weekly someday')).message).toMatch(/weekday name/);
    expect(inputError(() => at('61 * * * *')).message).toMatch(/not a valid cron expression/);
    expect(inputError(() => at('* * * * *')).message).toMatch(/runs every 1 minute/);
    expect(inputError(() => at('*/5 * * * *')).message).toMatch(/at most every 15 minutes/);
    expect(inputError(() => at('0 0 31 2 *')).message).toMatch(/never runs/);
    expect(at('*/15 * * * *')).toBe('*/15 * * * *');
  });

  it('describes a timing in words', () => {
    expect(describeTiming({ cadence: parseCadence('weekly fri'), time: '18:00', timezone: 'Europe/Berlin' })).toBe(
      'weekly on Friday at 18:00 (Europe/Berlin)',
    );
    expect(describeTiming({ cadence: parseCadence('hourly'), time: '07:05', timezone: 'UTC' })).toBe('hourly at :05 (UTC)');
  });
});

describe('slotClock', () => {
  it('includes a slot exactly at now as the latest, and the next is strictly after', () => {
    const slots = slotClock('0 9 * * *', 'UTC');
    const nine = new Date('2026-05-04T09:00:00.000Z');
    expect(slots.latest(nine)?.toISOString()).toBe('2026-05-04T09:00:00.000Z');
    expect(slots.latest(new Date(nine.getTime() - 1))?.toISOString()).toBe('2026-05-03T09:00:00.000Z');
    expect(slots.next(nine)?.toISOString()).toBe('2026-05-05T09:00:00.000Z');
  });

  it('keeps 09:00 local in New York across the March change (14:00 UTC, then 13:00 UTC)', () => {
    const slots = slotClock(pattern({ cadence: parseCadence('daily'), time: '09:00', timezone: 'America/New_York' }), 'America/New_York');
    expect(slots.next(new Date('2026-03-07T12:00:00Z'))?.toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(slots.next(new Date('2026-03-07T14:00:00Z'))?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(slots.latest(new Date('2026-03-08T13:30:00Z'))?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('posts once on the Berlin days when 02:30 does not exist or happens twice', () => {
    const slots = slotClock(pattern({ cadence: parseCadence('daily'), time: '02:30', timezone: 'Europe/Berlin' }), 'Europe/Berlin');
    // Spring forward (29 March 2026): 02:30 never happens; the slot is the first minute after the gap.
    expect(slots.next(new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(slots.latest(new Date('2026-03-29T01:00:00Z'))?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // Fall back (25 October 2026): 02:30 happens twice; only the first counts.
    const runs: string[] = [];
    let at = new Date('2026-10-24T12:00:00Z');
    for (let index = 0; index < 3; index++) {
      const next = slots.next(at);
      if (!next) break;
      runs.push(next.toISOString());
      at = next;
    }
    expect(runs).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
  });
});
