import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntegrityReport } from '../../shared/contract/deskContract';
import type { SyncDigest } from '../../shared/protocol/syncDigest';
import { SYNCED_TABLES, type SyncedTable } from '../../shared/protocol/syncProtocol';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { computeReplicaDigest } from './replicaDigest';
import { ReplicaDigestThread } from './replicaDigestThread';
import type { HubHttpClient } from '../sync/hubHttpClient';
import { ReplicaVerifier } from './replicaVerifier';

/** A replica (or the hub's truth) in memory (or in a file), positioned in the log. */
function replica(seq: number, path = ':memory:') {
  const store = new ReplicaStore(openReplicaDatabase(path).db);
  store.setMeta('hubEpoch', 'epoch-1');
  store.setMeta('bootstrap.state', 'complete');
  store.setMeta('lastAppliedSeq', String(seq));
  return store;
}
const putEntity = (store: ReplicaStore, id: string, seq: number) =>
  store.db
    .prepare(
      `INSERT INTO entities (id, code, name_ar, name_en, sector, kind, parent_id, seq) VALUES (?, ?, 'ج', 'E', 'health', 'ministry', NULL, ?)
       ON CONFLICT(id) DO UPDATE SET seq = excluded.seq`,
    )
    .run(id, id.toUpperCase(), seq);

/**
 * The verifier against a scripted hub: `hub` holds the truth and its position;
 * each digest request answers from it, then runs the next scripted step (the
 * log moving on while the console compares).
 */
function harness(options: { console: ReplicaStore; hub: ReplicaStore; hubSeq: number; reachTimeoutMs?: number }) {
  const applied = new EventEmitter<{ applied: [number] }>();
  const state = { hubSeq: options.hubSeq, digestCalls: 0, repairs: [] as SyncedTable[][], reports: [] as string[] };
  const afterDigest: (() => void)[] = [];
  /** Changes that reach the console after the hub took its digest but before its answer arrives. */
  const duringDigest: (() => void)[] = [];
  let held: (() => void)[] | null = null;
  const http = {
    digest: async (tables: readonly SyncedTable[]): Promise<SyncDigest> => {
      state.digestCalls++;
      const answer: SyncDigest = {
        hubEpoch: 'epoch-1',
        seq: state.hubSeq,
        tables: Object.fromEntries(tables.map((t) => [t, computeReplicaDigest(options.hub.db, t)])),
      };
      duringDigest.shift()?.();
      const step = afterDigest.shift();
      if (step) setTimeout(step, 5);
      return answer;
    },
  } as unknown as HubHttpClient;
  let repairFixes = true;
  const verifier = new ReplicaVerifier(
    {
      store: options.console,
      http,
      signal: new AbortController().signal,
      holdLive: () => {
        held ??= [];
        return () => {
          const queued = held ?? [];
          held = null;
          for (const apply of queued) apply();
        };
      },
      onApplied: (listener) => {
        applied.on('applied', listener);
        return () => applied.off('applied', listener);
      },
      repair: async (tables) => {
        state.repairs.push([...tables]);
        if (!repairFixes) return;
        options.console.db.exec('DELETE FROM entities');
        for (const row of options.hub.db.prepare('SELECT id, seq FROM entities').all() as { id: string; seq: number }[])
          putEntity(options.console, row.id, row.seq);
      },
      report: (r: IntegrityReport) => state.reports.push(r.state),
    },
    options.reachTimeoutMs ?? 2000,
  );
  /** The console applies the log up to `seq` in one batch (`rows` changed on both sides). */
  const apply = (seq: number, rows: [string, number][]): void => {
    if (held) {
      held.push(() => apply(seq, rows));
      return;
    }
    for (const [id, s] of rows) {
      putEntity(options.hub, id, s);
      putEntity(options.console, id, s);
    }
    options.console.setMeta('lastAppliedSeq', String(seq));
    applied.emit('applied', seq);
  };
  return {
    verifier,
    state,
    apply,
    afterDigest,
    duringDigest,
    setHubSeq: (seq: number) => (state.hubSeq = seq),
    repairsFail: () => (repairFixes = false),
  };
}

const stores: ReplicaStore[] = [];
const dirs: string[] = [];
const pair = (seq: number, deskPath?: string) => {
  const hub = replica(seq);
  const desk = replica(seq, deskPath);
  for (const [id, s] of [
    ['ent-a', 3],
    ['ent-b', 7],
  ] as const) {
    putEntity(hub, id, s);
    putEntity(desk, id, s);
  }
  stores.push(hub, desk);
  return { hub, desk };
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ReplicaVerifier', () => {
  it('verifies a replica that stands where the hub does', async () => {
    const { hub, desk } = pair(10);
    const h = harness({ console: desk, hub, hubSeq: 10 });
    const report = await h.verifier.verify();
    expect(report.state).toBe('verified');
    expect(report.atSeq).toBe(10);
    expect(report.tables.map((t) => t.table)).toEqual([...SYNCED_TABLES]);
    expect(h.state.repairs).toEqual([]);
    expect(h.state.reports).toEqual(['checking', 'verified']);
  });

  it('waits for a replica behind the hub to reach its position, then compares there', async () => {
    const { hub, desk } = pair(10);
    putEntity(hub, 'ent-c', 12); // the hub is at 12; the console has not applied 11–12 yet
    const h = harness({ console: desk, hub, hubSeq: 12 });
    h.afterDigest.push(() => h.apply(12, [['ent-c', 12]]));
    const report = await h.verifier.verify();
    expect(report).toMatchObject({ state: 'verified', atSeq: 12 });
    expect(h.state.digestCalls).toBe(1);
  });

  it('asks again when the replica moves past the position of the digest before comparing', async () => {
    const { hub, desk } = pair(10);
    putEntity(hub, 'ent-c', 11);
    const h = harness({ console: desk, hub, hubSeq: 11 });
    // One batch carries the console from 10 straight to 12: it never stands exactly at 11.
    h.afterDigest.push(() => {
      h.setHubSeq(12);
      h.apply(12, [
        ['ent-c', 11],
        ['ent-d', 12],
      ]);
    });
    const report = await h.verifier.verify();
    expect(report).toMatchObject({ state: 'verified', atSeq: 12 });
    expect(h.state.digestCalls).toBe(2);
  });

  it('holds live changes back while the hub takes its digests, so one digest is enough', async () => {
    const { hub, desk } = pair(10);
    const h = harness({ console: desk, hub, hubSeq: 10 });
    // Change 11 reaches the console after the hub's digest at 10 and before the hub's answer.
    h.duringDigest.push(() => {
      h.setHubSeq(11);
      h.apply(11, [['ent-c', 11]]);
    });
    const report = await h.verifier.verify();
    expect(report).toMatchObject({ state: 'verified', atSeq: 10 });
    expect(h.state.digestCalls).toBe(1);
    // The held change was applied afterwards.
    expect(desk.lastAppliedSeq).toBe(11);
  });

  it('never claims parity it did not check: a replica that never reaches the position is unverified', async () => {
    const { hub, desk } = pair(10);
    putEntity(hub, 'ent-c', 11);
    const h = harness({ console: desk, hub, hubSeq: 11, reachTimeoutMs: 100 });
    const report = await h.verifier.verify();
    expect(report.state).toBe('unverified');
    expect(report.message).toMatch(/did not reach the hub's position 11/);
  });

  it('re-downloads only a table that differs, and compares it again', async () => {
    const { hub, desk } = pair(10);
    desk.db.prepare('DELETE FROM entities WHERE id = ?').run('ent-b');
    const h = harness({ console: desk, hub, hubSeq: 10 });
    const report = await h.verifier.verify();
    expect(h.state.repairs).toEqual([['entities']]);
    expect(report.state).toBe('verified');
    expect(report.tables.find((t) => t.table === 'entities')).toMatchObject({ matches: true, repaired: true });
    expect(report.tables.filter((t) => t.repaired).map((t) => t.table)).toEqual(['entities']);
    expect(h.state.reports).toEqual(['checking', 'repairing', 'verified']);
  });

  it('says so, rather than repairing forever, when a table still differs after re-downloading', async () => {
    const { hub, desk } = pair(10);
    putEntity(desk, 'ent-b', 8); // a version the hub never had
    const h = harness({ console: desk, hub, hubSeq: 10 });
    h.repairsFail();
    const report = await h.verifier.verify();
    expect(h.state.repairs).toHaveLength(2);
    expect(report.state).toBe('failed');
    expect(report.message).toMatch(/still differs from the hub in entities/);
  });

  it('digests a replica file on the digest thread, pinned where the hub took its digests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-'));
    dirs.push(dir);
    const { hub, desk } = pair(10, join(dir, 'replica.sqlite'));
    const pin = vi.spyOn(ReplicaDigestThread.prototype, 'pin');
    const close = vi.spyOn(ReplicaDigestThread.prototype, 'close');
    const h = harness({ console: desk, hub, hubSeq: 10 });
    // Held while the hub answers, applied right after the pin, while the thread reads.
    h.duringDigest.push(() => {
      h.setHubSeq(11);
      h.apply(11, [['ent-c', 11]]);
    });
    const report = await h.verifier.verify();
    expect(report).toMatchObject({ state: 'verified', atSeq: 10 });
    // Had the thread seen the change applied after the pin, entities would have differed and been re-downloaded.
    expect(h.state.repairs).toEqual([]);
    expect(pin).toHaveBeenCalledTimes(1);
    expect(pin.mock.results[0]!.value).toMatchObject({ atSeq: 10 });
    expect(desk.lastAppliedSeq).toBe(11);
    // The check is over: so is its thread.
    expect(close).toHaveBeenCalled();
  });
});
