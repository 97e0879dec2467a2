import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from './queueReader';
import { CaseReader } from '../cases/caseReader';
import { Outbox } from '../outbox/outbox';
import { CaseDetailService } from '../cases/caseDetailService';
import type { DeskSlaRules } from '../sla/deskSlaRules';
import { QueueQuery } from '../../shared/contract/deskContract';
import type { SlaState } from '../../shared/contract/clockFilters';
import { DEFAULT_SLA_MATRIX, addWorkingMinutes, nextWorkingMoment, slaTargetsFor } from '../../shared/sla';
import { CaseDetail } from '../../shared/contract/caseDetailContract';
import { CLOCK_ENTITIES, CLOCK_RULES } from '../../tests/support/clockCaseFixture';
import { caseRecord } from '../../tests/support/caseRecordFixture';

/** A working moment on a Sunday morning in Amman: the clock of the case that has used most starts here. */
const SUBMITTED = nextWorkingMoment(CLOCK_RULES.calendar, Date.parse('2026-11-29T06:00:00.000Z'));
const TARGET = slaTargetsFor(DEFAULT_SLA_MATRIX, 'complaint', 'high', 'deliveryTime').resolutionMinutes;
/** How much of its target each case has used at NOW, in working time. */
const USED = [0.4, 0.6, 0.85] as const;
const NOW = addWorkingMinutes(CLOCK_RULES.calendar, SUBMITTED, 0.85 * TARGET);

/** One case per share of its target used at NOW: its deadline is where its target runs out. */
const cases = USED.map((used, i) => {
  const submitted = addWorkingMinutes(CLOCK_RULES.calendar, SUBMITTED, (0.85 - used) * TARGET);
  return caseRecord({
    id: `018f0000-0000-7000-8000-00000000000${i + 1}`,
    number: `BK-26-000000${i + 1}`,
    entityId: 'ent-a',
    submittedAt: new Date(submitted).toISOString(),
    dueAt: new Date(addWorkingMinutes(CLOCK_RULES.calendar, submitted, TARGET)).toISOString(),
    updatedAt: new Date(submitted).toISOString(),
  });
});
const numberAt = (used: number) => cases[USED.indexOf(used as (typeof USED)[number])]!.number;

const withShare = (share: number | undefined): DeskSlaRules => ({
  ...CLOCK_RULES,
  matrix: share === undefined ? DEFAULT_SLA_MATRIX : { ...DEFAULT_SLA_MATRIX, atRiskShare: share },
});

function queue(rules: { current: DeskSlaRules }) {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  store.beginBootstrap('e', 1, { keepRows: false });
  store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
  store.writeSnapshotPage('cases', cases, null, true);
  store.completeBootstrap();
  const reader = new QueueReader(
    db,
    () => NOW,
    () => rules.current,
  );
  const query = (state: SlaState, sort: 'urgent' | 'newest' = 'urgent') =>
    QueueQuery.parse({ sort, limit: 100, filters: {}, clock: { slaState: [state] } });
  /** Where a case stands: in which state's filter and count, and the state its row shows. */
  const seen = (number: string) => {
    const states = (['atRisk', 'running'] as const).filter((state) =>
      reader.page(query(state)).rows.some((row) => row.number === number),
    );
    const counts = Object.fromEntries(
      (['atRisk', 'running'] as const).map((state) => [state, reader.count(query(state, 'newest'))]),
    );
    const row = reader
      .page(QueueQuery.parse({ sort: 'urgent', limit: 100, filters: {} }))
      .rows.find((r) => r.number === number)!;
    return { states, counts, row: row.sla?.state };
  };
  const detail = new CaseDetailService({
    cases: new CaseReader(db),
    outbox: new Outbox(db),
    rules: () => rules.current,
    now: () => NOW,
    fetchHistory: () => Promise.reject(new Error('no hub here')),
  });
  /** The case view's reading: its resolution clock's state, and where its meters put the at-risk mark. */
  const opened = async (number: string) => {
    const read = CaseDetail.parse(await detail.detail(cases.find((c) => c.number === number)!.id));
    return { state: read.timers.find((t) => t.kind === 'resolution')!.state, mark: read.atRiskShare };
  };
  return { seen, opened };
}

const TABLE: { share: number | undefined; used: number; state: 'atRisk' | 'running' }[] = [
  { share: 0.5, used: 0.6, state: 'atRisk' },
  { share: undefined, used: 0.6, state: 'running' },
  { share: 0.5, used: 0.4, state: 'running' },
  { share: undefined, used: 0.85, state: 'atRisk' },
  { share: 0.9, used: 0.85, state: 'running' },
  { share: 0.55, used: 0.6, state: 'atRisk' },
];

describe('the queue at risk by the rules’ share', () => {
  it.each(TABLE)(
    'share $share, $used of the target used: $state in the filter, the counts, the row and the case view',
    async ({ share, used, state }) => {
      const rules = withShare(share);
      const { seen, opened } = queue({ current: rules });
      const shown = seen(numberAt(used));
      expect(shown.states).toEqual([state]);
      expect(shown.row).toBe(state);
      // Each count is the cases whose share used is on that side of the rules' share.
      const threshold = share ?? DEFAULT_SLA_MATRIX.atRiskShare;
      expect(shown.counts).toEqual({
        atRisk: USED.filter((u) => u >= threshold).length,
        running: USED.filter((u) => u < threshold).length,
      });
      // The case view says the same, and marks its meters where the state turns.
      expect(await opened(numberAt(used))).toEqual({ state, mark: threshold });
    },
  );

  it('moves a case between at risk and running when the share changes while the selections are open', async () => {
    const rules = { current: withShare(undefined) };
    const { seen, opened } = queue(rules);
    const number = numberAt(0.6);
    expect(seen(number)).toEqual({ states: ['running'], counts: { atRisk: 1, running: 2 }, row: 'running' });
    expect(await opened(number)).toEqual({ state: 'running', mark: 0.8 });
    // The hub lowers the share (same instant): the windows already held are counted again under it.
    rules.current = withShare(0.5);
    expect(seen(number)).toEqual({ states: ['atRisk'], counts: { atRisk: 2, running: 1 }, row: 'atRisk' });
    expect(await opened(number)).toEqual({ state: 'atRisk', mark: 0.5 });
    rules.current = withShare(undefined);
    expect(seen(number)).toEqual({ states: ['running'], counts: { atRisk: 1, running: 2 }, row: 'running' });
    expect(await opened(number)).toEqual({ state: 'running', mark: 0.8 });
  });
});
