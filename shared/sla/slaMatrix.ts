import { z } from 'zod';
import { ApplicationType, Importance, Pillar } from '../domain/taxonomy';

// Which targets a case gets is a table the platform owner edits, not code:
// each rule matches on application type, importance and pillar, any of which
// may be left out as a wildcard, and the most specific matching rule wins.

/** A working day in the default calendar: 08:00–15:00. */
export const WORKING_DAY_MINUTES = 7 * 60;

export const SlaTargets = z.object({
  firstResponseMinutes: z.int().positive(),
  /** How often the citizen must hear about progress while the case is open. */
  updateMinutes: z.int().positive(),
  resolutionMinutes: z.int().positive(),
});
/** Working minutes, measured on the working calendar. */
export type SlaTargets = z.infer<typeof SlaTargets>;

export const SlaRule = z.object({
  id: z.string().min(1).max(64),
  type: ApplicationType.optional(),
  importance: Importance.optional(),
  pillar: Pillar.optional(),
  targets: SlaTargets,
  note: z.string().max(500).optional(),
});
export type SlaRule = z.infer<typeof SlaRule>;

const matchKey = (r: SlaRule): string => `${r.type ?? '*'}|${r.importance ?? '*'}|${r.pillar ?? '*'}`;

/** One set of bounds, so the rules and the case view that draws the share cannot disagree on what is valid. */
export const AtRiskShare = z.number().min(0.5).max(0.99);

export const SlaMatrix = z
  .object({
    rules: z.array(SlaRule).min(1),
    /**
     * Share of a target after which a running clock counts as at risk (and the
     * operation room is alerted for a resolution): one setting for every rule.
     */
    atRiskShare: AtRiskShare.default(0.8),
  })
  .superRefine((m, ctx) => {
    if (!m.rules.some((r) => !r.type && !r.importance && !r.pillar)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: 'Needs a catch-all rule (no type, importance or pillar)',
      });
    }
    const ids = new Set<string>();
    const keys = new Set<string>();
    m.rules.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `Duplicate id ${r.id}` });
      // Two rules with the same match would make the winner depend on list order.
      if (keys.has(matchKey(r))) {
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: `Another rule already matches ${matchKey(r)}` });
      }
      ids.add(r.id);
      keys.add(matchKey(r));
    });
  });
export type SlaMatrix = z.infer<typeof SlaMatrix>;

/**
 * Specificity. Weights 4/2/1 make a rule always beat any rule whose match is a
 * subset of its own, and break ties between unrelated rules in favour of
 * importance, then type: a critical case gets the critical targets even when a
 * type-and-pillar rule also matches.
 */
export function slaRuleSpecificity(rule: SlaRule): number {
  return (rule.importance ? 4 : 0) + (rule.type ? 2 : 0) + (rule.pillar ? 1 : 0);
}

export interface ResolvedSlaTargets extends SlaTargets {
  /** The rule that decided, so a screen can show why a case has these targets. */
  readonly ruleId: string;
}

export function slaTargetsFor(
  matrix: Pick<SlaMatrix, 'rules'>,
  type: ApplicationType,
  importance: Importance,
  pillar: Pillar,
): ResolvedSlaTargets {
  let best: SlaRule | undefined;
  for (const rule of matrix.rules) {
    if (rule.type && rule.type !== type) continue;
    if (rule.importance && rule.importance !== importance) continue;
    if (rule.pillar && rule.pillar !== pillar) continue;
    if (!best || slaRuleSpecificity(rule) > slaRuleSpecificity(best)) best = rule;
  }
  // Unreachable for a matrix that passed the schema, which requires a catch-all.
  if (!best) throw new Error(`No SLA rule matches ${type}/${importance}/${pillar}`);
  return { ...best.targets, ruleId: best.id };
}

const DAY = WORKING_DAY_MINUTES;
const HALF_DAY = DAY / 2;
const targets = (firstResponse: number, update: number, resolution: number): SlaTargets => ({
  firstResponseMinutes: firstResponse,
  updateMinutes: update,
  resolutionMinutes: resolution,
});

export const DEFAULT_SLA_MATRIX: SlaMatrix = {
  atRiskShare: 0.8,
  rules: [
    { id: 'default', targets: targets(DAY, 2 * DAY, 10 * DAY), note: 'Anything not matched below' },

    { id: 'complaint', type: 'complaint', targets: targets(DAY, 2 * DAY, 10 * DAY) },
    { id: 'inquiry', type: 'inquiry', targets: targets(DAY, 2 * DAY, 5 * DAY) },
    { id: 'suggestion', type: 'suggestion', targets: targets(2 * DAY, 5 * DAY, 15 * DAY) },
    { id: 'compliment', type: 'compliment', targets: targets(2 * DAY, 5 * DAY, 10 * DAY) },
    { id: 'report', type: 'report', targets: targets(DAY, 2 * DAY, 10 * DAY) },
    {
      id: 'report-infrastructure',
      type: 'report',
      pillar: 'deliveryInfrastructure',
      targets: targets(HALF_DAY, DAY, 5 * DAY),
      note: 'Broken facilities put people at risk: faster than other reports',
    },

    // High importance: roughly half of each type's targets.
    { id: 'complaint-high', type: 'complaint', importance: 'high', targets: targets(HALF_DAY, DAY, 5 * DAY) },
    { id: 'inquiry-high', type: 'inquiry', importance: 'high', targets: targets(HALF_DAY, DAY, 3 * DAY) },
    { id: 'suggestion-high', type: 'suggestion', importance: 'high', targets: targets(DAY, 3 * DAY, 8 * DAY) },
    { id: 'compliment-high', type: 'compliment', importance: 'high', targets: targets(DAY, 3 * DAY, 5 * DAY) },
    { id: 'report-high', type: 'report', importance: 'high', targets: targets(HALF_DAY, DAY, 5 * DAY) },
    {
      id: 'report-infrastructure-high',
      type: 'report',
      importance: 'high',
      pillar: 'deliveryInfrastructure',
      targets: targets(120, HALF_DAY, 3 * DAY),
    },

    // Critical: whatever the type, answered within two hours and closed within two days.
    { id: 'critical', importance: 'critical', targets: targets(120, HALF_DAY, 2 * DAY) },
  ],
};
