import { describe, expect, it } from 'vitest';
import { DEFAULT_JORDAN_CALENDAR, type WorkingCalendar } from './workingCalendar';
import { DEFAULT_SLA_MATRIX, type SlaMatrix, WORKING_DAY_MINUTES } from './slaMatrix';
import { DEFAULT_LADDER_WINDOWS, type LadderWindows } from './ladderWindows';
import {
  type RuleKind,
  mergeRuleDocuments,
  ruleChangesText,
  ruleDocumentChanges,
  rulePartText,
  sameRuleValue,
} from './ruleDocuments';

const closure = (id: string, en = `Closure ${id}`) => ({
  kind: 'closure' as const,
  id,
  source: 'Prime Ministry circular',
  name: { ar: 'عطلة', en },
  period: { type: 'wholeDays' as const, date: '2026-02-10', spanDays: 1 },
});
const calendar = (change: (c: WorkingCalendar) => WorkingCalendar = (c) => c): WorkingCalendar =>
  change({ ...DEFAULT_JORDAN_CALENDAR, entries: [...DEFAULT_JORDAN_CALENDAR.entries] });
const withEntry = (c: WorkingCalendar, entry: WorkingCalendar['entries'][number]) => ({
  ...c,
  entries: [...c.entries, entry],
});
const without = (c: WorkingCalendar, id: string) => ({ ...c, entries: c.entries.filter((e) => e.id !== id) });
const matrix = (change: Partial<SlaMatrix> = {}): SlaMatrix => ({ ...DEFAULT_SLA_MATRIX, ...change });
const rule = (id: string, resolutionMinutes: number) => ({
  id,
  type: 'complaint' as const,
  importance: 'critical' as const,
  targets: { firstResponseMinutes: 60, updateMinutes: 120, resolutionMinutes },
});
const ladder = (change: Partial<LadderWindows> = {}): LadderWindows => ({ ...DEFAULT_LADDER_WINDOWS, ...change });

describe('sameRuleValue', () => {
  it('compares JSON values whatever the order of keys, and tells arrays in another order apart', () => {
    expect(sameRuleValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameRuleValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameRuleValue([1, 2], [2, 1])).toBe(false);
    expect(sameRuleValue(0.8, 0.7)).toBe(false);
  });
});

describe('ruleDocumentChanges', () => {
  const cases: { name: string; kind: RuleKind; before: unknown; after: unknown; text: string }[] = [
    { name: 'nothing changed', kind: 'calendar', before: calendar(), after: calendar(), text: '' },
    {
      name: 'a closure added and a holiday removed',
      kind: 'calendar',
      before: calendar(),
      after: calendar((c) => without(withEntry(c, closure('storm', 'Storm closure')), 'labour-day')),
      text: 'added “Storm closure”; removed “Labour Day”',
    },
    {
      name: 'the working hours changed',
      kind: 'calendar',
      before: calendar(),
      after: calendar((c) => ({ ...c, workingHours: { start: '08:30', end: '15:30', breaks: [] } })),
      text: 'changed the working hours',
    },
    {
      name: 'a matrix rule added and the at-risk share changed',
      kind: 'matrix',
      before: matrix(),
      after: matrix({ atRiskShare: 0.7, rules: [...DEFAULT_SLA_MATRIX.rules, rule('x', 600)] }),
      text: 'changed the at-risk share; added the complaint · critical rule',
    },
    {
      name: 'a default window and an entity’s windows',
      kind: 'ladder',
      before: ladder(),
      after: ladder({ director: WORKING_DAY_MINUTES, entities: { MOH: { director: 60 } } }),
      text: 'changed the director’s window; added MOH’s windows',
    },
    {
      name: 'a ladder stored before overrides existed is the same as one with none',
      kind: 'ladder',
      before: ladder(),
      after: ladder({ entities: {} }),
      text: '',
    },
  ];
  it.each(cases)('$name', ({ kind, before, after, text }) => {
    expect(ruleChangesText(ruleDocumentChanges(kind, before, after))).toBe(text);
  });

  it('says how many more when there are many', () => {
    const after = calendar((c) => ({ ...c, entries: [...c.entries, ...['a', 'b', 'c'].map((id) => closure(id))] }));
    expect(ruleChangesText(ruleDocumentChanges('calendar', calendar(), after), 2)).toBe(
      'added “Closure a”; added “Closure b”; and 1 more',
    );
  });
});

describe('mergeRuleDocuments', () => {
  type Case = {
    name: string;
    kind: RuleKind;
    base: unknown;
    mine: unknown;
    theirs: unknown;
    expected: unknown;
  };
  const cases: Case[] = [
    {
      name: 'two closures added at once: both kept, theirs first',
      kind: 'calendar',
      base: calendar(),
      mine: calendar((c) => withEntry(c, closure('mine'))),
      theirs: calendar((c) => withEntry(c, closure('theirs'))),
      expected: calendar((c) => withEntry(withEntry(c, closure('theirs')), closure('mine'))),
    },
    {
      name: 'mine removes one holiday, theirs another',
      kind: 'calendar',
      base: calendar(),
      mine: calendar((c) => without(c, 'christmas')),
      theirs: calendar((c) => without(c, 'labour-day')),
      expected: calendar((c) => without(without(c, 'labour-day'), 'christmas')),
    },
    {
      name: 'the same closure added by both is no clash',
      kind: 'calendar',
      base: calendar(),
      mine: calendar((c) => withEntry(c, closure('storm'))),
      theirs: calendar((c) => withEntry(c, closure('storm'))),
      expected: calendar((c) => withEntry(c, closure('storm'))),
    },
    {
      name: 'mine edits a rule, theirs the at-risk share',
      kind: 'matrix',
      base: matrix({ rules: [...DEFAULT_SLA_MATRIX.rules, rule('x', 600)] }),
      mine: matrix({ rules: [...DEFAULT_SLA_MATRIX.rules, rule('x', 900)] }),
      theirs: matrix({ rules: [...DEFAULT_SLA_MATRIX.rules, rule('x', 600)], atRiskShare: 0.7 }),
      expected: matrix({ rules: [...DEFAULT_SLA_MATRIX.rules, rule('x', 900)], atRiskShare: 0.7 }),
    },
    {
      name: 'mine changes the defaults, theirs adds an entity’s windows',
      kind: 'ladder',
      base: ladder(),
      mine: ladder({ director: 3 * WORKING_DAY_MINUTES }),
      theirs: ladder({ entities: { MOH: { director: 60 } } }),
      expected: ladder({ director: 3 * WORKING_DAY_MINUTES, entities: { MOH: { director: 60 } } }),
    },
    {
      name: 'mine removes an entity’s windows that theirs left alone',
      kind: 'ladder',
      base: ladder({ entities: { MOH: { director: 60 }, MOE: { director: 90 } } }),
      mine: ladder({ entities: { MOE: { director: 90 } } }),
      theirs: ladder({ focalPoint: 60, entities: { MOH: { director: 60 }, MOE: { director: 90 } } }),
      expected: ladder({ focalPoint: 60, entities: { MOE: { director: 90 } } }),
    },
  ];
  it.each(cases)('$name', ({ kind, base, mine, theirs, expected }) => {
    const merged = mergeRuleDocuments(kind, base, mine, theirs);
    expect(merged).toMatchObject({ ok: true, unchanged: sameRuleValue(expected, theirs) });
    expect(merged.ok && merged.document).toEqual(expected);
  });

  it('says when the newer rules already hold every change', () => {
    const mine = calendar((c) => withEntry(c, closure('storm')));
    expect(mergeRuleDocuments('calendar', calendar(), mine, mine)).toMatchObject({ ok: true, unchanged: true });
  });

  const clashes: (Omit<Case, 'expected'> & { parts: string[]; problem?: boolean })[] = [
    {
      name: 'both change the at-risk share, differently',
      kind: 'matrix',
      base: matrix(),
      mine: matrix({ atRiskShare: 0.7 }),
      theirs: matrix({ atRiskShare: 0.9 }),
      parts: ['the at-risk share'],
    },
    {
      name: 'mine edits a closure that theirs removed',
      kind: 'calendar',
      base: calendar((c) => withEntry(c, closure('storm', 'Storm'))),
      mine: calendar((c) => withEntry(c, { ...closure('storm', 'Storm'), source: 'circular 2' })),
      theirs: calendar(),
      parts: ['“Storm”'],
    },
    {
      name: 'both set the same rung differently',
      kind: 'ladder',
      base: ladder(),
      mine: ladder({ director: 60 }),
      theirs: ladder({ director: 120 }),
      parts: ['the director’s window'],
    },
    {
      name: 'two rules for the same cases, under different ids: each merges, the whole is refused',
      kind: 'matrix',
      base: matrix(),
      mine: matrix({ rules: [...DEFAULT_SLA_MATRIX.rules, rule('mine', 600)] }),
      theirs: matrix({ rules: [...DEFAULT_SLA_MATRIX.rules, rule('theirs', 900)] }),
      parts: ['the complaint · critical rule'],
      problem: true,
    },
  ];
  it.each(clashes)('clash: $name', ({ kind, base, mine, theirs, parts, problem }) => {
    const merged = mergeRuleDocuments(kind, base, mine, theirs);
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.clashes.map(rulePartText)).toEqual(parts);
    expect(merged.problem !== null).toBe(Boolean(problem));
  });
});
