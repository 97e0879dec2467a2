import { z } from 'zod';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_SLA_MATRIX, SlaMatrix, WorkingCalendar } from '../../../shared/sla';
import type { ReplicaStore } from './replicaStore';

const HubRules = z.object({ calendar: WorkingCalendar, matrix: SlaMatrix });
export type DeskSlaRules = z.infer<typeof HubRules>;

/**
 * The SLA rules this desk counts with: the hub's, as last fetched and kept in
 * the cache (so countdowns go on offline), else the built-in Jordan defaults.
 * Parsed once per change: the calendar object is reused so its memo stays warm.
 */
export function deskSlaRules(store: ReplicaStore): () => DeskSlaRules {
  let raw: string | null = null;
  let rules: DeskSlaRules = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX };
  return () => {
    const current = store.meta('slaRules');
    if (current !== raw) {
      raw = current;
      const parsed = current ? HubRules.safeParse(JSON.parse(current)) : null;
      if (parsed?.success) rules = parsed.data;
    }
    return rules;
  };
}
