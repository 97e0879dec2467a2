import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../domain/taxonomy';
import { type TimedCase, resolvedAtMs, timersOfCase, trackedDeadlines } from './caseClocks';
import { DEFAULT_SLA_MATRIX } from './slaMatrix';
import { amman, showAmman } from '../../tests/support/slaArbitraries';
import { DEFAULT_JORDAN_CALENDAR } from './workingCalendar';

const rules = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX };

// A complaint (normal, service quality): first response 1 working day, update 2, resolution 10.
const complaint = (overrides: Partial<TimedCase> = {}): TimedCase => ({
  type: 'complaint',
  importance: 'normal',
  pillar: 'serviceQuality',
  status: 'assigned',
  submittedAtMs: amman('2026-01-11 09:00'),
  pauses: [],
  firstResponseAtMs: null,
  lastUpdateAtMs: null,
  answeredAtMs: null,
  closedAtMs: null,
  ...overrides,
});

const show = (ms: number | null) => (ms === null ? null : showAmman(ms));

describe('the deadlines the hub stores', () => {
  it.each([
    [
      'a new complaint: every clock running',
      complaint(),
      { firstResponse: '2026-01-12 09:00 Mon', update: '2026-01-13 09:00 Tue', atRisk: '2026-01-21 09:00 Wed' },
    ],
    [
      'answered the next morning: first response stopped, update restarted there',
      complaint({
        status: 'inProgress',
        firstResponseAtMs: amman('2026-01-12 08:30'),
        lastUpdateAtMs: amman('2026-01-12 08:30'),
      }),
      { firstResponse: null, update: '2026-01-14 08:30 Wed', atRisk: '2026-01-21 09:00 Wed' },
    ],
    [
      'resolved: no clock left to act on',
      complaint({
        status: 'answered',
        firstResponseAtMs: amman('2026-01-12 08:30'),
        answeredAtMs: amman('2026-01-13 10:00'),
      }),
      { firstResponse: null, update: null, atRisk: null },
    ],
  ])('%s', (_label, c, expected) => {
    const d = trackedDeadlines(c, rules, amman('2026-01-13 12:00'));
    expect({
      firstResponse: show(d.firstResponseDueMs),
      update: show(d.updateDueMs),
      atRisk: show(d.resolutionAtRiskMs),
    }).toEqual(expected);
    expect(show(d.resolutionDueMs)).toBe('2026-01-25 09:00 Sun');
  });

  it('moves the at-risk instant with the administrator’s at-risk share', () => {
    const half = trackedDeadlines(complaint(), { ...rules, matrix: { ...DEFAULT_SLA_MATRIX, atRiskShare: 0.5 } }, 0);
    expect(show(half.resolutionAtRiskMs)).toBe('2026-01-18 09:00 Sun');
    const timers = timersOfCase(
      complaint(),
      { ...rules, matrix: { ...DEFAULT_SLA_MATRIX, atRiskShare: 0.5 } },
      amman('2026-01-18 10:00'),
    );
    expect(timers.resolution.state).toBe('atRisk');
    expect(timersOfCase(complaint(), rules, amman('2026-01-18 10:00')).resolution.state).toBe('running');
  });
});

describe('resolvedAtMs', () => {
  it.each([
    ['answered', 'answered', 10, null, 10],
    ['closed after an answer', 'closed', 10, 20, 10],
    ['closed without an answer (the citizen never replied)', 'closed', null, 20, 20],
    ['reopened: resolved no more', 'reopened', 10, 20, null],
    ['in progress', 'inProgress', null, null, null],
  ] as const)('%s', (_label, status, answered, closed, expected) => {
    expect(resolvedAtMs(complaint({ status: status as CaseStatus, answeredAtMs: answered, closedAtMs: closed }))).toBe(
      expected,
    );
  });
});
