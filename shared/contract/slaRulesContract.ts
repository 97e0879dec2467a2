import { z } from 'zod';
import { RuleBasis } from '../domain/commands';
import { LadderWindows, LocalizedName, type RuleKind, SlaMatrix, WorkingCalendar } from '../sla';
import { ApplicationType, Importance, Pillar } from '../domain/taxonomy';

/** The administrator's commands on the SLA rules: each replaces one whole document, with a reason. */
export const SLA_RULE_COMMANDS = ['updateWorkingCalendar', 'updateSlaMatrix', 'updateLadderWindows'] as const;
export const SlaRuleCommand = z.enum(SLA_RULE_COMMANDS);
export type SlaRuleCommand = z.infer<typeof SlaRuleCommand>;

/** Which document each rule command replaces (and the input field that carries it). */
export const RULE_KIND_OF: Record<SlaRuleCommand, RuleKind> = {
  updateWorkingCalendar: 'calendar',
  updateSlaMatrix: 'matrix',
  updateLadderWindows: 'ladder',
};

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

export const SlaRulesState = z.object({
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
  /**
   * What each document of the draft is, for the hub: the version held, or this
   * desk's newest queued edit of it. An edit built on the draft carries it, and
   * the hub refuses the edit if someone changed that document since.
   */
  basedOn: z.object({ calendar: RuleBasis, matrix: RuleBasis, ladder: RuleBasis }),
  edits: z.array(SlaRuleEdit),
});
export type SlaRulesState = z.infer<typeof SlaRulesState>;

/** A part of a rules document, as the desk names it in a clash (shared/sla/ruleDocuments.ts). */
export const RulePartView = z.discriminatedUnion('part', [
  z.object({ part: z.literal('setting'), setting: z.string(), key: z.string() }),
  z.object({ part: z.literal('entry'), id: z.string(), name: LocalizedName }),
  z.object({
    part: z.literal('rule'),
    id: z.string(),
    match: z.object({ type: ApplicationType.optional(), importance: Importance.optional(), pillar: Pillar.optional() }),
  }),
  z.object({ part: z.literal('entity'), code: z.string() }),
]);

/**
 * A rule edit the hub refused because the rules changed first, applied again
 * to the rules as they are now: its own changes, part by part. `queued`: a
 * new command (the refused one is gone); `alreadyApplied`: the rules in force
 * already hold it (the refused one is gone); `clash`: the other change touched
 * the same parts differently (named), and the edit stays refused for the
 * person to discard and make again.
 */
export const SlaReapplyResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('queued'), clientId: z.string() }),
  z.object({ outcome: z.literal('alreadyApplied') }),
  z.object({
    outcome: z.literal('clash'),
    parts: z.array(RulePartView),
    /** Why the merged document is not valid, when the parts merged but the whole did not. */
    problem: z.string().nullable(),
  }),
  /** Not a refused rule edit of this desk's, or one saved by an older desk without what it was built on. */
  z.object({ outcome: z.literal('cannot') }),
]);
export type SlaReapplyResult = z.infer<typeof SlaReapplyResult>;
