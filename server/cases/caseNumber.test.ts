import { describe, expect, it } from 'vitest';
import { formatCaseNumber } from './caseNumber';

describe('formatCaseNumber', () => {
  it.each([
    ['2026-11-24T10:00:00Z', 1, 'BK-26-0000001'],
    ['2025-01-01T00:00:00Z', 1234567, 'BK-25-1234567'],
    ['2030-06-01T00:00:00Z', 42, 'BK-30-0000042'],
  ])('%s #%i → %s', (at, serial, expected) => {
    expect(formatCaseNumber(new Date(at), serial)).toBe(expected);
  });
});
