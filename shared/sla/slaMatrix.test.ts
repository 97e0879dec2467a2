import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICATION_TYPES, IMPORTANCE_LEVELS, PILLARS } from '../domain/taxonomy';
import { DEFAULT_SLA_MATRIX, SlaMatrix, type SlaRule, slaRuleSpecificity, slaTargetsFor } from './slaMatrix';

const DAY = 420;

describe('slaTargetsFor with the default matrix', () => {
  it.each([
    ['complaint', 'normal', 'serviceQuality', 'complaint', DAY, 2 * DAY, 10 * DAY],
    ['complaint', 'low', 'employeeBehaviour', 'complaint', DAY, 2 * DAY, 10 * DAY],
    ['inquiry', 'normal', 'serviceProcedures', 'inquiry', DAY, 2 * DAY, 5 * DAY],
    ['suggestion', 'normal', 'serviceQuality', 'suggestion', 2 * DAY, 5 * DAY, 15 * DAY],
    ['compliment', 'normal', 'employeeBehaviour', 'compliment', 2 * DAY, 5 * DAY, 10 * DAY],
    ['report', 'normal', 'deliveryTime', 'report', DAY, 2 * DAY, 10 * DAY],
    ['report', 'normal', 'deliveryInfrastructure', 'report-infrastructure', 210, DAY, 5 * DAY],
    ['complaint', 'high', 'serviceQuality', 'complaint-high', 210, DAY, 5 * DAY],
    ['report', 'high', 'deliveryInfrastructure', 'report-infrastructure-high', 120, 210, 3 * DAY],
    ['complaint', 'critical', 'serviceQuality', 'critical', 120, 210, 2 * DAY],
    // Critical outranks the type-and-pillar rule that also matches.
    ['report', 'critical', 'deliveryInfrastructure', 'critical', 120, 210, 2 * DAY],
  ] as const)('%s / %s / %s → %s', (type, importance, pillar, ruleId, first, update, resolution) => {
    expect(slaTargetsFor(DEFAULT_SLA_MATRIX, type, importance, pillar)).toEqual({
      ruleId,
      firstResponseMinutes: first,
      updateMinutes: update,
      resolutionMinutes: resolution,
    });
  });

  it('falls back to the catch-all when nothing else matches', () => {
    const matrix = SlaMatrix.parse({
      rules: [
        { id: 'all', targets: { firstResponseMinutes: 1, updateMinutes: 2, resolutionMinutes: 3 } },
        { id: 'c', type: 'complaint', targets: { firstResponseMinutes: 4, updateMinutes: 5, resolutionMinutes: 6 } },
      ],
    });
    expect(slaTargetsFor(matrix, 'inquiry', 'normal', 'serviceQuality').ruleId).toBe('all');
  });
});

describe('schema', () => {
  it('accepts the default matrix', () => {
    expect(SlaMatrix.parse(DEFAULT_SLA_MATRIX)).toEqual(DEFAULT_SLA_MATRIX);
  });

  const t = { firstResponseMinutes: 60, updateMinutes: 60, resolutionMinutes: 60 };
  it.each([
    ['no catch-all', [{ id: 'a', type: 'complaint', targets: t }]],
    [
      'two rules with the same match',
      [
        { id: 'all', targets: t },
        { id: 'a', type: 'complaint', targets: t },
        { id: 'b', type: 'complaint', targets: t },
      ],
    ],
    [
      'duplicate ids',
      [
        { id: 'all', targets: t },
        { id: 'all', type: 'complaint', targets: t },
      ],
    ],
    ['a zero target', [{ id: 'all', targets: { ...t, resolutionMinutes: 0 } }]],
    [
      'an unknown pillar',
      [
        { id: 'all', targets: t },
        { id: 'x', pillar: 'weather', targets: t },
      ],
    ],
  ])('rejects %s', (_label, rules) => {
    expect(SlaMatrix.safeParse({ rules }).success).toBe(false);
  });
});

describe('properties', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const ruleArb = fc.record({
    type: maybe(fc.constantFrom(...APPLICATION_TYPES)),
    importance: maybe(fc.constantFrom(...IMPORTANCE_LEVELS)),
    pillar: maybe(fc.constantFrom(...PILLARS)),
    minutes: fc.integer({ min: 1, max: 10_000 }),
  });
  const matrixArb = fc
    .uniqueArray(ruleArb, { selector: (r) => `${r.type}|${r.importance}|${r.pillar}`, maxLength: 20 })
    .map((rules) => {
      const all: SlaRule[] = rules
        .filter((r) => r.type || r.importance || r.pillar)
        .map((r, i) => ({
          id: `r${i}`,
          ...(r.type && { type: r.type }),
          ...(r.importance && { importance: r.importance }),
          ...(r.pillar && { pillar: r.pillar }),
          targets: { firstResponseMinutes: r.minutes, updateMinutes: r.minutes, resolutionMinutes: r.minutes },
        }));
      const fallback = { firstResponseMinutes: 1, updateMinutes: 1, resolutionMinutes: 1 };
      return SlaMatrix.parse({ rules: [{ id: 'all', targets: fallback }, ...all] });
    });

  it('picks a matching rule that no other matching rule outranks, whatever the order of rules', () => {
    fc.assert(
      fc.property(
        matrixArb,
        fc.constantFrom(...APPLICATION_TYPES),
        fc.constantFrom(...IMPORTANCE_LEVELS),
        fc.constantFrom(...PILLARS),
        (matrix, type, importance, pillar) => {
          const picked = slaTargetsFor(matrix, type, importance, pillar);
          const rule = matrix.rules.find((r) => r.id === picked.ruleId);
          if (!rule) throw new Error('picked an unknown rule');
          const matches = (r: SlaRule) =>
            (!r.type || r.type === type) &&
            (!r.importance || r.importance === importance) &&
            (!r.pillar || r.pillar === pillar);
          expect(matches(rule)).toBe(true);
          for (const other of matrix.rules.filter(matches)) {
            expect(slaRuleSpecificity(other)).toBeLessThanOrEqual(slaRuleSpecificity(rule));
          }
          const reversed = { rules: [...matrix.rules].reverse() };
          expect(slaTargetsFor(reversed, type, importance, pillar)).toEqual(picked);
        },
      ),
    );
  });

  it('a rule always beats every rule whose match is a subset of its own', () => {
    const masks = [0, 1, 2, 3, 4, 5, 6, 7];
    const asRule = (mask: number): SlaRule => ({
      id: String(mask),
      ...(mask & 4 ? { importance: 'high' as const } : {}),
      ...(mask & 2 ? { type: 'complaint' as const } : {}),
      ...(mask & 1 ? { pillar: 'deliveryTime' as const } : {}),
      targets: { firstResponseMinutes: 1, updateMinutes: 1, resolutionMinutes: 1 },
    });
    for (const a of masks) {
      for (const b of masks) {
        if (a !== b && (a & b) === a)
          expect(slaRuleSpecificity(asRule(b))).toBeGreaterThan(slaRuleSpecificity(asRule(a)));
      }
    }
  });

  it('in the default matrix, more importance never means a slower target', () => {
    for (const type of APPLICATION_TYPES) {
      for (const pillar of PILLARS) {
        const targets = IMPORTANCE_LEVELS.map((i) => slaTargetsFor(DEFAULT_SLA_MATRIX, type, i, pillar));
        for (let i = 1; i < targets.length; i++) {
          const [slower, faster] = [targets[i - 1], targets[i]];
          if (!slower || !faster) throw new Error('missing targets');
          expect(faster.firstResponseMinutes).toBeLessThanOrEqual(slower.firstResponseMinutes);
          expect(faster.updateMinutes).toBeLessThanOrEqual(slower.updateMinutes);
          expect(faster.resolutionMinutes).toBeLessThanOrEqual(slower.resolutionMinutes);
        }
      }
    }
  });
});
