import { describe, expect, it } from 'vitest';
import { durationOfMinutes, minutesOfDuration, type WorkingDuration } from './workingDuration';

// Day lengths of three calendars: 08:00–15:00, 08:00–16:00, and 08:00–15:00 less a half-hour break.
const SEVEN = 420;
const EIGHT = 480;
const SIX_AND_A_HALF = 390;

describe('working durations as typed', () => {
  it.each<[number, number, WorkingDuration]>([
    [420, SEVEN, { value: 1, unit: 'days' }],
    [4200, SEVEN, { value: 10, unit: 'days' }],
    [4800, EIGHT, { value: 10, unit: 'days' }],
    // Ten 7-hour days on an 8-hour calendar are not whole days: 70 hours.
    [4200, EIGHT, { value: 70, unit: 'hours' }],
    [780, SIX_AND_A_HALF, { value: 2, unit: 'days' }],
    [210, SEVEN, { value: 3.5, unit: 'hours' }],
    [120, SEVEN, { value: 2, unit: 'hours' }],
    [100, SEVEN, { value: 1.67, unit: 'hours' }],
    [0, SEVEN, { value: 0, unit: 'hours' }],
  ])('%i working minutes on a %i-minute day read as %o', (minutes, dayMinutes, duration) => {
    expect(durationOfMinutes(minutes, dayMinutes)).toEqual(duration);
  });

  it.each<[WorkingDuration, number, number | null]>([
    [{ value: 2, unit: 'days' }, SEVEN, 840],
    [{ value: 2, unit: 'days' }, EIGHT, 960],
    [{ value: 2, unit: 'days' }, SIX_AND_A_HALF, 780],
    [{ value: 0.5, unit: 'days' }, SEVEN, 210],
    [{ value: 3.5, unit: 'hours' }, EIGHT, 210],
    [{ value: 1.67, unit: 'hours' }, SEVEN, 100],
    [{ value: 0, unit: 'hours' }, SEVEN, 0],
    [{ value: -1, unit: 'hours' }, SEVEN, null],
    [{ value: Number.NaN, unit: 'days' }, SEVEN, null],
  ])('%o on a %i-minute day is %s working minutes', (duration, dayMinutes, minutes) => {
    expect(minutesOfDuration(duration, dayMinutes)).toBe(minutes);
  });
});
