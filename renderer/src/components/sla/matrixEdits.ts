import type { Language } from '../../../../shared/contract/deskContract';
import { label, t } from '../../../../shared/i18n/catalogue';
import { slaRuleSpecificity, type SlaMatrix, type SlaRule } from '../../../../shared/sla';

/** A rule's match in words: "Complaint · High", or "All other cases" for the catch-all. */
export function ruleName(rule: Pick<SlaRule, 'type' | 'importance' | 'pillar'>, language: Language): string {
  const parts = [
    rule.type && label(language, 'type', rule.type),
    rule.importance && label(language, 'importance', rule.importance),
    rule.pillar && label(language, 'pillar', rule.pillar),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : t(language, 'sla.matrix.catchAll');
}

const matchOf = (r: Pick<SlaRule, 'type' | 'importance' | 'pillar'>) =>
  `${r.type ?? '*'}|${r.importance ?? '*'}|${r.pillar ?? '*'}`;

/** Another rule (not `exceptId`) already matches exactly these cases: the matrix would refuse it. */
export const matchTaken = (
  matrix: SlaMatrix,
  rule: Pick<SlaRule, 'type' | 'importance' | 'pillar'>,
  exceptId?: string,
): boolean => matrix.rules.some((r) => r.id !== exceptId && matchOf(r) === matchOf(rule));

/** A readable id new to the matrix, from what the rule matches: 'complaint-high', 'any-critical-…'. */
export function newRuleId(matrix: SlaMatrix, rule: Pick<SlaRule, 'type' | 'importance' | 'pillar'>): string {
  const base = [rule.type ?? 'any', rule.importance ?? 'any', rule.pillar].filter(Boolean).join('-');
  const taken = new Set(matrix.rules.map((r) => r.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The rule put in place of the one with its id, or added. */
export const withRule = (matrix: SlaMatrix, rule: SlaRule): SlaMatrix => ({
  ...matrix,
  rules: matrix.rules.some((r) => r.id === rule.id)
    ? matrix.rules.map((r) => (r.id === rule.id ? rule : r))
    : [...matrix.rules, rule],
});

export const withoutRule = (matrix: SlaMatrix, id: string): SlaMatrix => ({
  ...matrix,
  rules: matrix.rules.filter((r) => r.id !== id),
});

/** The catch-all first, then from the broadest rules to the most specific, as the screen lists them. */
export const rulesInOrder = (matrix: SlaMatrix): SlaRule[] =>
  [...matrix.rules].sort(
    (a, b) => slaRuleSpecificity(a) - slaRuleSpecificity(b) || matchOf(a).localeCompare(matchOf(b)),
  );
