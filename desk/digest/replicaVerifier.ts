import type { IntegrityReport } from '../../shared/contract/deskContract';
import type { SyncDigest, TableDigest } from '../../shared/protocol/syncDigest';
import { SYNCED_TABLES, type SyncedTable } from '../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../replica/replicaStore';
import { pinReplicaDigests, type PinnedDigests } from './replicaDigest';
import { ReplicaDigestThread } from './replicaDigestThread';
import type { HubHttpClient } from '../sync/hubHttpClient';

/** What the verifier needs from the sync engine. */
export interface VerifierHost {
  readonly store: ReplicaStore;
  readonly http: HubHttpClient;
  /** Aborted when the console stops: a check under way stops asking the hub. */
  readonly signal: AbortSignal;
  /**
   * Holds live batches back (received, kept in order, not applied) until the returned
   * function is called; then applies them, stopping for a moment exactly at `stopAt`.
   */
  holdLive(): (stopAt: number | null) => void;
  /** Called synchronously right after each batch is applied, with the new position. */
  onApplied(listener: (lastAppliedSeq: number) => void): () => void;
  /** Re-downloads these tables (live changes held back meanwhile), then follows the log again. */
  repair(tables: readonly SyncedTable[]): Promise<void>;
  report(integrity: IntegrityReport): void;
}

// The hub moved past the position of its digest before the console reached it exactly: ask again, a few times.
const ATTEMPTS = 6;
// How long to wait for the replica to reach the hub's position (a catch-up in progress).
const REACH_TIMEOUT_MS = 20_000;
// A table still unequal after this many repairs in a row is reported, not re-downloaded forever.
const REPAIRS_PER_CHECK = 2;

export const UNCHECKED: IntegrityReport = {
  state: 'unchecked',
  atSeq: null,
  checkedAt: null,
  tables: [],
  repairs: 0,
  message: null,
};

type Comparison = { atSeq: number; local: Record<string, TableDigest>; hub: SyncDigest };

/**
 * Proves the replica equals the hub, table by table. The hub's digests are taken
 * at one change-log position; the console computes its own over its own rows
 * at exactly that position (never adopting the hub's figures) and compares.
 * A table that disagrees is re-downloaded on its own and compared again.
 */
export class ReplicaVerifier {
  private running: Promise<IntegrityReport> | null = null;
  private again = false;
  private last: IntegrityReport = UNCHECKED;

  constructor(
    private readonly host: VerifierHost,
    private readonly reachTimeoutMs = REACH_TIMEOUT_MS,
  ) {}

  get current(): IntegrityReport {
    return this.last;
  }

  /** Resolves once no check is under way (the console waits for it before closing its replica). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Runs a check, or joins the one under way (and runs once more after it, so a request is never lost). */
  verify(): Promise<IntegrityReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let report: IntegrityReport;
        do {
          this.again = false;
          // Never rejects: checks also run unawaited after each reconnect.
          report = await this.check().catch((error: unknown) =>
            this.publish({ ...this.last, state: 'unverified', message: (error as Error).message }),
          );
        } while (this.again);
        return report;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async check(): Promise<IntegrityReport> {
    this.publish({ ...this.last, state: 'checking', message: null });
    // Started, and its connection open, before any live change is held: the pin then costs milliseconds.
    const db = this.host.store.db;
    const thread = db.memory ? null : await ReplicaDigestThread.start(db.name, { signal: this.host.signal });
    try {
      return await this.checkWith(thread);
    } finally {
      // Ends with the check (also when the console stops): an idle thread holds a connection for nothing.
      await thread?.close();
    }
  }

  private async checkWith(thread: ReplicaDigestThread | null): Promise<IntegrityReport> {
    let tables: SyncedTable[] = [...SYNCED_TABLES];
    const repaired = new Set<SyncedTable>();
    let checks: IntegrityReport['tables'] = [];
    for (let round = 0; round <= REPAIRS_PER_CHECK; round++) {
      let comparison: Comparison | string;
      try {
        comparison = await this.compareAtOnePosition(tables, thread);
      } catch (error) {
        return this.publish({ ...this.last, state: 'unverified', message: (error as Error).message });
      }
      if (typeof comparison === 'string')
        return this.publish({ ...this.last, state: 'unverified', message: comparison });
      const { atSeq, local, hub } = comparison;
      const fresh = tables.map((table) => {
        const mine = local[table]!;
        const theirs = hub.tables[table]!;
        return {
          table,
          rows: mine.rows,
          hubRows: theirs.rows,
          matches: mine.rows === theirs.rows && mine.digest === theirs.digest,
          repaired: repaired.has(table),
        };
      });
      checks = [...checks.filter((c) => !tables.includes(c.table as SyncedTable)), ...fresh];
      const unequal = fresh.filter((c) => !c.matches).map((c) => c.table);
      const base = { atSeq, checkedAt: new Date().toISOString(), tables: sortTables(checks) };
      if (unequal.length === 0) {
        return this.publish({
          ...base,
          state: 'verified',
          repairs: this.last.repairs,
          message: repaired.size ? `Re-downloaded ${[...repaired].join(', ')}: the cache now equals the hub.` : null,
        });
      }
      if (round === REPAIRS_PER_CHECK) {
        return this.publish({
          ...base,
          state: 'failed',
          repairs: this.last.repairs,
          message: `The local copy still differs from the hub in ${unequal.join(', ')} after re-downloading; it will be checked again on the next reconnect.`,
        });
      }
      this.publish({
        ...base,
        state: 'repairing',
        repairs: this.last.repairs + unequal.length,
        message: `The local copy differs from the hub in ${unequal.join(', ')}: re-downloading ${unequal.length === 1 ? 'it' : 'them'}.`,
      });
      try {
        await this.host.repair(unequal);
      } catch (error) {
        return this.publish({
          ...this.last,
          state: 'unverified',
          message: `The repair of ${unequal.join(', ')} was interrupted (${(error as Error).message}); it runs again on the next reconnect.`,
        });
      }
      for (const table of unequal) repaired.add(table);
      tables = unequal;
    }
    throw new Error('unreachable');
  }

  /**
   * The hub's digests and ours at the same change-log position. The hub says
   * where it took them; ours are computed synchronously at the moment the
   * replica stands exactly there (no batch can be applied in between). If the
   * replica moves past that position first, the hub is asked again.
   */
  private async compareAtOnePosition(
    tables: SyncedTable[],
    thread: ReplicaDigestThread | null,
  ): Promise<Comparison | string> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // Held still while the hub takes its digests, the replica cannot get ahead of the hub's position.
      const release = this.host.holdLive();
      let hub: SyncDigest;
      try {
        hub = await this.host.http.digest(tables, this.host.signal);
      } catch (error) {
        release(null);
        throw error;
      }
      const missing = tables.filter((t) => !hub.tables[t]);
      if (missing.length) {
        release(null);
        throw new Error(`The hub's digest lacks ${missing.join(', ')}.`);
      }
      if (hub.hubEpoch !== this.host.store.hubEpoch) {
        release(null);
        return 'The hub answered from another database than the cache was built from; a fresh snapshot follows.';
      }
      // Pinned the instant the replica stands at the hub's position (the held batches stop there
      // for a moment), then digested, on the digest thread where there is one, while live changes go on.
      let waiting: ReturnType<typeof this.atPosition<PinnedDigests>>;
      try {
        waiting = this.atPosition(hub.seq, () =>
          pinReplicaDigests(this.host.store.db, tables, this.host.signal, thread),
        );
      } finally {
        release(hub.seq);
      }
      const pinned = await waiting;
      if (pinned === 'timeout') {
        return `The local copy did not reach the hub's position ${hub.seq} in time (it stands at ${this.host.store.lastAppliedSeq}); it will be checked again.`;
      }
      if (pinned === 'passed') continue;
      const local = (await pinned.result) as Record<string, TableDigest>;
      if (pinned.atSeq === hub.seq) return { atSeq: hub.seq, local, hub };
    }
    return 'The hub changed faster than the digests could be compared; it will be checked again.';
  }

  private atPosition<T>(seq: number, compute: () => T): Promise<T | 'passed' | 'timeout'> {
    const at = this.host.store.lastAppliedSeq;
    if (at === seq && this.host.store.bootstrapState === 'complete') return Promise.resolve(compute());
    if (at > seq) return Promise.resolve('passed');
    return new Promise((resolve, reject) => {
      const done = (value: T | 'passed' | 'timeout' | Error) => {
        clearTimeout(timer);
        stop();
        this.host.signal.removeEventListener('abort', aborted);
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      const aborted = () => done('timeout');
      const stop = this.host.onApplied((now) => {
        // Runs inside the apply path: a failure here fails the check, never the sync.
        if (now === seq) {
          try {
            done(compute());
          } catch (error) {
            done(error as Error);
          }
        } else if (now > seq) done('passed');
      });
      const timer = setTimeout(() => done('timeout'), this.reachTimeoutMs);
      timer.unref();
      this.host.signal.addEventListener('abort', aborted, { once: true });
    });
  }

  private publish(report: IntegrityReport): IntegrityReport {
    this.last = report;
    this.host.report(report);
    return report;
  }
}

const sortTables = (checks: IntegrityReport['tables']) =>
  [...checks].sort(
    (a, b) => SYNCED_TABLES.indexOf(a.table as SyncedTable) - SYNCED_TABLES.indexOf(b.table as SyncedTable),
  );
