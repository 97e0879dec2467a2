import { z } from 'zod';
import { CaseRecord } from '../domain/caseRecord';
import { CaseHistory } from '../domain/caseHistory';
import { EscalationLevel } from '../domain/taxonomy';
import { CaseTimer } from '../sla/caseTimers';
import { AtRiskShare } from '../sla/slaMatrix';

/** The ladder as it stands for one case: where it is, and when it climbs next if nobody acts. */
export const LadderPosition = z.object({
  level: EscalationLevel,
  /** Each rung above the focal point and when the case reaches it (from the resolution deadline). */
  rungs: z.array(z.object({ level: EscalationLevel, dueAt: z.string(), reached: z.boolean() })),
  next: z.object({ level: EscalationLevel, dueAt: z.string() }).nullable(),
});
export type LadderPosition = z.infer<typeof LadderPosition>;

/** Everything the case view shows, read from the cache; the history comes from the hub when it answers. */
export const CaseDetail = z.object({
  case: CaseRecord.omit({ seq: true }).extend({
    /** The entity's code, which its ladder windows are keyed by; null while the entity has not reached this desk. */
    entityCode: z.string().nullable(),
    entityNameAr: z.string(),
    entityNameEn: z.string(),
    focalPointNameAr: z.string().nullable(),
    focalPointNameEn: z.string().nullable(),
  }),
  /** First response, update and resolution, counted here with the hub's rules: they keep going offline. */
  timers: z.array(CaseTimer),
  /**
   * The share of a target at which those clocks turned at risk: the meters mark
   * it, so the mark and the state beside it come from the same rules.
   */
  atRiskShare: AtRiskShare,
  ladder: LadderPosition,
  /** This desk's commands on the case the hub has not answered yet. */
  pending: z.array(z.object({ clientId: z.string(), command: z.string(), state: z.enum(['queued', 'refused']) })),
  history: CaseHistory.nullable(),
  /** Why the history is missing or may be old: offline, or the hub refused. */
  historyProblem: z.string().nullable(),
  /** When the history shown was fetched (it may be an earlier copy while offline). */
  historyFetchedAt: z.string().nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseDetailQuery = z.object({ caseId: z.uuid() }).strict();
