import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../shared/protocol/syncProtocol';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { openReplicaDatabase, type ReplicaDb } from '../replica/openReplicaDatabase';
import { computeReplicaDigest, pinReplicaDigests } from './replicaDigest';
import { ReplicaDigestThread } from './replicaDigestThread';
import { ReplicaStore } from '../replica/replicaStore';

/**
 * The digest thread reads and hashes the rows in the main thread's stead: its
 * figures must be the main thread's to the bit, its snapshot must be the one
 * pinned at the moment the caller chose, and wherever it cannot run the main
 * thread digests by itself.
 */
const dirs: string[] = [];
const threads: ReplicaDigestThread[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const thread of threads.splice(0)) await thread.close();
});

const uuid = (n: number, kind = 7) => `00000000-0000-${kind}000-8000-${n.toString(16).padStart(12, '0')}`;

/** A replica file holding `count` cases (some paused), entities, focal points and alerts, at position `seq`. */
function filledReplica(count: number): { db: ReplicaDb; path: string; store: ReplicaStore } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-thread-'));
  dirs.push(dir);
  const path = join(dir, 'replica.sqlite');
  const { db } = openReplicaDatabase(path);
  const store = new ReplicaStore(db);
  store.beginBootstrap('epoch-1', 900_000, { keepRows: false });
  const entities = ['moh', 'moe', 'mow'].map((code, i) => ({
    id: `ent-${code}`,
    code: code.toUpperCase(),
    nameAr: `وزارة ${i}`,
    nameEn: `Ministry ${i}`,
    sector: 'health' as const,
    kind: 'ministry' as const,
    parentId: i === 0 ? null : 'ent-moh',
    seq: i + 1,
  }));
  store.writeSnapshotPage('entities', entities, null, true);
  store.writeSnapshotPage(
    'focalPoints',
    entities.map((e, i) => ({
      id: `fp-00${i + 1}`,
      entityId: e.id,
      nameAr: 'رنا',
      nameEn: 'Rana',
      phone: '+962791234567',
      email: `fp${i}@example.gov.jo`,
      active: i % 2 === 0,
      seq: 10 + i,
    })),
    null,
    true,
  );
  for (let start = 0; start < count; start += 5000) {
    const rows: CaseRecord[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const submitted = Date.UTC(2026, 0, 1) + i * 60_000;
      rows.push(
        caseRecord({
          id: uuid(i + 1),
          number: `BK-26-${String(i + 1).padStart(7, '0')}`,
          entityId: entities[i % 3]!.id,
          title: `شكوى رقم ${i}`,
          body: i % 2 ? 'تأخر الموعد مرة أخرى' : 'Late again',
          submittedAt: new Date(submitted).toISOString(),
          updatedAt: new Date(submitted + 123_456).toISOString(),
          // JSON the digest re-prints (a JS function on the connection that reads the rows).
          pauses: i % 7 === 0 ? [{ from: new Date(submitted).toISOString(), to: null }] : [],
          rating: i % 5 === 0 ? (i % 5) + 1 : null,
          seq: 1000 + i,
        }),
      );
    }
    store.writeSnapshotPage('cases', rows, rows.at(-1)!.id, start + 5000 >= count);
  }
  store.writeSnapshotPage(
    'alerts',
    Array.from({ length: 40 }, (_, i) => ({
      id: uuid(i + 1, 4),
      caseId: uuid(i + 1),
      kind: 'breach' as const,
      detail: { level: i, from: 'focalPoint', number: `BK-${i}` },
      raisedAt: '2026-02-01T10:00:00.123Z',
      acknowledgedBy: i % 3 ? null : 'rana',
      acknowledgedAt: i % 3 ? null : '2026-02-01T11:00:00.000Z',
      seq: 800_000 + i,
    })),
    null,
    true,
  );
  store.completeBootstrap();
  return { db, path, store };
}

async function startThread(path: string, options: Parameters<typeof ReplicaDigestThread.start>[1] = {}) {
  const thread = await ReplicaDigestThread.start(path, options);
  if (thread) threads.push(thread);
  return thread;
}

const SAYS_READY_THEN_NOTHING = `
  require('node:worker_threads').parentPort.postMessage({ type: 'ready' });
  setInterval(() => {}, 1000);
`;

const everyTable = (db: ReplicaDb) => Object.fromEntries(SYNCED_TABLES.map((t) => [t, computeReplicaDigest(db, t)]));

describe('the digest thread', () => {
  let replica: ReturnType<typeof filledReplica>;
  beforeAll(() => {
    replica = filledReplica(12_000);
  });
  afterAll(() => replica.db.close());

  it('gives the main thread’s digests, to the bit, for every table', async () => {
    const thread = await startThread(replica.path);
    expect(thread).not.toBeNull();
    const onThread = pinReplicaDigests(replica.db, SYNCED_TABLES, undefined, thread);
    expect(onThread.on).toBe('thread');
    const onMain = pinReplicaDigests(replica.db, SYNCED_TABLES);
    expect(onMain.on).toBe('main');
    expect(onThread.atSeq).toBe(900_000);
    const [threadDigests, mainDigests] = await Promise.all([onThread.result, onMain.result]);
    expect(threadDigests).toEqual(mainDigests);
    // And both equal the one-statement aggregate the hub's figures are checked against in other tests.
    expect(threadDigests).toEqual(everyTable(replica.db));
    expect(threadDigests.cases!.rows).toBe(12_000);
    expect(threadDigests.alerts!.rows).toBe(40);
  });

  it('digests the rows pinned at the call, not the changes applied after it', async () => {
    const { db, path, store } = filledReplica(4_000);
    try {
      const thread = await startThread(path);
      const before = everyTable(db);
      const pinned = pinReplicaDigests(db, SYNCED_TABLES, undefined, thread);
      expect(pinned.on).toBe('thread');
      // Live changes land on the main connection at once, while the thread is still reading.
      store.applyChanges(900_000, [
        {
          seq: 900_001,
          table: 'cases',
          op: 'upsert',
          id: uuid(1),
          row: caseRecord({ id: uuid(1), title: 'بعد', seq: 900_001 }),
        },
        { seq: 900_002, table: 'cases', op: 'delete', id: uuid(2), row: null },
        { seq: 900_003, table: 'entities', op: 'delete', id: 'ent-mow', row: null },
      ]);
      db.exec('DELETE FROM alerts');
      expect(pinned.atSeq).toBe(900_000);
      expect(await pinned.result).toEqual(before);
      expect(everyTable(db)).not.toEqual(before);
    } finally {
      db.close();
    }
  });

  it('ends its read transaction when the digest is aborted, so the log can be checkpointed', async () => {
    const { db, path, store } = filledReplica(6_000);
    try {
      const thread = await startThread(path);
      const aborting = new AbortController();
      const pinned = pinReplicaDigests(db, SYNCED_TABLES, aborting.signal, thread);
      expect(pinned.on).toBe('thread');
      store.setMeta('lastAppliedSeq', '900001');
      aborting.abort(new Error('the console stops'));
      await expect(pinned.result).rejects.toThrow('the console stops');
      // A reader still on the pinned snapshot would keep a full checkpoint from resetting the log.
      db.pragma('busy_timeout = 0');
      expect(db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
      // The thread is idle again and takes the next pin.
      const next = pinReplicaDigests(db, ['alerts'], undefined, thread);
      expect(next).toMatchObject({ on: 'thread', atSeq: 900_001 });
      expect(await next.result).toEqual({ alerts: computeReplicaDigest(db, 'alerts') });
    } finally {
      db.close();
    }
  });

  it('ends a digest under way when it is closed (the console stops), and exits', async () => {
    const thread = (await startThread(replica.path))!;
    const pinned = pinReplicaDigests(replica.db, SYNCED_TABLES, undefined, thread);
    expect(pinned.on).toBe('thread');
    const rejected = expect(pinned.result).rejects.toThrow(/closed/);
    await thread.close();
    await rejected;
    expect(thread.idle).toBe(false);
    replica.db.pragma('busy_timeout = 0');
    expect(replica.db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });

  it('falls back to the main thread when no worker can start', async () => {
    const throwing = await startThread(replica.path, {
      startWorker: () => {
        throw new Error('no worker file in this build');
      },
    });
    expect(throwing).toBeNull();
    const exiting = await startThread(replica.path, {
      startWorker: () => new Worker('process.exit(3)', { eval: true }),
    });
    expect(exiting).toBeNull();
    const pinned = pinReplicaDigests(replica.db, SYNCED_TABLES, undefined, exiting);
    expect(pinned.on).toBe('main');
    expect(await pinned.result).toEqual(everyTable(replica.db));
  });

  it('falls back to the main thread when the thread does not pin in time, and is not asked again', async () => {
    const silent = await startThread(replica.path, {
      startWorker: () => new Worker(SAYS_READY_THEN_NOTHING, { eval: true }),
      pinTimeoutMs: 50,
    });
    expect(silent).not.toBeNull();
    const pinned = pinReplicaDigests(replica.db, ['entities', 'cases'], undefined, silent);
    expect(pinned.on).toBe('main');
    expect(await pinned.result).toEqual({
      entities: computeReplicaDigest(replica.db, 'entities'),
      cases: computeReplicaDigest(replica.db, 'cases'),
    });
    expect(silent!.idle).toBe(false);
  });
});

describe('the main thread during a digest of 50,000 cases', () => {
  let replica: ReturnType<typeof filledReplica>;
  beforeAll(() => {
    replica = filledReplica(50_000);
  }, 120_000);
  afterAll(() => replica.db.close());

  /**
   * How busy the main thread's event loop was while the digest ran (0 to 1),
   * and the longest it went without running a 5 ms timer.
   */
  async function watchMainThread(digest: () => Promise<unknown>) {
    let last = performance.now();
    let longestGap = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const start = performance.eventLoopUtilization();
    try {
      await digest();
    } finally {
      clearInterval(ticks);
    }
    return { busy: performance.eventLoopUtilization(start).utilization, longestGap };
  }

  it('stays free while the thread reads and hashes', async () => {
    const thread = await startThread(replica.path);
    let on = '';
    const threadRun = await watchMainThread(async () => {
      const pinned = pinReplicaDigests(replica.db, SYNCED_TABLES, undefined, thread);
      on = pinned.on;
      return pinned.result;
    });
    expect(on).toBe('thread');
    // The baseline: the same digest in slices on the main thread keeps its event loop busy nearly all the time.
    const mainRun = await watchMainThread(() => pinReplicaDigests(replica.db, SYNCED_TABLES).result);
    // Busy is the share of the loop's own time spent running code: a loaded machine delays the
    // timers, but does not make an idle loop busy. The margins are wide on purpose.
    expect(mainRun.busy).toBeGreaterThan(0.5);
    expect(threadRun.busy).toBeLessThan(0.25);
    expect(threadRun.busy).toBeLessThan(mainRun.busy / 3);
    // No stall of the digest's length either: the bound is loose for a starved CI machine, where the
    // OS, not the digest, delays timers.
    expect(threadRun.longestGap).toBeLessThan(500);
  });
});
