import { describe, expect, it } from 'vitest';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_LADDER_WINDOWS, DEFAULT_SLA_MATRIX } from '../../shared/sla';
import { SlaRulesDocument } from '../../shared/protocol/slaRulesProtocol';
import { heldRulesVersion, nextHeldRules, readRulesNotice, rulesFetchNeeded } from './slaRulesUpdate';

const rules = (version: number, patch: Record<string, unknown> = {}) => ({
  version,
  calendar: DEFAULT_JORDAN_CALENDAR,
  matrix: DEFAULT_SLA_MATRIX,
  ladder: DEFAULT_LADDER_WINDOWS,
  ...patch,
});
/** Rules as the desk holds them: the parsed form, as text. */
const heldText = (version: number) => JSON.stringify(SlaRulesDocument.parse(rules(version)));

describe('which SLA rules version the desk holds', () => {
  it.each<[string, string | null, number | null]>([
    ['none held', null, null],
    ['an empty meta', '', null],
    ['rules held', heldText(4), 4],
    ['rules from a desk that kept them whole, version and all', JSON.stringify({ ...rules(0), extra: 1 }), 0],
    ['text that is not JSON', '{"version":', null],
    ['JSON without a version', JSON.stringify({ calendar: {} }), null],
  ])('%s', (_name, text, version) => {
    expect(heldRulesVersion(text)).toBe(version);
  });
});

describe('whether to fetch the rules', () => {
  it.each<[string, number | null, number | undefined, boolean]>([
    ['none held', null, 3, true],
    ['none held, and a hub too old to say', null, undefined, true],
    ['a hub too old to say', 3, undefined, true],
    ['the same version', 3, 3, false],
    ['a newer version on the hub', 3, 4, true],
    ['an older version on the hub (its database restored): the hub rules', 5, 2, true],
    ['the defaults on both sides', 0, 0, false],
  ])('%s', (_name, held, hub, needed) => {
    expect(rulesFetchNeeded(held, hub)).toBe(needed);
  });
});

describe('a sla:rules event', () => {
  it.each<[string, unknown]>([
    ['a version', { version: 7 }],
    ['none saved yet', { version: 0 }],
  ])('is read: %s', (_name, raw) => {
    expect(readRulesNotice(raw, 3)).toEqual({ ok: true, version: (raw as { version: number }).version });
  });

  it.each<[string, unknown]>([
    ['a bare number', 7],
    ['a version as text', { version: '7' }],
    ['a negative version', { version: -1 }],
    ['a fractional version', { version: 2.5 }],
    ['no version', {}],
    ['the rules themselves', rules(7)],
    ['null', null],
  ])('is refused, saying what is kept: %s', (_name, raw) => {
    const reading = readRulesNotice(raw, 3);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? '' : reading.problem).toMatch(/unknown shape .*keeping the rules held \(version 3\)/);
  });
});

describe("what the desk does with the hub's rules", () => {
  it('replaces what it holds with new rules, stored in their parsed form', () => {
    const decision = nextHeldRules(heldText(3), rules(4));
    expect(decision).toEqual({ action: 'replace', version: 4, text: heldText(4) });
  });

  it('takes the first rules when it holds none', () => {
    expect(nextHeldRules(null, rules(0))).toMatchObject({ action: 'replace', version: 0 });
  });

  it('keeps what it holds when the rules are the same', () => {
    expect(nextHeldRules(heldText(4), rules(4))).toEqual({ action: 'keep' });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'rules', /the payload/],
    ['no version', { ...rules(4), version: undefined }, /version/],
    ['a version as text', rules(4, { version: '4' }), /version/],
    ['no calendar', { ...rules(4), calendar: undefined }, /calendar/],
    ['a calendar without working hours', rules(4, { calendar: { weekendDays: [5, 6] } }), /calendar\.workingHours/],
    [
      'a week without a working day',
      rules(4, { calendar: { ...DEFAULT_JORDAN_CALENDAR, weekendDays: [0, 1, 2, 3, 4, 5, 6] } }),
      /weekendDays/,
    ],
    ['a matrix of the wrong shape', rules(4, { matrix: [] }), /matrix/],
    ['no ladder', { ...rules(4), ladder: undefined }, /ladder/],
  ])('refuses %s, and says it keeps what it holds', (_name, fetched, where) => {
    const decision = nextHeldRules(heldText(3), fetched);
    expect(decision.action).toBe('refuse');
    const problem = decision.action === 'refuse' ? decision.problem : '';
    expect(problem).toMatch(where);
    expect(problem).toContain('failed validation');
    expect(problem).toContain('keeping the rules held (version 3)');
  });

  it('refuses bad rules when it holds none, and says the built-in rules count meanwhile', () => {
    expect(nextHeldRules(null, {})).toMatchObject({
      action: 'refuse',
      problem: expect.stringContaining('counting with the built-in rules meanwhile'),
    });
  });
});
