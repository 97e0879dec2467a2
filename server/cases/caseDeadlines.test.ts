import { describe, expect, it } from 'vitest';
import { initialDeadlines } from './caseDeadlines';
import { isWorkingTime, DEFAULT_JORDAN_CALENDAR, ammanWallTime } from '../../shared/sla';

describe('initialDeadlines', () => {
  it.each([
    ['complaint', 'normal', 'deliveryTime'],
    ['inquiry', 'high', 'serviceQuality'],
    ['report', 'critical', 'deliveryInfrastructure'],
  ] as const)(
    'a %s (%s, %s) filed on a Thursday afternoon is due on a working day, later than filed',
    (type, importance, pillar) => {
      const filed = new Date('2026-11-19T11:50:00Z'); // Thursday 14:50 in Amman
      const d = initialDeadlines(filed, { type, importance, pillar });
      for (const due of [d.firstResponseDueMs!, d.updateDueMs!, d.resolutionDueMs, d.resolutionAtRiskMs!]) {
        expect(due).toBeGreaterThan(filed.getTime());
        // A deadline is the end of a working minute: the minute before it is working time.
        expect(isWorkingTime(DEFAULT_JORDAN_CALENDAR, due - 60_000)).toBe(true);
        expect([5, 6]).not.toContain(ammanWallTime(due - 60_000).weekday);
      }
    },
  );

  it('orders the clocks: first response, then at risk, then resolution', () => {
    const d = initialDeadlines(new Date('2026-11-22T07:00:00Z'), {
      type: 'complaint',
      importance: 'normal',
      pillar: 'serviceQuality',
    });
    expect(d.firstResponseDueMs!).toBeLessThan(d.resolutionAtRiskMs!);
    expect(d.resolutionAtRiskMs!).toBeLessThan(d.resolutionDueMs);
  });

  it('gives critical cases an earlier deadline than normal ones', () => {
    const filed = new Date('2026-11-22T07:00:00Z');
    const critical = initialDeadlines(filed, { type: 'complaint', importance: 'critical', pillar: 'serviceQuality' });
    const normal = initialDeadlines(filed, { type: 'complaint', importance: 'normal', pillar: 'serviceQuality' });
    expect(critical.resolutionDueMs).toBeLessThan(normal.resolutionDueMs);
  });
});
