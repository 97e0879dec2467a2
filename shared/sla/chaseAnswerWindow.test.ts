import { describe, expect, it } from 'vitest';
import { chaseAnswerDueAt, isChaseOverdue } from './chaseAnswerWindow';
import { amman, showAmman } from '../../tests/support/slaArbitraries';
import { DEFAULT_JORDAN_CALENDAR } from './workingCalendar';

const calendar = DEFAULT_JORDAN_CALENDAR;

describe('chase answer window', () => {
  it.each([
    ['sent Sunday morning: due the same afternoon', '2026-01-11 09:00', '2026-01-11 13:00 Sun'],
    ['sent Thursday 13:00: two hours left run into Sunday', '2026-01-08 13:00', '2026-01-11 10:00 Sun'],
    ['sent on Friday: counted from Sunday 08:00', '2026-01-09 11:00', '2026-01-11 12:00 Sun'],
    ['sent in Ramadan (09:00–14:00)', '2026-02-22 12:00', '2026-02-23 11:00 Mon'],
  ])('%s', (_label, sent, due) => {
    expect(showAmman(chaseAnswerDueAt(calendar, amman(sent)))).toBe(due);
  });

  it.each([
    ['unanswered, past its window', null, '2026-01-11 13:01', true],
    ['unanswered, within its window', null, '2026-01-11 12:59', false],
    ['answered late: silence ended, no alert', '2026-01-11 14:00', '2026-01-11 15:00', false],
    ['answered in time', '2026-01-11 10:00', '2026-01-12 10:00', false],
  ] as const)('%s', (_label, answered, now, overdue) => {
    const chase = { sentAtMs: amman('2026-01-11 09:00'), answeredAtMs: answered ? amman(answered) : null };
    expect(isChaseOverdue(calendar, chase, amman(now))).toBe(overdue);
  });
});
