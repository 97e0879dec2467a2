import { describe, expect, it } from 'vitest';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  DEFAULT_SLA_MATRIX,
  type WorkingCalendar,
} from '../../shared/sla';
import type { OutboxEntry } from '../outbox/outbox';
import { reapplyPlan } from './ruleReapply';
import { slaRulesState } from './slaRulesState';

const closure = (id: string) => ({
  kind: 'closure' as const,
  id,
  source: 'Prime Ministry circular 7/2026',
  name: { ar: 'عطلة جوية', en: `Closure ${id}` },
  period: { type: 'wholeDays' as const, date: '2026-01-15', spanDays: 1 },
});
const calendarWith = (...ids: string[]): WorkingCalendar => ({
  ...DEFAULT_JORDAN_CALENDAR,
  entries: [...DEFAULT_JORDAN_CALENDAR.entries, ...ids.map(closure)],
});
const rules = (calendar: WorkingCalendar, version: number) => ({
  calendar,
  matrix: DEFAULT_SLA_MATRIX,
  ladder: DEFAULT_LADDER_WINDOWS,
  version,
});
const refused = (calendar: WorkingCalendar, basis: WorkingCalendar | null): OutboxEntry => ({
  position: 1,
  clientId: 'refused-1',
  command: 'updateWorkingCalendar',
  input: { clientId: 'refused-1', calendar, basedOn: { version: 4 }, reason: 'Circular 7/2026' },
  caseId: null,
  queuedAt: '2026-01-14T08:00:00.000Z',
  state: 'refused',
  attempts: 1,
  refusal: { code: 'rulesChanged', message: 'The working calendar changed after version 4…' },
  basis: basis && { calendar: basis },
});

// A refused edit's own change, applied to the rules the desk holds now (which another administrator changed).
describe('reapplyPlan', () => {
  it('queues the edit’s own change on the newer rules, built on their version, with the same reason', () => {
    const entry = refused(calendarWith('mine'), calendarWith());
    const view = slaRulesState(rules(calendarWith('theirs'), 6), [entry]);
    expect(reapplyPlan(entry, 'updateWorkingCalendar', view)).toEqual({
      outcome: 'queue',
      input: { calendar: calendarWith('theirs', 'mine'), basedOn: { version: 6 }, reason: 'Circular 7/2026' },
      basis: { calendar: calendarWith('theirs') },
    });
  });

  it('builds on this desk’s newer queued edit of the same document, when there is one', () => {
    const entry = refused(calendarWith('mine'), calendarWith());
    const queued: OutboxEntry = {
      ...entry,
      position: 2,
      clientId: 'queued-2',
      state: 'queued',
      refusal: null,
      input: { clientId: 'queued-2', calendar: calendarWith('later'), basedOn: { version: 6 }, reason: 'x' },
    };
    const plan = reapplyPlan(entry, 'updateWorkingCalendar', slaRulesState(rules(calendarWith(), 6), [entry, queued]));
    expect(plan).toMatchObject({
      outcome: 'queue',
      input: { calendar: calendarWith('later', 'mine'), basedOn: { clientId: 'queued-2' } },
    });
  });

  it('has nothing to send when the rules already hold the change', () => {
    const entry = refused(calendarWith('mine'), calendarWith());
    expect(reapplyPlan(entry, 'updateWorkingCalendar', slaRulesState(rules(calendarWith('mine'), 6), [entry]))).toEqual({
      outcome: 'alreadyApplied',
    });
  });

  it('names the clash when the newer rules changed the same entry', () => {
    const entry = refused(
      { ...calendarWith(), entries: calendarWith().entries.filter((e) => e.id !== 'christmas') },
      calendarWith(),
    );
    const theirs = {
      ...calendarWith(),
      entries: calendarWith().entries.map((e) => (e.id === 'christmas' ? { ...e, source: 'circular 9' } : e)),
    };
    const plan = reapplyPlan(entry, 'updateWorkingCalendar', slaRulesState(rules(theirs, 6), [entry]));
    expect(plan).toMatchObject({ outcome: 'clash', parts: [{ part: 'entry', id: 'christmas' }], problem: null });
  });

  it('cannot without what the edit was built on (an older desk queued it)', () => {
    const entry = refused(calendarWith('mine'), null);
    expect(reapplyPlan(entry, 'updateWorkingCalendar', slaRulesState(rules(calendarWith(), 6), [entry]))).toEqual({
      outcome: 'cannot',
    });
  });
});
