import { EventEmitter } from 'node:events';
import type { IntegrityReport, SyncStatus } from '../../shared/contract/deskContract';
import { SYNCED_TABLES, type SyncedTable } from '../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../replica/replicaStore';
import { runBootstrap } from './bootstrapper';
import { HubHttpClient, HubUnreachableError, type HubCredentials } from './hubHttpClient';
import type { CaseHistory } from '../../shared/domain/caseHistory';
import { LiveFollower } from './liveFollower';
import { ReplicaVerifier, UNCHECKED } from '../digest/replicaVerifier';
import { runTableRepair } from './tableRepair';
import { SlaRulesKeeper } from './slaRulesKeeper';

export interface SyncEngineEvents {
  status: [SyncStatus];
  /** Connected to the hub: send what waits in the outbox. */
  connected: [];
  /** The replica changed: views showing cases refresh. */
  applied: [number];
  /** The hub's SLA rules were replaced by this version: every countdown changes. */
  slaRules: [number];
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;
/** How often live batches recount the cases held: the status bar's figure, not worth milliseconds per batch. */
const CASES_HELD_EVERY_MS = 250;

/**
 * bootstrap → catch-up → live. Owns the replica's position in the hub's log
 * and reports what it is doing as a SyncStatus the operator always sees.
 */
export class SyncEngine extends EventEmitter<SyncEngineEvents> {
  private status: SyncStatus;
  private readonly http: HubHttpClient;
  private follower: LiveFollower | null = null;
  private abort = new AbortController();
  private retryTimer: NodeJS.Timeout | null = null;
  private casesHeldTimer: NodeJS.Timeout | null = null;
  private casesCountedAt = 0;
  private attempts = 0;
  private running = false;
  private syncing: Promise<void> | null = null;
  private readonly verifier: ReplicaVerifier;
  private readonly rules: SlaRulesKeeper;

  constructor(
    private readonly store: ReplicaStore,
    readonly hubUrl: string,
    private readonly credentials: HubCredentials | null = null,
  ) {
    super();
    this.http = new HubHttpClient(hubUrl, () => this.contact(null), credentials);
    this.rules = new SlaRulesKeeper(store, (signal) => this.http.slaRules(signal), this.abort.signal, {
      onReplaced: (version) => {
        this.update({ slaRules: { version, problem: null } });
        this.emit('slaRules', version);
      },
      onProblem: (problem) => this.update({ slaRules: { version: this.rules.version, problem } }),
    });
    this.status = {
      connection: 'connecting',
      phase: 'starting',
      hubUrl,
      casesHeld: store.casesHeld(),
      lastAppliedSeq: store.lastAppliedSeq,
      lastContactAt: store.meta('lastContactAt'),
      bootstrap: null,
      searchIndex: null,
      problem: null,
      signInNeeded: false,
      clockOffsetMs: Number(store.meta('clockOffsetMs') ?? 0),
      integrity: UNCHECKED,
      slaRules: { version: this.rules.version, problem: null },
    };
    this.verifier = new ReplicaVerifier({
      store,
      http: this.http,
      signal: this.abort.signal,
      holdLive: () => this.follower?.hold() ?? (() => undefined),
      onApplied: (listener) => {
        this.on('applied', listener);
        return () => this.off('applied', listener);
      },
      repair: (tables) => this.repairTables(tables),
      report: (integrity) => this.update({ integrity }),
    });
  }

  get current(): SyncStatus {
    return this.status;
  }

  start(): void {
    this.running = true;
    this.syncing = this.sync();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.casesHeldTimer) clearTimeout(this.casesHeldTimer);
    this.follower?.stop();
    this.follower = null;
    await this.syncing?.catch(() => undefined);
    // A check under way holds a read snapshot on a second connection: it ends before the replica closes.
    await this.verifier.settled();
    this.update({ phase: 'stopped', connection: 'offline' });
  }

  private async sync(keepRowsOnResnapshot = true): Promise<void> {
    try {
      this.update({ phase: 'starting', connection: 'connecting' });
      const askedAt = Date.now();
      const head = await this.http.head(this.abort.signal);
      // The hub's clock rules SLAs: offset = hub time minus our time at the request's midpoint.
      const clockOffsetMs = Date.parse(head.hubTime) - (askedAt + Date.now()) / 2;
      this.store.setMeta('clockOffsetMs', String(Math.round(clockOffsetMs)));
      // The version decides: rules are fetched only when the hub's differ from those held.
      await this.rules.atConnect(head.slaRulesVersion);
      this.update({ connection: 'online', signInNeeded: false, clockOffsetMs: Math.round(clockOffsetMs) });
      const sameHub = this.store.hubEpoch === head.hubEpoch;
      if (!sameHub || this.store.bootstrapState === 'none') {
        this.store.beginBootstrap(head.hubEpoch, head.headSeq, { keepRows: sameHub && keepRowsOnResnapshot });
      }
      if (this.store.bootstrapState === 'running') {
        this.update({ phase: 'bootstrapping' });
        await runBootstrap(
          this.store,
          this.http,
          head,
          (progress) => this.update({ bootstrap: progress, casesHeld: this.store.casesHeld() }),
          this.abort.signal,
        );
        // Every row was written afresh, new fields and all: nothing is left to fetch again.
        this.store.setMeta('refetchTables', '');
        this.update({
          bootstrap: null,
          casesHeld: this.store.casesHeld(),
          lastAppliedSeq: this.store.lastAppliedSeq,
        });
        this.emit('applied', this.store.lastAppliedSeq);
      }
      if (!this.running) return;
      await this.refetchStaleTables();
      this.attempts = 0;
      this.update({ phase: 'catchingUp', problem: null });
      this.follow();
    } catch (error) {
      if (!this.running) return;
      this.update({
        connection: 'offline',
        problem: (error as Error).message,
        bootstrap: null,
        signInNeeded: error instanceof HubUnreachableError && error.signInNeeded,
      });
      this.retryLater();
    }
  }

  private follow(): void {
    this.follower?.stop();
    this.follower = new LiveFollower(
      this.hubUrl,
      this.store,
      {
        onConnection: (connection) => {
          this.update({ connection, ...(connection === 'online' ? { phase: 'live' as const } : {}) });
          // Every (re)connect and catch-up ends with proof that the replica equals the hub.
          if (connection === 'online') void this.verify();
        },
        onApplied: (lastAppliedSeq, changedCases) => {
          this.update({ lastAppliedSeq });
          if (changedCases > 0) this.recountCasesSoon();
          this.emit('applied', lastAppliedSeq);
        },
        onResnapshot: (reason, keepRows) => {
          this.follower?.stop();
          this.follower = null;
          this.update({ problem: `Taking a fresh snapshot: ${reason}` });
          this.store.markResnapshotNeeded();
          this.syncing = this.sync(keepRows);
        },
        onContact: (hubTime) => this.contact(hubTime),
        onProblem: (problem) => this.update({ problem }),
        onConnected: () => this.emit('connected'),
        onSlaRules: (raw) => void this.rules.heard(raw),
      },
      this.credentials,
    );
    this.follower.start();
  }

  /**
   * The count sums the queue's counter table: cheap alone, but once per batch
   * under a busy live stream a real share of the desk's live work. A lone
   * change is counted at once; a burst at most every
   * CASES_HELD_EVERY_MS, and its last batch is always counted.
   */
  private recountCasesSoon(): void {
    if (this.casesHeldTimer) return;
    const count = () => {
      this.casesHeldTimer = null;
      this.casesCountedAt = Date.now();
      if (this.running) this.update({ casesHeld: this.store.casesHeld() });
    };
    const wait = this.casesCountedAt + CASES_HELD_EVERY_MS - Date.now();
    if (wait <= 0) return count();
    this.casesHeldTimer = setTimeout(count, wait);
    this.casesHeldTimer.unref();
  }

  /** Compares the replica's per-table digests with the hub's, re-downloading any table that differs. */
  verify(): Promise<IntegrityReport> {
    return this.verifier.verify();
  }

  /** A case's history from the hub, with this desk's credentials; throws when the hub cannot be reached. */
  caseHistory(caseId: string, signal?: AbortSignal): Promise<CaseHistory> {
    return this.http.caseHistory(caseId, signal);
  }

  /**
   * A replica migration that adds fields the rows held cannot know (v006: a
   * case's pauses) marks their table; it is downloaded again here, before
   * following the log, while the old rows stay usable. A snapshot just taken
   * already brought the new fields.
   */
  private async refetchStaleTables(): Promise<void> {
    const marked = this.store.meta('refetchTables');
    if (!marked) return;
    const tables = marked.split(',').filter((t): t is SyncedTable => (SYNCED_TABLES as readonly string[]).includes(t));
    this.update({ phase: 'catchingUp' });
    for (const table of tables) await runTableRepair(this.store, this.http, table, this.abort.signal);
    this.store.setMeta('refetchTables', '');
    this.update({ casesHeld: this.store.casesHeld() });
    this.emit('applied', this.store.lastAppliedSeq);
  }

  /**
   * Re-downloads the given tables with live changes held back (the follower is
   * stopped, so no batch lands mid-repair), then follows the log again from
   * where the replica stands: the catch-up brings the repaired tables up to the hub.
   */
  private async repairTables(tables: readonly SyncedTable[]): Promise<void> {
    if (!this.running) throw new Error('The console is stopping.');
    this.follower?.stop();
    this.follower = null;
    this.update({ phase: 'catchingUp' });
    try {
      for (const table of tables) await runTableRepair(this.store, this.http, table, this.abort.signal);
      this.update({ casesHeld: this.store.casesHeld() });
      this.emit('applied', this.store.lastAppliedSeq);
    } finally {
      if (this.running) this.follow();
    }
  }

  /** Sends a command to the hub over the live connection (used by the outbox). */
  /** Fetches the hub's SLA rules now (an administrator's own change was accepted); a failure shows as the rules' problem. */
  async refreshSlaRules(): Promise<void> {
    await this.rules.fetchNow();
  }

  async sendCommand(name: string, input: Record<string, unknown>): Promise<unknown> {
    if (!this.follower) throw new Error('Not connected to the hub.');
    return this.follower.sendCommand(name, input);
  }

  /** Something changed for the better (signed in, network back): retry now rather than after the backoff. */
  kick(): void {
    if (!this.running || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempts = 0;
    this.syncing = this.sync();
  }

  private retryLater(): void {
    const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.attempts++);
    const delay = base / 2 + Math.random() * (base / 2); // jitter: desks do not reconnect in lockstep
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) this.syncing = this.sync();
    }, delay);
    this.retryTimer.unref();
  }

  private lastContactSaved = 0;
  private contact(_hubTime: string | null): void {
    const now = new Date();
    // Persist at most every few seconds: it is for the operator's eyes, not for correctness.
    if (now.getTime() - this.lastContactSaved > 5000) {
      this.store.setMeta('lastContactAt', now.toISOString());
      this.lastContactSaved = now.getTime();
    }
    this.update({ lastContactAt: now.toISOString() });
  }

  /** The search index's background build (search/searchIndexer.ts), shown beside the snapshot's progress. */
  noteSearchIndex(progress: SyncStatus['searchIndex']): void {
    this.update({ searchIndex: progress });
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.emit('status', this.status);
  }
}
