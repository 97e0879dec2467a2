// Helpers for the SLA tests only (not exported from index.ts): Amman wall-time
// shorthands and fast-check generators of instants and working calendars.

import fc from 'fast-check';
import { ammanWallTime, ammanWallToUtc } from '../../shared/sla/ammanClock';
import type { PauseInterval } from '../../shared/sla/caseTimers';
import { WorkingCalendar, type WorkingCalendarInput } from '../../shared/sla/workingCalendar';

/** 'YYYY-MM-DD HH:MM' in Amman → epoch ms. */
export function amman(wall: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(wall);
  if (!m) throw new Error(`Bad wall time ${wall}`);
  return ammanWallToUtc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms → 'YYYY-MM-DD HH:MM Ddd' in Amman, readable in failure messages. */
export function showAmman(ms: number): string {
  const w = ammanWallTime(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][w.weekday];
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${day}`;
}

const MINUTE = 60_000;
/** 2020 through 2027: spans Jordan's last DST years and the switch to permanent UTC+3. */
export const PROPERTY_FROM_MS = Date.UTC(2020, 0, 1);
export const PROPERTY_TO_MS = Date.UTC(2028, 0, 1);

/** Whole-minute instants, the grain the platform records. */
export const wholeMinuteInstant = fc
  .integer({ min: PROPERTY_FROM_MS / MINUTE, max: PROPERTY_TO_MS / MINUTE })
  .map((m) => m * MINUTE);

const hhmm = (minuteOfDay: number): string => `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;

const hoursArb = fc
  .record({
    start: fc.integer({ min: 0, max: 14 * 4 }).map((q) => q * 15),
    length: fc.integer({ min: 1, max: 36 }).map((q) => q * 15),
    breakAt: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  })
  .map(({ start, length, breakAt }) => {
    const end = Math.min(start + length, 23 * 60 + 59);
    const breaks =
      breakAt !== undefined && end - start >= 60
        ? [{ start: hhmm(start + 15), end: hhmm(Math.min(end - 15, start + 15 + breakAt)) }].filter(
            (b) => b.start < b.end,
          )
        : [];
    return { start: hhmm(start), end: hhmm(end), breaks };
  });

const isoDate = fc
  .date({ min: new Date(Date.UTC(2019, 11, 1)), max: new Date(Date.UTC(2027, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const base = (i: number) => ({ id: `e${i}`, source: 'property test', name: { ar: 'اختبار', en: 'test' } });

const entryArb = fc.oneof(
  fc.record({
    kind: fc.constant('gregorianHoliday' as const),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    spanDays: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('hijriHoliday' as const),
    hijriMonth: fc.integer({ min: 1, max: 12 }),
    hijriDay: fc.integer({ min: 1, max: 29 }),
    spanDays: fc.integer({ min: 1, max: 5 }),
  }),
  hoursArb.map((h) => ({ kind: 'ramadanHours' as const, ...h })),
  fc.record({
    kind: fc.constant('closure' as const),
    period: fc.oneof(
      fc.record({ type: fc.constant('wholeDays' as const), date: isoDate, spanDays: fc.integer({ min: 1, max: 10 }) }),
      fc
        .record({ from: wholeMinuteInstant, minutes: fc.integer({ min: 1, max: 5 * 24 * 60 }) })
        .map(({ from, minutes }) => ({ type: 'interval' as const, fromMs: from, toMs: from + minutes * MINUTE })),
      fc.record({
        type: fc.constant('lateStart' as const),
        date: isoDate,
        startsAt: fc.integer({ min: 0, max: 23 * 60 + 59 }).map(hhmm),
      }),
      fc.record({
        type: fc.constant('earlyClose' as const),
        date: isoDate,
        endsAt: fc.integer({ min: 0, max: 23 * 60 + 59 }).map(hhmm),
      }),
    ),
  }),
);

/** Arbitrary valid calendars: odd weekends and hours, breaks, holidays, Ramadan hours, closures. */
export const calendarArb: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    weekendDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 5 }),
    workingHours: hoursArb,
    entries: fc.array(entryArb, { maxLength: 8 }),
  })
  .map((c): WorkingCalendarInput => ({
    ...c,
    entries: c.entries.map((e, i) => ({ ...base(i), ...e })),
  }))
  .map((c) => WorkingCalendar.parse(c));

/**
 * A case's stretches awaiting the citizen after `submittedAtMs`, in order and
 * apart, on whole minutes: none to five, from right at submission to days
 * later, each minutes to days long, the last one still open or not.
 * `lastChangeMs`: the last time the case entered or left the wait (the
 * submission if it never did), when the hub last stored its deadlines.
 */
export const pauseHistoryArb = (
  submittedAtMs: number,
): fc.Arbitrary<{ pauses: PauseInterval[]; open: boolean; lastChangeMs: number }> =>
  fc
    .record({
      stretches: fc.array(
        fc.record({
          runningMinutes: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 6 * 24 * 60 })),
          pausedMinutes: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 6 * 24 * 60 })),
        }),
        { maxLength: 5 },
      ),
      open: fc.boolean(),
    })
    .map(({ stretches, open }) => {
      const pauses: PauseInterval[] = [];
      let at = submittedAtMs;
      stretches.forEach(({ runningMinutes, pausedMinutes }, i) => {
        const fromMs = at + runningMinutes * MINUTE;
        const stillOpen = open && i === stretches.length - 1;
        const toMs = stillOpen ? Number.POSITIVE_INFINITY : fromMs + pausedMinutes * MINUTE;
        pauses.push({ fromMs, toMs });
        at = stillOpen ? fromMs : toMs;
      });
      return { pauses, open: open && stretches.length > 0, lastChangeMs: at };
    });
