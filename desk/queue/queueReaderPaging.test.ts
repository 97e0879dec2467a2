import { describe, expect, it, vi } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from './queueReader';
import { QueueQuery, type QueueFilters, type QueueSort } from '../../shared/contract/deskContract';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import type { Change } from '../../shared/protocol/syncProtocol';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { CLOCK_ENTITIES } from '../../tests/support/clockCaseFixture';
import { createSeedRandom } from '../../shared/random/seedRandom';

const STATUSES = ['submitted', 'assigned', 'inProgress', 'awaitingCitizen', 'answered', 'closed', 'reopened'] as const;
/** The same three entities as the clock queue's tests: two health, one economy. */
const ENTITIES = CLOCK_ENTITIES;

/** Cases spread over every facet, with ties on deadlines and submission times, and some without a deadline. */
function makeCases(count: number, seed: number, serialFrom = 0): CaseRecord[] {
  const rng = createSeedRandom(seed);
  return Array.from({ length: count }, (_, k) => {
    const i = serialFrom + k;
    const day = String(1 + rng.int(0, 27)).padStart(2, '0');
    return caseRecord({
      id: `018f0000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      number: `BK-26-${String(i).padStart(7, '0')}`,
      entityId: rng.pick(ENTITIES).id,
      focalPointId: rng.pick(['fp-001', 'fp-002', null]),
      type: rng.pick(['complaint', 'inquiry', 'report'] as const),
      channel: rng.pick(['web', 'mobile', 'callCentre'] as const),
      importance: rng.pick(['normal', 'high', 'critical'] as const),
      escalationLevel: rng.pick(['focalPoint', 'director'] as const),
      status: rng.pick(STATUSES),
      submittedAt: `2026-10-${day}T10:00:00.000Z`,
      dueAt: rng.chance(0.05) ? null : `2026-11-${day}T${String(rng.int(10, 12))}:00:00.000Z`,
      seq: 10 + i,
    });
  });
}

/** The queue's order as the reader defined it before keyset paging, straight from SQL: the truth to compare with. */
function truth(
  db: ReturnType<typeof openReplicaDatabase>['db'],
  sort: QueueSort,
  openOnly: boolean,
  filters: QueueFilters,
) {
  const columns: Record<string, string> = {
    entityId: 'c.entity_id',
    sector: 'e.sector',
    type: 'c.type',
    channel: 'c.channel',
    importance: 'c.importance',
    status: 'c.status',
    focalPointId: 'c.focal_point_id',
  };
  const clauses = openOnly ? ['c.is_open = 1'] : [];
  for (const [key, values] of Object.entries(filters) as [string, string[]][]) {
    clauses.push(`${columns[key]} IN (${values.map((v) => `'${v}'`).join(', ')})`);
  }
  const order = sort === 'urgent' ? 'c.is_open DESC, c.due_at, c.id' : 'c.submitted_at DESC, c.id DESC';
  return db
    .prepare(
      `SELECT c.number FROM cases c LEFT JOIN entities e ON e.id = c.entity_id
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${order}`,
    )
    .pluck()
    .all() as string[];
}

const SELECTIONS: [string, boolean, QueueFilters][] = [
  ['every case', false, {}],
  ['open cases', true, {}],
  ['two statuses', false, { status: ['assigned', 'closed'] }],
  ['two entities', false, { entityId: ['ent-a', 'ent-c'] }],
  ['one entity, open', true, { entityId: ['ent-b'] }],
  ['a sector', false, { sector: ['health'] }],
  ['a focal point', false, { focalPointId: ['fp-002'] }],
  ['type and channel', false, { type: ['complaint'], channel: ['web', 'mobile'] }],
  ['entity and type (no counter table)', true, { entityId: ['ent-a'], type: ['inquiry'] }],
];

describe.each(['urgent', 'newest'] as const)('queue windows, %s first', (sort) => {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  store.beginBootstrap('e', 1, { keepRows: false });
  store.writeSnapshotPage('entities', ENTITIES, null, true);
  store.writeSnapshotPage('cases', makeCases(3200, 3), null, true);
  store.completeBootstrap();
  const reader = new QueueReader(db);

  const check = (openOnly: boolean, filters: QueueFilters) => {
    const expected = truth(db, sort, openOnly, filters);
    const page = (extra: object) => reader.page(QueueQuery.parse({ sort, openOnly, filters, limit: 100, ...extra }));
    const numbers = (extra: object) => page(extra).rows.map((r) => r.number);
    const first = page({});
    expect(first.total).toBe(expected.length);
    expect(first.rows.map((r) => r.number)).toEqual(expected.slice(0, 100));
    // Positions: near the start, past the ladder's first rungs, and the last pages (End).
    for (const position of [7, 1050, 1999, 2400, expected.length - 100, expected.length - 30]) {
      if (position < 0 || position >= expected.length) continue;
      expect(numbers({ offset: position }), `position ${position}`).toEqual(expected.slice(position, position + 100));
    }
    // By key: three pages on from the first, then one back.
    let current = first;
    for (let n = 1; n <= 3 && current.last; n++) {
      current = page({ after: current.last, offset: n * 100 });
      expect(current.rows.map((r) => r.number)).toEqual(expected.slice(n * 100, n * 100 + 100));
    }
    if (current.first && expected.length > 300) {
      expect(numbers({ before: current.first, offset: 200 })).toEqual(expected.slice(200, 300));
    }
  };

  it.each(SELECTIONS)('%s: pages by position and by key match the full order', (_what, openOnly, filters) => {
    check(openOnly, filters);
  });

  it.each(SELECTIONS)(
    '%s: counts and positions stay exact as cases arrive, change and leave',
    (_what, openOnly, filters) => {
      check(openOnly, filters); // the window and its ladder exist before the changes
      const rng = createSeedRandom(sort === 'urgent' ? 17 : 19);
      const numbers = new Map(
        (db.prepare('SELECT id, number FROM cases ORDER BY id').all() as { id: string; number: string }[]).map((r) => [
          r.id,
          r.number,
        ]),
      );
      const held = [...numbers.keys()];
      const seq = () => store.lastAppliedSeq + changes.length + 1;
      const changes: Change[] = [];
      for (const row of makeCases(60, rng.int(1, 1000), 10_000 + store.lastAppliedSeq * 100)) {
        changes.push({ seq: seq(), table: 'cases', op: 'upsert', id: row.id, row: { ...row, seq: seq() } });
      }
      for (let i = 0; i < 40; i++) {
        const id = rng.pick(held);
        const [moved] = makeCases(1, rng.int(1, 1000));
        changes.push({
          seq: seq(),
          table: 'cases',
          op: 'upsert',
          id,
          row: { ...moved!, id, number: numbers.get(id)!, seq: 1_000_000 + seq() },
        });
      }
      for (let i = 0; i < 30; i++) {
        const id = rng.pick(held);
        changes.push({ seq: seq(), table: 'cases', op: 'delete', id, row: null });
      }
      store.applyChanges(store.lastAppliedSeq, changes);
      check(openOnly, filters);
    },
  );
});

describe('a ladder built in the background', () => {
  it('stays exact when cases change between its goes, and a jump finishes it', async () => {
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    store.beginBootstrap('e', 1, { keepRows: false });
    store.writeSnapshotPage('entities', ENTITIES, null, true);
    store.writeSnapshotPage('cases', makeCases(4000, 5), null, true);
    store.completeBootstrap();
    const reader = new QueueReader(db);
    const ask = (offset: number) =>
      reader.page(QueueQuery.parse({ sort: 'urgent', limit: 100, offset })).rows.map((r) => r.number);
    ask(0); // asks for the selection: its ladder starts building between calls
    let serial = 50_000;
    for (let round = 0; round < 4; round++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const rows = makeCases(25, 100 + round, serial);
      serial += 25;
      const seq = store.lastAppliedSeq;
      store.applyChanges(
        seq,
        rows.map((row, i) => ({ seq: seq + i + 1, table: 'cases', op: 'upsert', id: row.id, row: { ...row, seq: 0 } })),
      );
    }
    const expected = truth(db, 'urgent', false, {});
    for (const position of [1500, 2600, 3333]) {
      expect(ask(position), `position ${position}`).toEqual(expected.slice(position, position + 100));
    }
    db.close();
  });

  it('mends the gap new cases open before its first rung instead of building it again', async () => {
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    store.beginBootstrap('e', 1, { keepRows: false });
    store.writeSnapshotPage('entities', ENTITIES, null, true);
    store.writeSnapshotPage('cases', makeCases(4000, 7), null, true);
    store.completeBootstrap();
    const reader = new QueueReader(db);
    const ask = (offset: number) =>
      reader.page(QueueQuery.parse({ sort: 'newest', limit: 100, offset })).rows.map((r) => r.number);
    ask(1500); // a jump into the middle builds the whole ladder at once
    const rebuilt = vi.spyOn(reader as unknown as { startLadder: () => void }, 'startLadder');
    // Live traffic: new cases, newest of all, land before the first rung while the first page is read again.
    let serial = 60_000;
    for (let round = 0; round < 6; round++) {
      const rows = makeCases(30, 200 + round, serial).map((row, i) => ({
        ...row,
        submittedAt: `2026-11-${String(20 + round).padStart(2, '0')}T10:00:${String(i).padStart(2, '0')}.000Z`,
      }));
      serial += 30;
      const seq = store.lastAppliedSeq;
      store.applyChanges(
        seq,
        rows.map((row, i) => ({ seq: seq + i + 1, table: 'cases', op: 'upsert', id: row.id, row: { ...row, seq: 0 } })),
      );
      ask(0);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    const expected = truth(db, 'newest', false, {});
    for (const position of [150, 1500, 2600, 4080]) {
      expect(ask(position), `position ${position}`).toEqual(expected.slice(position, position + 100));
    }
    expect(rebuilt).not.toHaveBeenCalled();
    db.close();
  });
});
