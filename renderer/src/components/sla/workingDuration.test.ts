import { describe, expect, it } from 'vitest';
import { durationOfMinutes, durationText, minutesOfDuration, type WorkingDuration } from './workingDuration';

describe('working durations', () => {
  it.each<[number, WorkingDuration]>([
    [420, { value: 1, unit: 'days' }],
    [4200, { value: 10, unit: 'days' }],
    [210, { value: 3.5, unit: 'hours' }],
    [120, { value: 2, unit: 'hours' }],
    [100, { value: 1.67, unit: 'hours' }],
    [0, { value: 0, unit: 'hours' }],
  ])('%i working minutes read as %o', (minutes, duration) => {
    expect(durationOfMinutes(minutes)).toEqual(duration);
  });

  it.each<[WorkingDuration, number | null]>([
    [{ value: 2, unit: 'days' }, 840],
    [{ value: 0.5, unit: 'days' }, 210],
    [{ value: 3.5, unit: 'hours' }, 210],
    [{ value: 1.67, unit: 'hours' }, 100],
    [{ value: 0, unit: 'hours' }, 0],
    [{ value: -1, unit: 'hours' }, null],
    [{ value: Number.NaN, unit: 'days' }, null],
  ])('%o is %s working minutes', (duration, minutes) => {
    expect(minutesOfDuration(duration)).toBe(minutes);
  });
});

describe('durations in words', () => {
  it.each([
    [4200, 'en', '10 days'],
    [210, 'en', '3.5 hours'],
    [840, 'ar', 'يومان'],
    [120, 'ar', 'ساعتان'],
  ] as const)('%i minutes in %s', (minutes, language, text) => {
    expect(durationText(minutes, language)).toBe(text);
  });
});
