import { useEffect } from 'react';
import { DEFAULT_JORDAN_CALENDAR, type WorkingCalendar } from '../../../../shared/sla';
import { workingDayMinutes } from '../../../../shared/sla/workingSpan';
import { getDeskBridge } from '../../bridge/deskBridge';
import { useSlaRulesStore } from '../../store/slaRulesStore';

/** The calendar this desk counts with (the hub's rules as held); the built-in one until the rules are read. */
export function useWorkingCalendar(): WorkingCalendar {
  return useSlaRulesStore((s) => s.view?.held.calendar ?? DEFAULT_JORDAN_CALENDAR);
}

/** The working day of that calendar, in minutes: every working span on screen is told in it. */
export function useWorkingDayMinutes(): number {
  return workingDayMinutes(useWorkingCalendar());
}

/** Reads the held rules once, and again whenever the hub's rules change, so spans follow a new working day. */
export function useHeldRules(): void {
  const load = useSlaRulesStore((s) => s.load);
  useEffect(() => {
    if (!useSlaRulesStore.getState().view) void load();
    return getDeskBridge().subscribe('sla.changed', () => void load());
  }, [load]);
}
