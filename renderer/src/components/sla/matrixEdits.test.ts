import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_MATRIX, SlaMatrix } from '../../../../shared/sla';
import { matchTaken, newRuleId, ruleName, rulesInOrder, withRule, withoutRule } from './matrixEdits';

const targets = { firstResponseMinutes: 60, updateMinutes: 120, resolutionMinutes: 420 };

describe('matrix edits', () => {
  it.each([
    [{}, 'All other cases', 'كل الطلبات الأخرى'],
    [{ type: 'complaint', importance: 'high' }, 'Complaint · High', 'شكوى · عالية'],
    [{ importance: 'critical' }, 'Critical', 'حرجة'],
  ] as const)('names %o', (rule, en, ar) => {
    expect(ruleName(rule, 'en')).toBe(en);
    expect(ruleName(rule, 'ar')).toBe(ar);
  });

  it.each([
    [{ type: 'complaint', importance: 'low' }, 'complaint-low'],
    [{ importance: 'low', pillar: 'deliveryTime' }, 'any-low-deliveryTime'],
    [{ type: 'complaint' }, 'complaint-any'],
    [{ type: 'complaint', importance: 'high' }, 'complaint-high-2'],
  ] as const)('gives %o the id %s', (rule, id) => {
    expect(newRuleId(DEFAULT_SLA_MATRIX, rule)).toBe(id);
  });

  it.each([
    ['the same match as another rule', { type: 'complaint', importance: 'high' }, undefined, true],
    ['the rule itself, being edited', { type: 'complaint', importance: 'high' }, 'complaint-high', false],
    ['a match no rule has', { type: 'complaint', importance: 'low' }, undefined, false],
  ] as const)('%s', (_what, rule, exceptId, taken) => {
    expect(matchTaken(DEFAULT_SLA_MATRIX, rule, exceptId)).toBe(taken);
  });

  it('replaces a rule by its id, adds a new one, and removes one, the result still a valid matrix', () => {
    const edited = withRule(DEFAULT_SLA_MATRIX, { id: 'critical', importance: 'critical', targets });
    expect(edited.rules.find((r) => r.id === 'critical')?.targets).toEqual(targets);
    expect(edited.rules).toHaveLength(DEFAULT_SLA_MATRIX.rules.length);
    const added = withRule(edited, { id: 'complaint-low', type: 'complaint', importance: 'low', targets });
    expect(added.rules).toHaveLength(DEFAULT_SLA_MATRIX.rules.length + 1);
    expect(SlaMatrix.safeParse(withoutRule(added, 'complaint-low')).success).toBe(true);
    // Without its catch-all, the matrix is refused by the shared schema.
    expect(SlaMatrix.safeParse(withoutRule(added, 'default')).success).toBe(false);
  });

  it('lists the catch-all first and the most specific last', () => {
    const ids = rulesInOrder(DEFAULT_SLA_MATRIX).map((r) => r.id);
    expect(ids[0]).toBe('default');
    expect(ids.at(-1)).toBe('report-infrastructure-high');
  });
});
