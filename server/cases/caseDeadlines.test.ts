import { describe, expect, it } from 'vitest';
import { initialDeadline } from './caseDeadlines';
import { isWorkingTime, DEFAULT_JORDAN_CALENDAR, ammanWallTime } from '../../shared/sla';

describe('initialDeadline', () => {
  it.each([
    ['complaint', 'normal', 'deliveryTime'],
    ['inquiry', 'high', 'serviceQuality'],
    ['report', 'critical', 'deliveryInfrastructure'],
  ] as const)(
    'a %s (%s, %s) filed on a Thursday afternoon is due on a working day, later than filed',
    (type, importance, pillar) => {
      const filed = new Date('2026-11-19T11:50:00Z'); // Thursday 14:50 in Amman
      const due = initialDeadline(filed, { type, importance, pillar });
      expect(due.getTime()).toBeGreaterThan(filed.getTime());
      // The deadline is the end of a working minute: the minute before it is working time.
      expect(isWorkingTime(DEFAULT_JORDAN_CALENDAR, due.getTime() - 60_000)).toBe(true);
      expect([5, 6]).not.toContain(ammanWallTime(due.getTime() - 60_000).weekday);
    },
  );

  it('gives critical cases an earlier deadline than normal ones', () => {
    const filed = new Date('2026-11-22T07:00:00Z');
    const critical = initialDeadline(filed, { type: 'complaint', importance: 'critical', pillar: 'serviceQuality' });
    const normal = initialDeadline(filed, { type: 'complaint', importance: 'normal', pillar: 'serviceQuality' });
    expect(critical.getTime()).toBeLessThan(normal.getTime());
  });
});
