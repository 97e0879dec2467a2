import { describe, expect, it } from 'vitest';
import { queueTotalText } from './queueTotalText';

describe('queueTotalText', () => {
  it.each([
    ['en', 1234, false, '1234 cases'],
    ['en', 1000, true, '1,000+ cases'],
    ['en', 40, true, '40+ cases'],
    ['en', null, false, 'Loading…'],
    ['ar', 1234, false, '1234 طلب'],
    ['ar', 40, true, '40+ طلب'],
  ] as const)('%s, %s (lower bound: %s): %s', (language, total, lowerBound, expected) => {
    expect(queueTotalText(language, total, lowerBound)).toBe(expected);
  });

  it('says an Arabic lower bound in Latin digits, grouped, with its plus', () => {
    // The group separator is the locale's (a comma or the Arabic one, by ICU version).
    expect(queueTotalText('ar', 1000, true)).toMatch(/^1[,٬]000\+ طلب$/);
  });
});
