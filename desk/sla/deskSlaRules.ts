import { z } from 'zod';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  DEFAULT_SLA_MATRIX,
  LadderWindows,
  SlaMatrix,
  WorkingCalendar,
} from '../../shared/sla';
import type { ReplicaStore } from '../replica/replicaStore';

// The ladder came later: rules an older desk kept in its replica lack it, and then the defaults stand in.
const HubRules = z.object({
  calendar: WorkingCalendar,
  matrix: SlaMatrix,
  ladder: LadderWindows.default(DEFAULT_LADDER_WINDOWS),
  // The rules screen names the version it shows; the built-in defaults have none.
  version: z.number().int().nonnegative().optional(),
});
export type DeskSlaRules = z.infer<typeof HubRules>;

/** The replica's meta key the hub's rules are held under (written by sync/slaRulesKeeper.ts, validated first). */
export const SLA_RULES_META = 'slaRules';

/**
 * The SLA rules this desk counts with: the hub's, as last fetched and kept in
 * the replica (so countdowns go on offline), else the built-in Jordan defaults.
 * Read on every call, so rules replaced while the desk runs count at once;
 * parsed once per change: the calendar object is reused so its memo stays warm.
 */
export function deskSlaRules(store: Pick<ReplicaStore, 'meta'>): () => DeskSlaRules {
  let raw: string | null = null;
  let rules: DeskSlaRules = {
    calendar: DEFAULT_JORDAN_CALENDAR,
    matrix: DEFAULT_SLA_MATRIX,
    ladder: DEFAULT_LADDER_WINDOWS,
  };
  return () => {
    const current = store.meta(SLA_RULES_META);
    if (current !== raw) {
      raw = current;
      // Only validated rules are written; a file damaged by hand still must not stop the queue.
      const parsed = current ? HubRules.safeParse(parseJson(current)) : null;
      if (parsed?.success) rules = parsed.data;
    }
    return rules;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
