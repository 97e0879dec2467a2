import type { CaseRecord } from '../../shared/domain/caseRecord';
import type { EntityRecord } from '../../shared/domain/entityRecord';
import type { ClockFilters } from '../../shared/contract/clockFilters';
import type { QueueFilters, QueueSort } from '../../shared/contract/deskContract';
import { createSeedRandom } from '../../shared/random/seedRandom';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  DEFAULT_SLA_MATRIX,
  ammanWallTime,
  ammanWallToUtc,
  atRiskShareOf,
  deadlineTimer,
  slaTargetsFor,
} from '../../shared/sla';
import { OPEN_STATUSES } from '../../shared/domain/taxonomy';
import { caseRecord } from './caseRecordFixture';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const CLOCK_RULES = {
  calendar: DEFAULT_JORDAN_CALENDAR,
  matrix: DEFAULT_SLA_MATRIX,
  ladder: DEFAULT_LADDER_WINDOWS,
};

const entity = (id: string, sector: EntityRecord['sector']): EntityRecord => ({
  id,
  code: id,
  nameAr: id,
  nameEn: id,
  sector,
  kind: 'ministry',
  parentId: null,
  seq: 1,
});
export const CLOCK_ENTITIES = [entity('ent-a', 'health'), entity('ent-b', 'health'), entity('ent-c', 'economy')];

const STATUSES = [
  'submitted',
  'assigned',
  'inProgress',
  'inProgress',
  'awaitingCitizen',
  'answered',
  'closed',
  'reopened',
] as const;

/**
 * Cases whose deadlines lie around `nowMs` (from ten days before to twelve
 * after, thickest in the hours either side), so that time passing moves
 * cases across every boundary the clock filters have; answered ones on time
 * or late, some awaiting the citizen, some with no deadline, last changes over
 * the past ten days, and ties on deadlines.
 */
export function clockCases(count: number, seed: number, nowMs: number, serialFrom = 0): CaseRecord[] {
  const rng = createSeedRandom(seed);
  return Array.from({ length: count }, (_, k) => {
    const i = serialFrom + k;
    const near = rng.chance(0.5);
    const offset = near ? rng.int(-36 * 60, 36 * 60) * MINUTE : rng.int(-10 * 24 * 60, 12 * 24 * 60) * MINUTE;
    // Deadlines on whole minutes (so several cases share one) or to the millisecond.
    const due = rng.chance(0.3) ? nowMs + offset : nowMs + offset + rng.int(0, MINUTE - 1);
    const status = rng.pick(STATUSES);
    const submitted = Math.min(due, nowMs) - rng.int(1, 30) * DAY;
    const answered = status === 'answered' || (status === 'closed' && rng.chance(0.9));
    const answeredAt = answered ? Math.min(nowMs, due + rng.int(-3 * 24 * 60, 24 * 60) * MINUTE) : null;
    return caseRecord({
      id: `018f0000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      number: `BK-26-${String(i).padStart(7, '0')}`,
      entityId: rng.pick(CLOCK_ENTITIES).id,
      focalPointId: rng.pick(['fp-001', 'fp-002', null]),
      type: rng.pick(['complaint', 'inquiry', 'report', 'suggestion'] as const),
      channel: rng.pick(['web', 'mobile', 'callCentre'] as const),
      pillar: rng.pick(['deliveryTime', 'serviceQuality', 'deliveryInfrastructure'] as const),
      importance: rng.pick(['low', 'normal', 'high', 'critical'] as const),
      escalationLevel: rng.pick(['focalPoint', 'director'] as const),
      status,
      submittedAt: new Date(submitted).toISOString(),
      dueAt: rng.chance(0.04) ? null : new Date(due).toISOString(),
      answeredAt: answeredAt === null ? null : new Date(answeredAt).toISOString(),
      updatedAt: new Date(nowMs - rng.int(0, 10 * 24 * 60) * MINUTE).toISOString(),
      seq: 10 + i,
    });
  });
}

/** A query under clock filters, as the tests walk it. */
export interface ClockCase {
  sort: QueueSort;
  openOnly: boolean;
  filters: QueueFilters;
  clock: ClockFilters;
}

/**
 * Which cases a clock query selects at `nowMs`, in the queue's order, worked
 * out apart from the reader: the SLA state as each row shows it
 * (shared/sla/deadlineTimer.ts), "breached today" as an open case whose
 * deadline passed since midnight in Amman, "unchanged" by its last change.
 */
export function clockTruth(
  rows: readonly CaseRecord[],
  query: ClockCase,
  nowMs: number,
  rules: Pick<typeof CLOCK_RULES, 'calendar' | 'matrix'> = CLOCK_RULES,
): string[] {
  const wall = ammanWallTime(nowMs);
  const midnight = ammanWallToUtc(wall.year, wall.month, wall.day);
  const open = new Set<string>(OPEN_STATUSES);
  const sectors = new Map(CLOCK_ENTITIES.map((e) => [e.id, e.sector as string]));
  const keep = rows.filter((row) => {
    const isOpen = open.has(row.status);
    if (query.openOnly && !isOpen) return false;
    for (const [facet, values] of Object.entries(query.filters) as [keyof QueueFilters, string[]][]) {
      if (!values?.length) continue;
      const value = facet === 'sector' ? sectors.get(row.entityId) : row[facet];
      if (!values.includes(value as string)) return false;
    }
    const due = row.dueAt ? Date.parse(row.dueAt) : null;
    const answered = row.answeredAt !== null && (row.status === 'answered' || row.status === 'closed');
    if (query.clock.slaState?.length) {
      const timer = deadlineTimer(
        {
          status: row.status,
          dueAtMs: due,
          answeredAtMs: row.answeredAt ? Date.parse(row.answeredAt) : null,
          targetMinutes: slaTargetsFor(rules.matrix, row.type, row.importance, row.pillar).resolutionMinutes,
          nowMs,
          atRiskThreshold: atRiskShareOf(rules),
        },
        rules.calendar,
      );
      if (!timer || !query.clock.slaState.includes(timer.state)) return false;
    }
    if (query.clock.breachedToday) {
      if (!isOpen || due === null || answered || !(due < nowMs && due >= midnight)) return false;
    }
    if (query.clock.unchangedDays) {
      if (!isOpen || !(Date.parse(row.updatedAt) < nowMs - query.clock.unchangedDays * DAY)) return false;
    }
    return true;
  });
  const urgentKey = (row: CaseRecord) => `${open.has(row.status) ? '0' : '1'}${row.dueAt ?? ''}`;
  const compare = (a: CaseRecord, b: CaseRecord) => {
    const [ka, kb] = query.sort === 'urgent' ? [urgentKey(a), urgentKey(b)] : [b.submittedAt, a.submittedAt];
    if (ka !== kb) return ka < kb ? -1 : 1;
    const [ia, ib] = query.sort === 'urgent' ? [a.id, b.id] : [b.id, a.id];
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  return keep.sort(compare).map((row) => row.number);
}
