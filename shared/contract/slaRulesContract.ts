import { z } from 'zod';
import { LadderWindows, SlaMatrix, WorkingCalendar } from '../sla';

/** The administrator's commands on the SLA rules: each replaces one whole document, with a reason. */
export const SLA_RULE_COMMANDS = ['updateWorkingCalendar', 'updateSlaMatrix', 'updateLadderWindows'] as const;
export const SlaRuleCommand = z.enum(SLA_RULE_COMMANDS);
export type SlaRuleCommand = z.infer<typeof SlaRuleCommand>;

export const SlaRuleSet = z.object({ calendar: WorkingCalendar, matrix: SlaMatrix, ladder: LadderWindows });
export type SlaRuleSet = z.infer<typeof SlaRuleSet>;

/** A rule command of this desk's that the hub has not applied yet (or refused). */
export const SlaRuleEdit = z.object({
  clientId: z.string(),
  command: SlaRuleCommand,
  state: z.enum(['queued', 'refused']),
  reason: z.string(),
  queuedAt: z.string(),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SlaRuleEdit = z.infer<typeof SlaRuleEdit>;

export const SlaRulesView = z.object({
  /** The hub's rule version this desk holds; null while it holds only the built-in defaults. */
  version: z.number().int().nonnegative().nullable(),
  /** The rules the desk counts with: the hub's, as last fetched. */
  held: SlaRuleSet,
  /**
   * What the next edit builds on: the held rules with this desk's queued edits
   * applied in order, so a second edit made before the hub answers the first
   * does not drop it (each command carries a whole document).
   */
  draft: SlaRuleSet,
  edits: z.array(SlaRuleEdit),
});
export type SlaRulesView = z.infer<typeof SlaRulesView>;
