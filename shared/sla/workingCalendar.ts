import { z } from 'zod';
import { ammanEpochDay, ammanWallToUtc } from './ammanClock';
import {
  dateKeyToEpochDay,
  epochDayToKey,
  fromEpochDay,
  isValidCivilDate,
  parseTimeOfDay,
  toEpochDay,
  weekdayOfEpochDay,
} from './civilDate';
import { hijriEpochDaysInYear, hijriOfEpochDay, hijriToEpochDay } from './hijriDate';

// The working calendar is data an administrator edits: holidays and Ramadan
// hours are announced each year by circular, so every entry carries its source.
// All computation is in Asia/Amman wall time; instants are UTC epoch ms.

// ---------------------------------------------------------------- schemas ---

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeOfDay = z.string().regex(TIME_OF_DAY, 'Expected HH:MM (00:00–23:59)');
export const IsoDate = z.iso.date();

export const TimeRange = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .refine((r) => r.start < r.end, { message: 'start must be before end' });
export type TimeRange = z.infer<typeof TimeRange>;

function checkHours(
  hours: { start: string; end: string; breaks: readonly TimeRange[] },
  ctx: z.RefinementCtx,
  what: string,
): void {
  if (!(hours.start < hours.end)) ctx.addIssue({ code: 'custom', message: `${what}: start must be before end` });
  const breaks = [...hours.breaks].sort((a, b) => (a.start < b.start ? -1 : 1));
  breaks.forEach((b, i) => {
    if (b.start < hours.start || b.end > hours.end) {
      ctx.addIssue({ code: 'custom', message: `${what}: break ${b.start}–${b.end} lies outside working hours` });
    }
    const next = breaks[i + 1];
    if (next && next.start < b.end) ctx.addIssue({ code: 'custom', message: `${what}: breaks overlap` });
  });
}

export const WorkingHours = z
  .object({ start: TimeOfDay, end: TimeOfDay, breaks: z.array(TimeRange).default([]) })
  .superRefine((h, ctx) => checkHours(h, ctx, 'working hours'));
export type WorkingHours = z.infer<typeof WorkingHours>;

export const LocalizedName = z.object({ ar: z.string().min(1).max(200), en: z.string().min(1).max(200) });
export type LocalizedName = z.infer<typeof LocalizedName>;

const entryBase = {
  id: z.string().min(1).max(64),
  /** Where the entry comes from, e.g. "Prime Ministry circular 12/2026". */
  source: z.string().min(1).max(500),
  name: LocalizedName,
};

// 31 days keeps every span within the year it starts in or the next, which the year index relies on.
const SpanDays = z.int().min(1).max(31);

export const GregorianHoliday = z
  .object({
    kind: z.literal('gregorianHoliday'),
    ...entryBase,
    month: z.int().min(1).max(12),
    day: z.int().min(1).max(31),
    spanDays: SpanDays.default(1),
  })
  // 2000 is a leap year, so 29 February passes (and is skipped in other years).
  .refine((h) => isValidCivilDate(2000, h.month, h.day), { message: 'No such month and day' });
export type GregorianHoliday = z.infer<typeof GregorianHoliday>;

/** The dates a circular announced for one occurrence: replace the computed occurrence nearest them, and only that one. */
export const HijriHolidayOverride = z.object({
  startDate: IsoDate,
  spanDays: SpanDays,
  source: z.string().min(1).max(500).optional(),
});
export type HijriHolidayOverride = z.infer<typeof HijriHolidayOverride>;

export const HijriHoliday = z.object({
  kind: z.literal('hijriHoliday'),
  ...entryBase,
  hijriMonth: z.int().min(1).max(12),
  hijriDay: z.int().min(1).max(30),
  spanDays: SpanDays.default(1),
  overrides: z.array(HijriHolidayOverride).default([]),
});
export type HijriHoliday = z.infer<typeof HijriHoliday>;

export const RamadanHoursOverride = z
  .object({
    fromDate: IsoDate,
    toDate: IsoDate,
    start: TimeOfDay,
    end: TimeOfDay,
    breaks: z.array(TimeRange).default([]),
    source: z.string().min(1).max(500).optional(),
  })
  .superRefine((o, ctx) => {
    checkHours(o, ctx, 'Ramadan override');
    const days = dateKeyToEpochDay(o.toDate) - dateKeyToEpochDay(o.fromDate);
    if (days < 0 || days > 30) ctx.addIssue({ code: 'custom', message: 'Ramadan override must span 1–31 days' });
  });
export type RamadanHoursOverride = z.infer<typeof RamadanHoursOverride>;

/** Working hours on the days of Ramadan (Hijri month 9). */
export const RamadanHours = z
  .object({
    kind: z.literal('ramadanHours'),
    ...entryBase,
    start: TimeOfDay,
    end: TimeOfDay,
    breaks: z.array(TimeRange).default([]),
    overrides: z.array(RamadanHoursOverride).default([]),
  })
  .superRefine((r, ctx) => checkHours(r, ctx, 'Ramadan hours'));
export type RamadanHours = z.infer<typeof RamadanHours>;

export const ClosurePeriod = z.discriminatedUnion('type', [
  /** Whole days off, e.g. a snow day. */
  z.object({ type: z.literal('wholeDays'), date: IsoDate, spanDays: SpanDays.default(1) }),
  /** An exact stretch of time, e.g. a system outage or an evacuation. */
  z
    .object({ type: z.literal('interval'), fromMs: z.int(), toMs: z.int() })
    .refine((p) => p.fromMs < p.toMs, { message: 'fromMs must be before toMs' }),
  /** "Work starts at 10:00 on 2026-01-15." */
  z.object({ type: z.literal('lateStart'), date: IsoDate, startsAt: TimeOfDay }),
  /** "Offices close at 12:00 on the eve of the Eid." */
  z.object({ type: z.literal('earlyClose'), date: IsoDate, endsAt: TimeOfDay }),
]);
export type ClosurePeriod = z.infer<typeof ClosurePeriod>;

export const Closure = z.object({ kind: z.literal('closure'), ...entryBase, period: ClosurePeriod });
export type Closure = z.infer<typeof Closure>;

export const CalendarEntry = z.discriminatedUnion('kind', [GregorianHoliday, HijriHoliday, RamadanHours, Closure]);
export type CalendarEntry = z.infer<typeof CalendarEntry>;

export const WorkingCalendar = z
  .object({
    /** 0 = Sunday … 6 = Saturday. */
    weekendDays: z.array(z.int().min(0).max(6)).default([5, 6]),
    workingHours: WorkingHours,
    entries: z.array(CalendarEntry).default([]),
  })
  .superRefine((c, ctx) => {
    if (new Set(c.weekendDays).size !== c.weekendDays.length) {
      ctx.addIssue({ code: 'custom', path: ['weekendDays'], message: 'Duplicate weekend day' });
    }
    if (new Set(c.weekendDays).size >= 7) {
      ctx.addIssue({ code: 'custom', path: ['weekendDays'], message: 'A week needs at least one working day' });
    }
    const seen = new Set<string>();
    c.entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `Duplicate id ${e.id}` });
      seen.add(e.id);
    });
  });
/**
 * A calendar is a value: edit it by building a new object. Derived schedules
 * are cached per object, so mutating one in place leaves stale answers.
 */
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;
export type WorkingCalendarInput = z.input<typeof WorkingCalendar>;

// --------------------------------------------------------------- defaults ---

const LABOUR_LAW =
  'Labour Law No. 8 of 1996 (official holidays), dates confirmed by the annual Prime Ministry circular';
const HIJRI_SOURCE =
  'Labour Law No. 8 of 1996 (official holidays); dates per Umm al-Qura until the annual Prime Ministry circular is entered';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_JORDAN_CALENDAR: WorkingCalendar = deepFreeze({
  weekendDays: [5, 6],
  workingHours: { start: '08:00', end: '15:00', breaks: [] },
  entries: [
    {
      kind: 'gregorianHoliday',
      id: 'new-year',
      source: LABOUR_LAW,
      name: { ar: 'رأس السنة الميلادية', en: "New Year's Day" },
      month: 1,
      day: 1,
      spanDays: 1,
    },
    {
      kind: 'gregorianHoliday',
      id: 'labour-day',
      source: LABOUR_LAW,
      name: { ar: 'عيد العمال', en: 'Labour Day' },
      month: 5,
      day: 1,
      spanDays: 1,
    },
    {
      kind: 'gregorianHoliday',
      id: 'independence-day',
      source: LABOUR_LAW,
      name: { ar: 'عيد الاستقلال', en: 'Independence Day' },
      month: 5,
      day: 25,
      spanDays: 1,
    },
    {
      kind: 'gregorianHoliday',
      id: 'christmas',
      source: LABOUR_LAW,
      name: { ar: 'عيد الميلاد المجيد', en: 'Christmas Day' },
      month: 12,
      day: 25,
      spanDays: 1,
    },
    {
      kind: 'hijriHoliday',
      id: 'eid-al-fitr',
      source: HIJRI_SOURCE,
      name: { ar: 'عيد الفطر', en: 'Eid al-Fitr' },
      hijriMonth: 10,
      hijriDay: 1,
      spanDays: 3,
      overrides: [],
    },
    {
      kind: 'hijriHoliday',
      id: 'eid-al-adha',
      source: HIJRI_SOURCE,
      name: { ar: 'يوم عرفة وعيد الأضحى', en: 'Arafat Day and Eid al-Adha' },
      hijriMonth: 12,
      hijriDay: 9,
      spanDays: 5,
      overrides: [],
    },
    {
      kind: 'hijriHoliday',
      id: 'islamic-new-year',
      source: HIJRI_SOURCE,
      name: { ar: 'رأس السنة الهجرية', en: 'Islamic New Year' },
      hijriMonth: 1,
      hijriDay: 1,
      spanDays: 1,
      overrides: [],
    },
    {
      kind: 'hijriHoliday',
      id: 'prophets-birthday',
      source: HIJRI_SOURCE,
      name: { ar: 'المولد النبوي الشريف', en: "Prophet's Birthday" },
      hijriMonth: 3,
      hijriDay: 12,
      spanDays: 1,
      overrides: [],
    },
    {
      kind: 'hijriHoliday',
      id: 'isra-miraj',
      source: HIJRI_SOURCE,
      name: { ar: 'الإسراء والمعراج', en: "Isra and Mi'raj" },
      hijriMonth: 7,
      hijriDay: 27,
      spanDays: 1,
      overrides: [],
    },
    {
      kind: 'ramadanHours',
      id: 'ramadan-hours',
      source:
        'Civil Service regulation on official working hours; hours set by the annual Prime Ministry Ramadan circular',
      name: { ar: 'الدوام الرسمي في شهر رمضان', en: 'Ramadan working hours' },
      start: '09:00',
      end: '14:00',
      breaks: [],
      overrides: [],
    },
  ],
});

// ---------------------------------------------------------- day schedules ---

export interface WorkingSpan {
  /** Inclusive. */
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
}

export interface DaySchedule {
  /** Amman date, 'YYYY-MM-DD'. */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly weekend: boolean;
  /** Working time of the day, sorted and disjoint; empty on days off. */
  readonly spans: readonly WorkingSpan[];
  /** Calendar entries that shaped this day (holidays, Ramadan hours, closures), so the UI can say why. */
  readonly entryIds: readonly string[];
}

interface Hours {
  readonly start: number;
  readonly end: number;
  readonly breaks: readonly (readonly [number, number])[];
}

interface YearIndex {
  readonly off: Map<number, string[]>;
  readonly ramadan: Map<number, { hours: Hours; id: string }>;
}

interface Adjustment {
  lateStart?: number;
  earlyClose?: number;
  ids: string[];
}

interface Compiled {
  readonly weekend: readonly boolean[];
  readonly hours: Hours;
  readonly years: Map<number, YearIndex>;
  readonly days: Map<number, DaySchedule>;
  readonly intervals: readonly { fromMs: number; toMs: number; id: string }[];
  readonly adjustments: Map<number, Adjustment>;
}

function toHours(h: { start: string; end: string; breaks: readonly TimeRange[] }): Hours {
  return {
    start: parseTimeOfDay(h.start),
    end: parseTimeOfDay(h.end),
    breaks: h.breaks.map((b) => [parseTimeOfDay(b.start), parseTimeOfDay(b.end)] as const).sort((a, b) => a[0] - b[0]),
  };
}

const compiledCalendars = new WeakMap<WorkingCalendar, Compiled>();

function compile(calendar: WorkingCalendar): Compiled {
  let c = compiledCalendars.get(calendar);
  if (c) return c;
  const weekend = Array.from({ length: 7 }, (_, d) => calendar.weekendDays.includes(d));
  const intervals: { fromMs: number; toMs: number; id: string }[] = [];
  const adjustments = new Map<number, Adjustment>();
  for (const e of calendar.entries) {
    if (e.kind !== 'closure') continue;
    const p = e.period;
    if (p.type === 'interval') intervals.push({ fromMs: p.fromMs, toMs: p.toMs, id: e.id });
    if (p.type === 'lateStart' || p.type === 'earlyClose') {
      const day = dateKeyToEpochDay(p.date);
      const adj = adjustments.get(day) ?? { ids: [] };
      if (p.type === 'lateStart') adj.lateStart = Math.max(adj.lateStart ?? 0, parseTimeOfDay(p.startsAt));
      else adj.earlyClose = Math.min(adj.earlyClose ?? 24 * 60, parseTimeOfDay(p.endsAt));
      adj.ids.push(e.id);
      adjustments.set(day, adj);
    }
  }
  c = {
    weekend,
    hours: toHours(calendar.workingHours),
    years: new Map(),
    days: new Map(),
    intervals,
    adjustments,
  };
  compiledCalendars.set(calendar, c);
  return c;
}

interface Occurrence {
  readonly first: number;
  readonly last: number;
}

const spanOf = (first: number, spanDays: number): Occurrence => ({ first, last: first + spanDays - 1 });

/** How far either side of a year an announcement may lie and still be for an occurrence computed in that year. */
const ANNOUNCEMENT_REACH_DAYS = 31;

/**
 * The computed starts of a Hijri date in Gregorian year `year`, less those an
 * announcement replaces, and the announcements that start in `year`. An
 * announcement (a circular after the moon sighting) is for one occurrence:
 * the computed one nearest it, since a sighting moves a date by a day or two
 * and occurrences lie a Hijri year apart. A Hijri date can fall twice in one
 * Gregorian year (27 Rajab in January and December 2027): announcing one
 * leaves the other. Neighbouring years are computed too, so an announcement
 * across New Year replaces the occurrence it is for.
 */
function announcedInPlace<A>(
  year: number,
  computedIn: (gregorianYear: number) => number[],
  announcements: readonly A[],
  startOf: (announcement: A) => number,
): { computed: number[]; announced: A[] } {
  const from = toEpochDay(year, 1, 1);
  const to = toEpochDay(year + 1, 1, 1);
  const near = announcements.filter((a) => {
    const day = startOf(a);
    return day >= from - ANNOUNCEMENT_REACH_DAYS && day < to + ANNOUNCEMENT_REACH_DAYS;
  });
  const computed = near.length ? [year - 1, year, year + 1].flatMap(computedIn) : computedIn(year);
  const replaced = new Set<number>();
  for (const a of near) {
    const day = startOf(a);
    let nearest: number | null = null;
    for (const c of computed) if (nearest === null || Math.abs(c - day) < Math.abs(nearest - day)) nearest = c;
    if (nearest !== null) replaced.add(nearest);
  }
  return {
    computed: computed.filter((c) => c >= from && c < to && !replaced.has(c)),
    announced: near.filter((a) => startOf(a) >= from && startOf(a) < to),
  };
}

/** Holiday occurrences that start in Gregorian year `year`. */
function holidayOccurrences(entry: CalendarEntry, year: number): Occurrence[] {
  switch (entry.kind) {
    case 'gregorianHoliday':
      return isValidCivilDate(year, entry.month, entry.day)
        ? [spanOf(toEpochDay(year, entry.month, entry.day), entry.spanDays)]
        : [];
    case 'hijriHoliday': {
      const { computed, announced } = announcedInPlace(
        year,
        (y) => hijriEpochDaysInYear(y, entry.hijriMonth, entry.hijriDay),
        entry.overrides,
        (o) => dateKeyToEpochDay(o.startDate),
      );
      return [
        ...computed.map((d) => spanOf(d, entry.spanDays)),
        ...announced.map((o) => spanOf(dateKeyToEpochDay(o.startDate), o.spanDays)),
      ];
    }
    case 'closure':
      return entry.period.type === 'wholeDays' && entry.period.date.startsWith(`${year}-`)
        ? [spanOf(dateKeyToEpochDay(entry.period.date), entry.period.spanDays)]
        : [];
    case 'ramadanHours':
      return [];
  }
}

/** Ramadan stretches that start in Gregorian year `year`, with their hours. */
function ramadanOccurrences(entry: RamadanHours, year: number): (Occurrence & { hours: Hours })[] {
  const { computed, announced } = announcedInPlace(
    year,
    (y) => hijriEpochDaysInYear(y, 9, 1),
    entry.overrides,
    (o) => dateKeyToEpochDay(o.fromDate),
  );
  const hours = toHours(entry);
  return [
    ...computed.flatMap((first) => {
      const shawwal = hijriToEpochDay(hijriOfEpochDay(first).year, 10, 1);
      return shawwal === null ? [] : [{ first, last: shawwal - 1, hours }];
    }),
    ...announced.map((o) => ({
      first: dateKeyToEpochDay(o.fromDate),
      last: dateKeyToEpochDay(o.toDate),
      hours: toHours(o),
    })),
  ];
}

function yearIndex(c: Compiled, calendar: WorkingCalendar, year: number): YearIndex {
  let idx = c.years.get(year);
  if (idx) return idx;
  const off = new Map<number, string[]>();
  const ramadan = new Map<number, { hours: Hours; id: string }>();
  const from = toEpochDay(year, 1, 1);
  const to = toEpochDay(year + 1, 1, 1) - 1;
  // Spans are at most 31 days, so only last year's occurrences can spill into this one.
  for (const e of calendar.entries) {
    for (const y of [year - 1, year]) {
      if (e.kind === 'ramadanHours') {
        for (const o of ramadanOccurrences(e, y)) {
          for (let d = Math.max(o.first, from); d <= Math.min(o.last, to); d++) {
            // The first Ramadan entry that covers a day wins.
            if (!ramadan.has(d)) ramadan.set(d, { hours: o.hours, id: e.id });
          }
        }
        continue;
      }
      for (const o of holidayOccurrences(e, y)) {
        for (let d = Math.max(o.first, from); d <= Math.min(o.last, to); d++) {
          const ids = off.get(d);
          if (ids) {
            if (!ids.includes(e.id)) ids.push(e.id);
          } else off.set(d, [e.id]);
        }
      }
    }
  }
  idx = { off, ramadan };
  c.years.set(year, idx);
  return idx;
}

function buildDay(c: Compiled, calendar: WorkingCalendar, epochDay: number): DaySchedule {
  const { year, month, day } = fromEpochDay(epochDay);
  const weekday = weekdayOfEpochDay(epochDay);
  const weekend = c.weekend[weekday] ?? false;
  const idx = yearIndex(c, calendar, year);
  const offIds = idx.off.get(epochDay);
  const date = epochDayToKey(epochDay);
  if (weekend || offIds) return { date, weekday, weekend, spans: [], entryIds: offIds ?? [] };

  const entryIds: string[] = [];
  const ramadan = idx.ramadan.get(epochDay);
  const hours = ramadan?.hours ?? c.hours;
  if (ramadan) entryIds.push(ramadan.id);
  let start = hours.start;
  let end = hours.end;
  const adj = c.adjustments.get(epochDay);
  if (adj) {
    start = Math.max(start, adj.lateStart ?? start);
    end = Math.min(end, adj.earlyClose ?? end);
    entryIds.push(...adj.ids);
  }

  const minuteSpans: [number, number][] = [];
  let cursor = start;
  for (const [bStart, bEnd] of hours.breaks) {
    if (bStart > cursor) minuteSpans.push([cursor, Math.min(bStart, end)]);
    cursor = Math.max(cursor, bEnd);
  }
  minuteSpans.push([cursor, end]);

  const at = (minuteOfDay: number): number =>
    ammanWallToUtc(year, month, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  let spans: WorkingSpan[] = minuteSpans
    .map(([a, b]) => ({ startMs: at(a), endMs: at(b) }))
    // Hours that fall in a spring-forward gap shrink to nothing.
    .filter((s) => s.startMs < s.endMs);

  for (const gap of c.intervals) {
    if (!spans.some((s) => gap.fromMs < s.endMs && gap.toMs > s.startMs)) continue;
    entryIds.push(gap.id);
    spans = spans.flatMap((s) => {
      if (gap.toMs <= s.startMs || gap.fromMs >= s.endMs) return [s];
      const pieces: WorkingSpan[] = [];
      if (gap.fromMs > s.startMs) pieces.push({ startMs: s.startMs, endMs: gap.fromMs });
      if (gap.toMs < s.endMs) pieces.push({ startMs: gap.toMs, endMs: s.endMs });
      return pieces;
    });
  }
  return { date, weekday, weekend, spans, entryIds };
}

function scheduleOfEpochDay(c: Compiled, calendar: WorkingCalendar, epochDay: number): DaySchedule {
  let s = c.days.get(epochDay);
  if (!s) {
    s = buildDay(c, calendar, epochDay);
    c.days.set(epochDay, s);
  }
  return s;
}

/** The working schedule of one Amman date ('YYYY-MM-DD'). */
export function workingDaySchedule(calendar: WorkingCalendar, date: string): DaySchedule {
  return scheduleOfEpochDay(compile(calendar), calendar, dateKeyToEpochDay(date));
}

// ------------------------------------------------------------ arithmetic ---

const MS_PER_MINUTE = 60_000;
/** A calendar with no working time for ten years is a data error, not a long wait. */
const MAX_IDLE_DAYS = 3_660;

function assertInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a finite epoch ms: ${ms}`);
}

function noWorkingTime(fromMs: number): RangeError {
  return new RangeError(`No working time within ${MAX_IDLE_DAYS} days of ${new Date(fromMs).toISOString()}`);
}

export function isWorkingTime(calendar: WorkingCalendar, ms: number): boolean {
  assertInstant(ms, 'ms');
  const c = compile(calendar);
  return scheduleOfEpochDay(c, calendar, ammanEpochDay(ms)).spans.some((s) => s.startMs <= ms && ms < s.endMs);
}

/** `ms` itself when it is working time, else the start of the next working span. */
export function nextWorkingMoment(calendar: WorkingCalendar, ms: number): number {
  assertInstant(ms, 'ms');
  const c = compile(calendar);
  const firstDay = ammanEpochDay(ms);
  for (let day = firstDay; day <= firstDay + MAX_IDLE_DAYS; day++) {
    for (const s of scheduleOfEpochDay(c, calendar, day).spans) {
      if (s.endMs > ms) return Math.max(s.startMs, ms);
    }
  }
  throw noWorkingTime(ms);
}

/**
 * The instant by which `minutes` working minutes have passed since `startMs`.
 * A start in non-working time counts from the next working moment; the answer
 * is always the end of working time (e.g. 15:00 Thursday, not 08:00 Sunday).
 * Zero minutes returns `startMs` unchanged.
 */
export function addWorkingMinutes(calendar: WorkingCalendar, startMs: number, minutes: number): number {
  assertInstant(startMs, 'startMs');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  if (minutes === 0) return startMs;
  const c = compile(calendar);
  let remaining = minutes * MS_PER_MINUTE;
  let idleDays = 0;
  for (let day = ammanEpochDay(startMs); ; day++) {
    let worked = false;
    for (const s of scheduleOfEpochDay(c, calendar, day).spans) {
      if (s.endMs <= startMs) continue;
      worked = true;
      const from = Math.max(startMs, s.startMs);
      const available = s.endMs - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > MAX_IDLE_DAYS) throw noWorkingTime(startMs);
  }
}

/**
 * Working minutes in [aMs, bMs); negative when b is before a. Fractional when
 * the instants are not whole minutes.
 */
export function workingMinutesBetween(calendar: WorkingCalendar, aMs: number, bMs: number): number {
  assertInstant(aMs, 'aMs');
  assertInstant(bMs, 'bMs');
  if (bMs < aMs) return -workingMinutesBetween(calendar, bMs, aMs);
  const c = compile(calendar);
  let total = 0;
  const lastDay = ammanEpochDay(bMs);
  for (let day = ammanEpochDay(aMs); day <= lastDay; day++) {
    for (const s of scheduleOfEpochDay(c, calendar, day).spans) {
      const overlap = Math.min(bMs, s.endMs) - Math.max(aMs, s.startMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MS_PER_MINUTE;
}
