import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateReplica, openReplicaDatabase } from '../openReplicaDatabase';
import { ReplicaStore } from '../replicaStore';
import { QueueReader } from '../../queue/queueReader';
import { REPLICA_MIGRATIONS } from './index';
import { v015 } from './v015_pause_start';
import { QueueQuery } from '../../../shared/contract/deskContract';
import type { CaseRecord } from '../../../shared/domain/caseRecord';
import { CLOCK_ENTITIES, CLOCK_RULES } from '../../../tests/support/clockCaseFixture';
import { caseRecord } from '../../../tests/support/caseRecordFixture';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < v015.version);
/** Tuesday 10:00 in Amman. */
const NOW = Date.parse('2026-11-24T07:00:00.000Z');

const at = (n: number, overrides: Partial<CaseRecord>): CaseRecord =>
  caseRecord({
    id: `018f0000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    number: `BK-26-${String(n).padStart(7, '0')}`,
    entityId: CLOCK_ENTITIES[0]!.id,
    submittedAt: '2026-11-22T06:00:00.000Z',
    dueAt: '2026-11-23T09:00:00.000Z',
    seq: 10 + n,
    ...overrides,
  });

// Due Monday 12:00; seen on Tuesday 10:00.
const CASES = [
  // Awaiting the citizen since Sunday 10:00, before the deadline.
  at(1, { status: 'awaitingCitizen', pauses: [{ from: '2026-11-22T07:00:00.000Z', to: null }] }),
  // Since Monday 13:00, after it.
  at(2, { status: 'awaitingCitizen', pauses: [{ from: '2026-11-23T10:00:00.000Z', to: null }] }),
  // Waited before, and again since Sunday 11:00.
  at(3, {
    status: 'awaitingCitizen',
    pauses: [
      { from: '2026-11-22T06:30:00.000Z', to: '2026-11-22T07:00:00.000Z' },
      { from: '2026-11-22T08:00:00.000Z', to: null },
    ],
  }),
  // Waited, and is worked on again.
  at(4, { status: 'inProgress', pauses: [{ from: '2026-11-22T07:00:00.000Z', to: '2026-11-22T08:00:00.000Z' }] }),
  // Awaiting the citizen, from a hub that sent no pauses.
  at(5, { status: 'awaitingCitizen', pauses: [] }),
];

describe('replica migration v015', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-v015-'));
  const path = join(dir, 'replica.sqlite');

  it('reads each case’s pause start from the pauses a v14 replica holds, rewrites no row, and journals it', () => {
    {
      const { db } = openReplicaDatabase(path, BEFORE);
      const store = new ReplicaStore(db);
      store.beginBootstrap('e', 1, { keepRows: false });
      store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
      store.writeSnapshotPage('cases', CASES, null, true);
      store.completeBootstrap();
      expect(db.pragma('user_version', { simple: true })).toBe(14);
      db.close();
    }
    const { db } = openReplicaDatabase(path, [...BEFORE, v015]);
    expect(db.pragma('user_version', { simple: true })).toBe(15);
    // Virtual (hidden 2), as the urgent key is: computed on reading, never stored.
    expect(db.prepare(`SELECT hidden FROM pragma_table_xinfo('cases') WHERE name = 'paused_since'`).pluck().get()).toBe(
      2,
    );
    expect(db.prepare('SELECT number, paused_since FROM cases ORDER BY number').raw().all()).toEqual([
      ['BK-26-0000001', '2026-11-22T07:00:00.000Z'],
      ['BK-26-0000002', '2026-11-23T10:00:00.000Z'],
      ['BK-26-0000003', '2026-11-22T08:00:00.000Z'],
      ['BK-26-0000004', null],
      ['BK-26-0000005', null],
    ]);

    // Waiting since before the deadline: paused however late it is; since after, or not known: breached.
    // (The reader counts on the later versions' tables too.)
    migrateReplica(db, path, REPLICA_MIGRATIONS);
    const reader = new QueueReader(
      db,
      () => NOW,
      () => CLOCK_RULES,
    );
    const numbers = (state: 'paused' | 'breached') =>
      reader.page(QueueQuery.parse({ clock: { slaState: [state] } })).rows.map((row) => row.number);
    expect(numbers('paused').sort()).toEqual(['BK-26-0000001', 'BK-26-0000003']);
    expect(numbers('breached').sort()).toEqual(['BK-26-0000002', 'BK-26-0000004', 'BK-26-0000005']);

    // The journal carries it: a case that resumes, and one that starts waiting.
    const store = new ReplicaStore(db);
    db.exec('DELETE FROM queue_changes');
    store.applyChanges(store.lastAppliedSeq, [
      {
        seq: 2,
        table: 'cases',
        op: 'upsert',
        id: CASES[0]!.id,
        row: {
          ...CASES[0]!,
          status: 'inProgress',
          pauses: [{ ...CASES[0]!.pauses[0]!, to: '2026-11-24T06:00:00.000Z' }],
        },
      },
      {
        seq: 3,
        table: 'cases',
        op: 'upsert',
        id: CASES[3]!.id,
        row: {
          ...CASES[3]!,
          status: 'awaitingCitizen',
          pauses: [...CASES[3]!.pauses, { from: '2026-11-24T06:30:00.000Z', to: null }],
        },
      },
    ]);
    const journal = (db.prepare('SELECT old_row, new_row FROM queue_changes ORDER BY n').raw().all() as string[][]).map(
      ([before, after]) => [JSON.parse(before!).paused_since, JSON.parse(after!).paused_since],
    );
    expect(journal).toEqual([
      ['2026-11-22T07:00:00.000Z', null],
      [null, '2026-11-24T06:30:00.000Z'],
    ]);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
