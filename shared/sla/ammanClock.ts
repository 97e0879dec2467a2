import { fromEpochDay, weekdayOfEpochDay } from './civilDate';

// Jordan moved to permanent UTC+3 in October 2022 but observed DST before,
// switching at local midnight. Offsets therefore come from the runtime's tz
// database through Intl, never from a constant, so old cases stay right.

export const AMMAN_TIME_ZONE = 'Asia/Amman';

export interface AmmanWallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

// Building a DateTimeFormat costs far more than using one: build it once, lazily,
// so that merely importing the module stays cheap.
let formatter: Intl.DateTimeFormat | undefined;
function ammanFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: AMMAN_TIME_ZONE,
    calendar: 'gregory',
    numberingSystem: 'latn',
    // 'h23', not hour12: false: some engines then print midnight as "24".
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

function offsetMinutesFromIntl(ms: number): number {
  const parts = ammanFormatter().formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Intl gave no ${type} for ${AMMAN_TIME_ZONE}`);
    return Number.parseInt(part.value, 10);
  };
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const secondFloor = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - secondFloor) / MS_PER_MINUTE);
}

// Every Amman transition since 1931 fell on a whole UTC hour (local midnight or
// 01:00 with whole-hour offsets), so one lookup per UTC hour is exact. The cache
// keeps formatToParts out of the hot path when timing a million cases.
const offsetByHour = new Map<number, number>();
const OFFSET_CACHE_LIMIT = 200_000;
const CACHE_FROM_MS = Date.UTC(1932, 0, 1);

/** Minutes to add to UTC to get Amman wall time at this instant (e.g. 180 for UTC+3). */
export function ammanOffsetMinutes(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${ms}`);
  if (ms < CACHE_FROM_MS) return offsetMinutesFromIntl(ms);
  const hour = Math.floor(ms / MS_PER_HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = offsetMinutesFromIntl(hour * MS_PER_HOUR);
    if (offsetByHour.size >= OFFSET_CACHE_LIMIT) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The Amman calendar date of an instant, as days since 1970-01-01. */
export function ammanEpochDay(ms: number): number {
  return Math.floor((ms + ammanOffsetMinutes(ms) * MS_PER_MINUTE) / MS_PER_DAY);
}

export function ammanWallTime(ms: number): AmmanWallTime {
  const local = ms + ammanOffsetMinutes(ms) * MS_PER_MINUTE;
  const epochDay = Math.floor(local / MS_PER_DAY);
  const minuteOfDay = Math.floor((local - epochDay * MS_PER_DAY) / MS_PER_MINUTE);
  const { year, month, day } = fromEpochDay(epochDay);
  return {
    year,
    month,
    day,
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    weekday: weekdayOfEpochDay(epochDay),
  };
}

/**
 * The first instant at which Amman clocks show this wall time or later. A wall
 * time skipped by a spring-forward gives the moment of the jump; one repeated
 * by a fall-back gives its first occurrence. Unlike shifting skipped times
 * forward by the gap, this keeps later wall times at later instants, which
 * working spans on a clock-change day rely on.
 */
export function ammanWallToUtc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // At most one transition lies within a day either side of any wall time.
  const before = ammanOffsetMinutes(asUtc - MS_PER_DAY);
  const after = ammanOffsetMinutes(asUtc + MS_PER_DAY);
  const withBefore = asUtc - before * MS_PER_MINUTE;
  if (before === after) return withBefore;
  const withAfter = asUtc - after * MS_PER_MINUTE;
  const beforeFits = ammanOffsetMinutes(withBefore) === before;
  const afterFits = ammanOffsetMinutes(withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // In the gap: the old offset no longer applies at withBefore and the new one not yet at
  // withAfter; the jump lies between, on a whole minute. Find it by bisection.
  let lo = Math.floor(withAfter / MS_PER_MINUTE);
  let hi = Math.ceil(withBefore / MS_PER_MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ammanOffsetMinutes(mid * MS_PER_MINUTE) === after) hi = mid;
    else lo = mid;
  }
  return hi * MS_PER_MINUTE;
}
