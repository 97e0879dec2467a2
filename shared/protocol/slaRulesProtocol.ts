import { z } from 'zod';
import { LadderWindows, SlaMatrix, WorkingCalendar } from '../sla';

/**
 * How the SLA rules in force reach consoles. The rules are versions the hub
 * stores (each save is a new version number, ascending); a console holds one
 * and counts down with it, offline too. The hub tells every connected console
 * the version in force, on connection and whenever an administrator saves a
 * new one; a console holding another fetches GET /api/sla/rules.
 */

/** 0 means none saved yet: the built-in Jordan defaults. */
export const SlaRulesVersion = z.number().int().nonnegative();

export const SLA_RULES_EVENTS = {
  /** hub → console: this version is in force now. */
  changed: 'sla:rules',
} as const;

/** The socket event's payload, and the NOTIFY payload between hub processes. */
export const SlaRulesNotice = z.object({ version: SlaRulesVersion }).strict();
export type SlaRulesNotice = z.infer<typeof SlaRulesNotice>;

/** GET /api/sla/rules */
export const SlaRulesDocument = z.object({
  version: SlaRulesVersion,
  calendar: WorkingCalendar,
  matrix: SlaMatrix,
  ladder: LadderWindows,
});
export type SlaRulesDocument = z.infer<typeof SlaRulesDocument>;
