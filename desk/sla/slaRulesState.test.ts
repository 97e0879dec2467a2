import { describe, expect, it } from 'vitest';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  DEFAULT_SLA_MATRIX,
  type WorkingCalendar,
} from '../../shared/sla';
import type { OutboxEntry } from '../outbox/outbox';
import { slaRulesState } from './slaRulesState';

const held = {
  calendar: DEFAULT_JORDAN_CALENDAR,
  matrix: DEFAULT_SLA_MATRIX,
  ladder: DEFAULT_LADDER_WINDOWS,
  version: 4,
};
const withClosure = (id: string): WorkingCalendar => ({
  ...DEFAULT_JORDAN_CALENDAR,
  entries: [
    ...DEFAULT_JORDAN_CALENDAR.entries,
    {
      kind: 'closure',
      id,
      source: 'Prime Ministry circular 7/2026',
      name: { ar: 'عطلة جوية', en: 'Weather closure' },
      period: { type: 'wholeDays', date: '2026-01-15', spanDays: 1 },
    },
  ],
});

let position = 0;
function entry(command: string, input: Record<string, unknown>, state: OutboxEntry['state'] = 'queued'): OutboxEntry {
  position++;
  return {
    position,
    clientId: `client-${position}`,
    command,
    // Rule edits carry what they were built on; the helper builds every one on the version held.
    input: {
      clientId: `client-${position}`,
      ...(command.startsWith('update') ? { basedOn: { version: 4 } } : {}),
      ...input,
    },
    caseId: null,
    queuedAt: '2026-01-14T08:00:00.000Z',
    state,
    attempts: 0,
    refusal: state === 'refused' ? { code: 'forbidden', message: 'Only administrators may do this' } : null,
    basis: null,
  };
}

describe('slaRulesState', () => {
  const cases: {
    name: string;
    outbox: OutboxEntry[];
    closures: string[];
    atRiskShare: number;
    edits: { command: string; state: string; reason: string }[];
  }[] = [
    { name: 'nothing queued: the draft is what is held', outbox: [], closures: [], atRiskShare: 0.8, edits: [] },
    {
      name: 'case commands are not rule edits',
      outbox: [entry('addNote', { caseId: '3f1b0c1e-3b0a-4d6f-9d2c-1a2b3c4d5e6f', body: 'x' })],
      closures: [],
      atRiskShare: 0.8,
      edits: [],
    },
    {
      name: 'the newest queued calendar wins, each kind on its own',
      outbox: [
        entry('updateWorkingCalendar', { calendar: withClosure('a'), reason: 'circular 1' }),
        entry('updateSlaMatrix', { matrix: { ...DEFAULT_SLA_MATRIX, atRiskShare: 0.7 }, reason: 'circular 2' }),
        entry('updateWorkingCalendar', { calendar: withClosure('b'), reason: 'circular 3' }),
      ],
      closures: ['b'],
      atRiskShare: 0.7,
      edits: [
        { command: 'updateWorkingCalendar', state: 'queued', reason: 'circular 1' },
        { command: 'updateSlaMatrix', state: 'queued', reason: 'circular 2' },
        { command: 'updateWorkingCalendar', state: 'queued', reason: 'circular 3' },
      ],
    },
    {
      name: 'a refused edit is listed but not built on',
      outbox: [entry('updateWorkingCalendar', { calendar: withClosure('a'), reason: 'weather' }, 'refused')],
      closures: [],
      atRiskShare: 0.8,
      edits: [{ command: 'updateWorkingCalendar', state: 'refused', reason: 'weather' }],
    },
    {
      name: 'an entry that no longer parses is listed but not built on',
      outbox: [entry('updateWorkingCalendar', { calendar: { weekendDays: 'x' }, reason: 'old desk' })],
      closures: [],
      atRiskShare: 0.8,
      edits: [{ command: 'updateWorkingCalendar', state: 'queued', reason: 'old desk' }],
    },
  ];
  it.each(cases)('$name', ({ outbox, closures, atRiskShare, edits }) => {
    const view = slaRulesState(held, outbox);
    expect(view.version).toBe(4);
    expect(view.held.calendar).toBe(DEFAULT_JORDAN_CALENDAR);
    expect(view.draft.calendar.entries.filter((e) => e.kind === 'closure').map((e) => e.id)).toEqual(closures);
    expect(view.draft.matrix.atRiskShare).toBe(atRiskShare);
    expect(view.edits.map(({ command, state, reason }) => ({ command, state, reason }))).toEqual(edits);
  });

  it('bases the next edit of each document on the version held, or on this desk’s newest queued edit of it', () => {
    expect(slaRulesState(held, []).basedOn).toEqual({
      calendar: { version: 4 },
      matrix: { version: 4 },
      ladder: { version: 4 },
    });
    const first = entry('updateWorkingCalendar', { calendar: withClosure('a'), reason: 'circular 1' });
    const second = entry('updateWorkingCalendar', { calendar: withClosure('b'), reason: 'circular 2' });
    const refused = entry('updateSlaMatrix', { matrix: DEFAULT_SLA_MATRIX, reason: 'circular 3' }, 'refused');
    expect(slaRulesState(held, [first, second, refused]).basedOn).toEqual({
      calendar: { clientId: second.clientId },
      // A refused edit is not built on: the next matrix edit starts from what the hub holds.
      matrix: { version: 4 },
      ladder: { version: 4 },
    });
    // The built-in defaults are the hub's version 0.
    expect(slaRulesState({ ...held, version: undefined }, []).basedOn.ladder).toEqual({ version: 0 });
  });

  it('says null for the version of the built-in defaults', () => {
    expect(slaRulesState({ ...held, version: undefined }, []).version).toBeNull();
  });
});
