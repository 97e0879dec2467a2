import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from './openReplicaDatabase';
import { ReplicaStore } from './replicaStore';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import type { Change } from '../../shared/protocol/syncProtocol';
import { caseRecord } from '../../tests/support/caseRecordFixture';

const baseCase = caseRecord();
const change = (seq: number, patch: Partial<CaseRecord>): Change => ({
  seq,
  table: 'cases',
  op: 'upsert',
  id: baseCase.id,
  row: { ...baseCase, ...patch, seq },
});
const fresh = () => {
  const store = new ReplicaStore(openReplicaDatabase(':memory:').db);
  store.beginBootstrap('epoch-1', 10, { keepRows: false });
  store.writeSnapshotPage('cases', [baseCase], baseCase.id, true);
  store.completeBootstrap();
  return store;
};
const status = (store: ReplicaStore) =>
  (store.db.prepare('SELECT status FROM cases').get() as { status: string }).status;

describe('ReplicaStore', () => {
  it('follows the log from where the snapshot began', () => {
    const store = fresh();
    expect(store.lastAppliedSeq).toBe(10);
    expect(store.bootstrapState).toBe('complete');
  });

  it('applies a batch and its position in one step', () => {
    const store = fresh();
    expect(store.applyChanges(10, [change(11, { status: 'inProgress' }), change(12, { status: 'answered' })])).toBe(12);
    expect(status(store)).toBe('answered');
    expect(store.lastAppliedSeq).toBe(12);
  });

  it('says how many cases it holds, during a snapshot and as live cases arrive and leave', () => {
    const store = new ReplicaStore(openReplicaDatabase(':memory:').db);
    store.beginBootstrap('epoch-1', 10, { keepRows: false });
    store.writeSnapshotPage('cases', [baseCase], baseCase.id, false);
    expect(store.casesHeld()).toBe(1);
    const second = { ...baseCase, id: '018f0000-0000-7000-8000-0000000000f2', number: 'BK-26-0000242' };
    store.writeSnapshotPage('cases', [second], second.id, true);
    store.completeBootstrap();
    expect(store.casesHeld()).toBe(2);
    const third = { ...baseCase, id: '018f0000-0000-7000-8000-0000000000f3', number: 'BK-26-0000243', seq: 11 };
    store.applyChanges(10, [
      { seq: 11, table: 'cases', op: 'upsert', id: third.id, row: third },
      { seq: 12, table: 'cases', op: 'delete', id: baseCase.id, row: null },
      change(13, { status: 'closed' }), // the deleted case comes back, closed
    ]);
    expect(store.casesHeld()).toBe(store.count('cases'));
    expect(store.casesHeld()).toBe(3);
  });

  it('refuses a batch that does not follow on from its position, changing nothing', () => {
    const store = fresh();
    expect(() => store.applyChanges(11, [change(12, { status: 'closed' })])).toThrow(/replica at 10/);
    expect(status(store)).toBe('assigned');
    expect(store.lastAppliedSeq).toBe(10);
  });

  it('never rolls a row back to an older copy (a snapshot page read after a newer delta)', () => {
    const store = fresh();
    store.applyChanges(10, [change(11, { status: 'answered' })]);
    store.writeSnapshotPage('cases', [{ ...baseCase, status: 'assigned', seq: 10 }], baseCase.id, true);
    expect(status(store)).toBe('answered');
  });

  it('resumes a bootstrap from its last saved page', () => {
    const store = new ReplicaStore(openReplicaDatabase(':memory:').db);
    store.beginBootstrap('epoch-1', 50, { keepRows: false });
    store.writeSnapshotPage('cases', [baseCase], baseCase.id, false);
    expect(store.bootstrapState).toBe('running');
    expect(store.bootstrapCheckpoint('cases')).toEqual({ after: baseCase.id, done: false });
  });

  it('forgets replica rows for another hub, keeps them for the same hub', () => {
    const store = fresh();
    store.beginBootstrap('epoch-1', 20, { keepRows: true });
    expect(store.count('cases')).toBe(1);
    store.beginBootstrap('epoch-2', 0, { keepRows: false });
    expect(store.count('cases')).toBe(0);
    expect(store.hubEpoch).toBe('epoch-2');
  });
});
