import { describe, expect, it } from 'vitest';
import type { Language } from '../contract/deskContract';
import { workingDayText, workingSpanText } from './workingSpanText';

// Day lengths of three calendars: 08:00–15:00, 08:00–16:00, 08:00–15:00 less a half-hour break.
const SEVEN = 420;
const EIGHT = 480;
const SIX_AND_A_HALF = 390;

describe('working time in words', () => {
  it.each<[number, number, Language, string]>([
    [600, SEVEN, 'en', '1 working day 3 hours'],
    [600, SEVEN, 'ar', 'يوم عمل واحد و3 ساعات'],
    [600, EIGHT, 'en', '1 working day 2 hours'],
    [600, EIGHT, 'ar', 'يوم عمل واحد وساعتان'],
    // 1 day 3 h 30: the two largest parts are said.
    [600, SIX_AND_A_HALF, 'en', '1 working day 3 hours'],
    [4200, EIGHT, 'en', '8 working days 6 hours'],
    [4200, SIX_AND_A_HALF, 'ar', '10 أيام عمل و5 ساعات'],
    [2520, SEVEN, 'en', '6 working days'],
    [840, SEVEN, 'ar', 'يوما عمل'],
    [2 * EIGHT + 120, EIGHT, 'ar', 'يوما عمل وساعتان'],
    [3 * SEVEN + 60, SEVEN, 'ar', '3 أيام عمل وساعة واحدة'],
    [11 * SEVEN, SEVEN, 'ar', '11 يوم عمل'],
    [100 * SEVEN, SEVEN, 'ar', '100 يوم عمل'],
    [103 * SEVEN, SEVEN, 'ar', '103 أيام عمل'],
    [-5 * SEVEN, SEVEN, 'en', '5 working days'],
    [210, SEVEN, 'en', '3 working hours 30 minutes'],
    [210, SEVEN, 'ar', '3 ساعات عمل و30 دقيقة'],
    [120, SEVEN, 'ar', 'ساعتا عمل'],
    [60, SEVEN, 'en', '1 working hour'],
    [61, SEVEN, 'en', '1 working hour 1 minute'],
    [62, SEVEN, 'ar', 'ساعة عمل واحدة ودقيقتان'],
    [42, SEVEN, 'en', '42 working minutes'],
    [2, SEVEN, 'ar', 'دقيقتا عمل'],
    [1, SEVEN, 'en', '1 working minute'],
    [0, SEVEN, 'ar', '0 دقيقة عمل'],
  ])('%d minutes on a %d-minute day, in %s', (minutes, dayMinutes, language, text) => {
    expect(workingSpanText(minutes, dayMinutes, language)).toBe(text);
  });
});

describe('the length of a working day in words', () => {
  it.each<[number, Language, string]>([
    [420, 'en', '7 working hours'],
    [480, 'ar', '8 ساعات عمل'],
    [390, 'en', '6 working hours 30 minutes'],
    [390, 'ar', '6 ساعات عمل و30 دقيقة'],
  ])('%d minutes in %s', (minutes, language, text) => {
    expect(workingDayText(minutes, language)).toBe(text);
  });
});
