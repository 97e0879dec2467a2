import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from '../queue/queueReader';
import { SearchIndexer, type SearchIndexProgress } from './searchIndexer';
import { QueueQuery } from '../../shared/contract/deskContract';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import { caseRecord } from '../../tests/support/caseRecordFixture';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CASES = 1200; // more than two slices
const cases: CaseRecord[] = Array.from({ length: CASES }, (_, i) =>
  caseRecord({
    id: `018f0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
    number: `BK-26-${String(i + 1).padStart(7, '0')}`,
    // Every tenth case is about water in Irbid, written with hamza and diacritics.
    title: i % 10 === 0 ? 'انقطاع المِياه في إربد' : 'تأخر تجديد الجواز',
    seq: i + 1,
  }),
);

function loaded(path = ':memory:') {
  const { db } = openReplicaDatabase(path);
  const store = new ReplicaStore(db);
  store.beginBootstrap('epoch-1', CASES, { keepRows: false });
  store.writeSnapshotPage('cases', cases, cases.at(-1)!.id, true);
  store.completeBootstrap();
  return { db, store, queue: new QueueReader(db) };
}
const found = (queue: QueueReader, text: string) => queue.page(QueueQuery.parse({ limit: 100, search: text })).total;
const indexer = (db: ReturnType<typeof loaded>['db'], onProgress: (p: SearchIndexProgress | null) => void = () => {}) =>
  new SearchIndexer(db, { paused: () => false, onProgress });

describe('search built behind the snapshot', () => {
  it('leaves the queue usable at once and finds every case once built', () => {
    const { db, queue } = loaded();
    // The whole queue is there before search is.
    expect(queue.page(QueueQuery.parse({ limit: 100 })).total).toBe(CASES);
    const search = indexer(db);
    expect(search.progress()).toEqual({ indexed: 0, total: CASES });
    expect(found(queue, 'اربد')).toBe(0);

    expect(search.step()).toBe(true);
    expect(search.progress()!.indexed).toBeGreaterThan(0);
    expect(search.progress()!.indexed).toBeLessThan(CASES);
    while (search.step());
    expect(search.progress()).toBeNull();
    expect(found(queue, 'اربد')).toBe(CASES / 10);
  });

  it('finds a case changed while the build is owed once its owed text is written, and forgets a deleted one', () => {
    const { db, store, queue } = loaded();
    const search = indexer(db);
    const last = cases.at(-1)!;
    const gone = cases.at(-10)!; // about water: would be found once built
    store.applyChanges(CASES, [
      {
        seq: CASES + 1,
        table: 'cases',
        op: 'upsert',
        id: last.id,
        row: { ...last, title: 'حفرة في شارع الجامعة', seq: CASES + 1 },
      },
      { seq: CASES + 2, table: 'cases', op: 'delete', id: gone.id, row: null },
    ]);
    // Written with whatever else lands in the next fifth of a second (the desk's kickPending), not in the live commit.
    while (search.drainPending());
    expect(found(queue, 'حفرة')).toBe(1);

    while (search.step());
    expect(found(queue, 'حفرة')).toBe(1);
    expect(found(queue, 'اربد')).toBe(CASES / 10 - 1);
  });

  it('writes the text a live change owed after a restart, when the console closed before writing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-indexer-'));
    dirs.push(dir);
    const path = join(dir, 'replica.sqlite');
    const first = loaded(path);
    while (indexer(first.db).step());
    const last = cases.at(-1)!;
    first.store.applyChanges(CASES, [
      {
        seq: CASES + 1,
        table: 'cases',
        op: 'upsert',
        id: last.id,
        row: { ...last, title: 'حفرة في شارع الجامعة', seq: CASES + 1 },
      },
    ]);
    first.db.close(); // before the fifth of a second was up

    const { db } = openReplicaDatabase(path);
    const queue = new QueueReader(db);
    expect(found(queue, 'حفرة')).toBe(0);
    while (indexer(db).drainPending());
    expect(found(queue, 'حفرة')).toBe(1);
  });

  it('resumes after a restart from where it stood', () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-indexer-'));
    dirs.push(dir);
    const path = join(dir, 'replica.sqlite');
    const first = loaded(path);
    indexer(first.db).step();
    const stoodAt = indexer(first.db).progress()!.indexed;
    first.db.close(); // the console stops mid-build

    const { db } = openReplicaDatabase(path);
    const search = indexer(db);
    expect(search.progress()).toEqual({ indexed: stoodAt, total: CASES });
    let slices = 0;
    while (search.step()) slices++;
    // Only what was left is written: two slices of 500 were owed, not three.
    expect(slices).toBe(Math.ceil((CASES - stoodAt) / 500));
    expect(found(new QueueReader(db), 'اربد')).toBe(CASES / 10);
  });

  it('runs by itself between other work, reports progress, and waits while a snapshot writes', async () => {
    const { db, queue } = loaded();
    let paused = true;
    const reports: (SearchIndexProgress | null)[] = [];
    // As the desk wires it: every progress report is a status change, and every status change kicks.
    const search: SearchIndexer = new SearchIndexer(db, {
      paused: () => paused,
      onProgress: (p) => {
        reports.push(p);
        search.kick();
      },
    });
    search.kick();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(search.progress()).toEqual({ indexed: 0, total: CASES });

    paused = false;
    search.kick();
    await new Promise<void>((resolve) => {
      const check = () => (reports.at(-1) === null ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(reports[0]).toEqual({ indexed: 0, total: CASES });
    expect(found(queue, 'اربد')).toBe(CASES / 10);
    await search.stop();
  });

  it('keeps the index in few segments under live traffic by merging step by step, not inside the live writes', async () => {
    const { db, store, queue } = loaded();
    const search = indexer(db);
    while (search.step());
    while (search.mergeStep());
    const segments = () =>
      (db.prepare('SELECT count(DISTINCT segid) AS n FROM cases_fts_idx').get() as { n: number }).n;
    const settled = segments();
    // Fifths of a second of live traffic: each drain writes one small segment.
    const drainTwoChanges = (round: number) => {
      const changed = cases.slice(round * 2, round * 2 + 2);
      const at = store.lastAppliedSeq;
      store.applyChanges(
        at,
        changed.map((c, i) => ({
          seq: at + i + 1,
          table: 'cases' as const,
          op: 'upsert' as const,
          id: c.id,
          row: { ...c, title: `حفرة رقم ${round}`, seq: at + i + 1 },
        })),
      );
      search.drainPending();
    };
    // Fewer drains than FTS5's crisis merge threshold (16 segments on a level), which merges regardless.
    for (let round = 0; round < 12; round++) drainTwoChanges(round);
    // The live writes merged nothing themselves (automerge is off)…
    expect(segments()).toBe(settled + 12);
    // …the merge steps bring it back down, and then have nothing left to do.
    let steps = 0;
    while (search.mergeStep()) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(segments()).toBeLessThanOrEqual(settled + 4);
    expect(found(queue, 'حفرة')).toBe(24);

    // Under the desk's timer, a drain that wrote text is followed by merging, each step its own task.
    for (let round = 12; round < 24; round++) drainTwoChanges(round);
    const piledUp = segments();
    const last = cases.at(-1)!;
    store.applyChanges(store.lastAppliedSeq, [
      {
        seq: store.lastAppliedSeq + 1,
        table: 'cases',
        op: 'upsert',
        id: last.id,
        row: { ...last, title: 'حفرة أخيرة' },
      },
    ]);
    search.kickPending();
    await expect.poll(segments, { timeout: 5000 }).toBeLessThanOrEqual(settled + 4);
    expect(piledUp).toBeGreaterThan(settled + 4);
    expect(found(queue, 'أخيرة')).toBe(1);
    await search.stop();
  });
});
