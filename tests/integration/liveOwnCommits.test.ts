import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startHub, type RunningHub } from '../../server/hubServer';
import { readHeadSeq, recordChanges } from '../../server/changes/changeLog';
import { SYNC_EVENTS, type Change, type ChangeBatch, type FollowAck } from '../../shared/protocol/syncProtocol';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import { staffToken } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// A hub process hands its own commits to its change feed as they commit, and
// learns of every other process's by NOTIFY and a read (server/changes/changeFeed.ts).
// What a desk receives must not show which path a change took: every change
// once, in sequence order, each batch following on from the one before.

interface Follower {
  changes: Change[];
  problems: string[];
  cursor(): number;
  close(): void;
}

/** A desk's socket, following the log from the hub's head and checking each batch as it lands. */
async function follow(hubUrl: string): Promise<Follower> {
  const token = await staffToken(hubUrl);
  const head = (await (
    await fetch(`${hubUrl}/api/sync/head`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { headSeq: number; hubEpoch: string };
  const socket: Socket = io(hubUrl, { transports: ['websocket'], auth: { token } });
  const changes: Change[] = [];
  const problems: string[] = [];
  let cursor = head.headSeq;
  socket.on(SYNC_EVENTS.changes, (batch: ChangeBatch) => {
    if (batch.afterSeq !== cursor) problems.push(`a batch after ${batch.afterSeq} reached a desk at ${cursor}`);
    for (const change of batch.changes) {
      if (change.seq !== cursor + 1) problems.push(`${change.seq} came after ${cursor}`);
      cursor = Math.max(cursor, change.seq);
      changes.push(change);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => resolve());
  });
  const ack = (await socket
    .timeout(5000)
    .emitWithAck(SYNC_EVENTS.follow, { afterSeq: head.headSeq, hubEpoch: head.hubEpoch })) as FollowAck;
  if (!ack.ok) throw new Error(ack.message);
  return { changes, problems, cursor: () => cursor, close: () => socket.disconnect() };
}

/** Once the desk holds the log's head: it got exactly `from`+1 … head, each once. */
async function expectEveryChangeOnce(follower: Follower, hub: RunningHub, from: number): Promise<number> {
  const head = await readHeadSeq(hub.db);
  await waitFor(() => follower.cursor() >= head, `the desk to reach ${head}`, 10_000);
  expect(follower.problems).toEqual([]);
  const seqs = follower.changes.map((c) => c.seq).filter((seq) => seq > from);
  expect(seqs).toEqual(Array.from({ length: head - from }, (_, i) => from + 1 + i));
  return head;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(await hubTargets())('live changes from the committing process on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 40, seed: 9 }, snapshotCache: false });
  let hub: RunningHub;
  let desk: Follower;
  let caseIds: string[];

  beforeAll(async () => {
    hub = fixture.hub;
    caseIds = (await hub.db.query<{ id: string }>('SELECT id::text AS id FROM cases ORDER BY id')).map((r) => r.id);
    desk = await follow(hub.url);
  });
  afterAll(() => {
    desk?.close();
  });

  /** A change to one case in the hub's own transaction, after `delayMs` inside it. */
  const touch = (id: string, delayMs = 0) =>
    hub.db.transaction(async (tx) => {
      await pause(delayMs);
      await tx.query(`UPDATE cases SET title = title || '.' WHERE id = $1::uuid`, [id]);
      return recordChanges(tx, [{ table: 'cases', id }]);
    });

  it('delivers what this process commits, in order and once', async () => {
    const from = desk.cursor();
    const posted = await Promise.all(Array.from({ length: 20 }, () => postApplication(hub.url, sampleApplication())));
    expect(posted.every((p) => p.status === 201)).toBe(true);
    for (const id of caseIds.slice(0, 5)) await touch(id);
    await expectEveryChangeOnce(desk, hub, from);
  });

  it('keeps order when concurrent commits finish out of order', async () => {
    const from = desk.cursor();
    // Transactions that start in one order and commit in another, beside intake's own group commits.
    await Promise.all([
      ...caseIds.slice(5, 35).map((id, i) => touch(id, (i * 7) % 11)),
      ...Array.from({ length: 10 }, () => postApplication(hub.url, sampleApplication())),
    ]);
    await expectEveryChangeOnce(desk, hub, from);
  });

  it('never sends a rolled-back change, and sends the number it gave back once, for the next commit', async () => {
    const from = await readHeadSeq(hub.db);
    await waitFor(() => desk.cursor() >= from, 'the desk to catch up');
    await expect(
      hub.db.transaction(async (tx) => {
        await tx.query(`UPDATE cases SET title = 'لن يبقى' WHERE id = $1::uuid`, [caseIds[35]]);
        await recordChanges(tx, [{ table: 'cases', id: caseIds[35]! }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const [next] = await touch(caseIds[36]!);
    expect(next).toBe(from + 1);
    await expectEveryChangeOnce(desk, hub, from);
    const sent = desk.changes.filter((c) => c.seq > from);
    expect(sent.map((c) => c.id)).toEqual([caseIds[36]]);
    expect(desk.changes.some((c) => c.table === 'cases' && c.row?.title === 'لن يبقى')).toBe(false);
  });
});

const postgres = (await hubTargets()).find((t) => t.name === 'postgres');

describe.skipIf(!postgres)('live changes from two hub processes on one PostgreSQL', () => {
  // Started by hand, not by hubFixture: the point is two hubs on one database.
  let a: RunningHub;
  let b: RunningHub;
  let dispose: () => Promise<void>;
  let onA: Follower;
  let onB: Follower;

  beforeAll(async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    const config = {
      ...created.config,
      simulate: false,
      jobs: false,
      logLevel: 'silent',
      snapshotCache: false,
    } as const;
    // Two hubs in one OS process still each have their own pool, LISTEN and feed: to each other they are other processes.
    a = await startHub({ ...config, seed: { cases: 30, seed: 4 } });
    b = await startHub(config);
    onA = await follow(a.url);
    onB = await follow(b.url);
  });
  afterAll(async () => {
    onA?.close();
    onB?.close();
    await a?.close();
    await b?.close();
    await dispose?.();
  });

  it("interleaves both hubs' commits on both consoles, in order and once, with the same rows", async () => {
    const from = onA.cursor();
    expect(onB.cursor()).toBe(from);
    const posted = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postApplication((i % 2 ? a : b).url, sampleApplication())),
    );
    expect(posted.every((p) => p.status === 201)).toBe(true);
    const head = await expectEveryChangeOnce(onA, a, from);
    await expectEveryChangeOnce(onB, b, from);
    // Each desk got half the changes from its own hub's commits and half read back from the log: alike to the byte.
    expect(onA.changes.filter((c) => c.seq <= head)).toStrictEqual(onB.changes.filter((c) => c.seq <= head));
  });
});
