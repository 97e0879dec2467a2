import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  deskContract,
  type DeskContract,
  type DeskEvents,
  type PresenceList,
  type SyncStatus,
} from '../shared/contract/deskContract';
import { createDispatcher } from '../shared/contract/defineContract';
import { replicaFileIn } from './replica/replicaFile';
import { openReplicaDatabase } from './replica/openReplicaDatabase';
import { WalCheckpointer } from './replica/walCheckpointer';
import { ReplicaStore } from './replica/replicaStore';
import { SearchIndexer } from './search/searchIndexer';
import { ReplicaChangeSignal } from './signals/replicaChangeSignal';
import { QueueReader } from './queue/queueReader';
import { AlertReader } from './alerts/alertReader';
import { CaseReader } from './cases/caseReader';
import { CaseDetailService } from './cases/caseDetailService';
import { FocalPointReader } from './cases/focalPointReader';
import { deskSlaRules, type DeskSlaRules } from './sla/deskSlaRules';
import { isSlaRuleCommand } from './sla/slaRulesState';
import { SyncEngine } from './sync/syncEngine';
import { DeskSettingsFile } from './settings/deskSettingsFile';
import { HubSession, type SessionState } from './session/hubSession';
import { ownerOnlyFileSecretStore, type SecretStore } from './session/secretStore';
import { Outbox } from './outbox/outbox';
import { OutboxDrainer, type CommandReply } from './outbox/outboxDrainer';
import { salvageOutbox, type OutboxSalvage } from './outbox/outboxSalvage';
import { SavedViews } from './savedViews/savedViews';
import { PresenceClient } from './presence/presenceClient';
import { latestThrottle } from './async/latestThrottle';
import { AsyncDisposableStore, listen, toAsyncDisposable, toDisposable } from './lifecycle/disposableStore';
import { composeHandlers } from './deskHandlers';
import { syncHandlers } from './sync/syncHandlers';
import { queueHandlers } from './queue/queueHandlers';
import { caseHandlers } from './cases/caseHandlers';
import { settingsHandlers } from './settings/settingsHandlers';
import { sessionHandlers } from './session/sessionHandlers';
import { outboxHandlers } from './outbox/outboxHandlers';
import { alertHandlers } from './alerts/alertHandlers';
import { savedViewsHandlers } from './savedViews/savedViewsHandlers';
import { presenceHandlers } from './presence/presenceHandlers';
import { slaHandlers } from './sla/slaHandlers';

export interface DeskCoreOptions {
  /** Folder for the replica file and settings. */
  dataDir: string;
  hubUrl: string;
  /** The platform's secret store (Electron: safeStorage); plain Node uses an owner-only file. */
  secrets?: SecretStore;
  /** The embedded demo hub's staff account, signed in automatically. Never set for a real hub. */
  demoAccount?: { username: string; password: string };
}

type DeskEventMap = { [K in keyof DeskEvents]: [z.output<DeskEvents[K]>] };

// One refresh signal per frame at most: the renderer reads one page at a time and folds signals that
// arrive meanwhile into its next read, so a shorter interval costs it nothing at 200 changes a second.
const QUEUE_CHANGED_EVERY_MS = 16;
// The status bar needs only the newest status, and live batches change it up to a hundred times a second.
const STATUS_EVERY_MS = 100;
// A sign-in under way when the desk stops is let finish (its socket closed) for this long at most.
const SIGN_IN_WAIT_MS = 1000;

/**
 * The desk core: replica, sync and the contract's handlers, in plain Node. The
 * core's process (coreProcess.ts) serves it to the shell and the renderer.
 *
 * Everything it starts is added to one store as it is created (the SQLite
 * connection first, listeners after what they hear), and stop() disposes of
 * the store: all of it is released in reverse order of creation.
 */
export class DeskCore {
  readonly events = new EventEmitter<DeskEventMap>();
  readonly store: ReplicaStore;
  readonly sync: SyncEngine;
  readonly dispatch: ReturnType<typeof createDispatcher<DeskContract>>;
  readonly replicaPath: string;
  readonly session: HubSession;
  readonly outbox: Outbox;
  /** Set when the replica file was found damaged at start: where it was kept, and what of its outbox came back. */
  readonly replicaRecovery: ({ setAsideAs: string } & OutboxSalvage) | null;
  readonly presence: PresenceClient;
  private readonly disposables = new AsyncDisposableStore();
  private readonly demoAccount: DeskCoreOptions['demoAccount'];
  private readonly drainer: OutboxDrainer;
  /** Drains kicked and not yet finished: a stopping desk waits for them before the replica closes. */
  private readonly drains = new Set<Promise<void>>();
  private readonly alerts: AlertReader;
  private alertsNotifiedUpTo = 0;
  /** `queue.changed` for the views, with any alerts raised since the last. */
  private readonly replicaChanged: ReplicaChangeSignal;
  private presenceUser: string | null = null;

  constructor(options: DeskCoreOptions) {
    const disposables = this.disposables;
    mkdirSync(options.dataDir, { recursive: true });
    this.replicaPath = replicaFileIn(options.dataDir);
    const { db, needsReindex, setAsideAs } = openReplicaDatabase(this.replicaPath);
    // Closed last: everything created after it reads or writes it.
    disposables.add(toDisposable(() => db.close()));
    this.store = new ReplicaStore(db);
    // Its thread has exited before the connection closes (the main connection checkpoints again at close).
    const checkpointer = new WalCheckpointer(db, this.replicaPath);
    disposables.add(toAsyncDisposable(() => checkpointer.close()));
    if (needsReindex) this.store.requestSearchRebuild();
    const slaRules = deskSlaRules(this.store);
    const now = () => Date.now() + this.sync.current.clockOffsetMs;
    const queue = new QueueReader(db, now, slaRules);
    this.alerts = new AlertReader(db);
    const views = new SavedViews(db, (query) => queue.count(query));
    // Alerts already held were seen before: only new ones notify.
    this.alertsNotifiedUpTo = this.alerts.maxSeq();
    this.replicaChanged = new ReplicaChangeSignal(QUEUE_CHANGED_EVERY_MS, ({ searchTextOnly }) =>
      this.notifyReplicaChanged(searchTextOnly),
    );
    // Cancelled once nothing that signals it is left, and before the replica it reads closes.
    disposables.add(toDisposable(() => this.replicaChanged.cancel()));
    const settings = new DeskSettingsFile(join(options.dataDir, 'settings.json'));
    this.session = new HubSession(
      options.hubUrl,
      options.secrets ?? ownerOnlyFileSecretStore(join(options.dataDir, 'session.json')),
    );
    this.demoAccount = options.demoAccount;
    this.presence = new PresenceClient(options.hubUrl, this.session);
    disposables.add(toDisposable(() => this.presence.stop()));
    disposables.add(
      listen(this.presence, 'changed', (list: PresenceList) => this.events.emit('presence.changed', list)),
    );
    disposables.add(listen(this.session, 'changed', (state: SessionState) => this.sessionChanged(state)));
    this.outbox = new Outbox(db);
    // A damaged replica was set aside and rebuilt: the operator's queued commands are read back from it.
    this.replicaRecovery = setAsideAs ? { setAsideAs, ...salvageOutbox(setAsideAs, this.outbox) } : null;
    // Made before the sync engine it sends through, so a drain under way is let finish after the engine has
    // stopped (a send in flight then fails at once, its command kept) and before the replica closes.
    this.drainer = new OutboxDrainer(
      this.outbox,
      { send: async (command, input) => (await this.sync.sendCommand(command, input)) as CommandReply },
      () => this.outboxChanged(),
      // An administrator's own rule change: the desk holds the new rules before the edit stops showing as pending.
      async (entry) => {
        if (isSlaRuleCommand(entry.command)) await this.sync.refreshSlaRules();
      },
      // Someone changed the rules first: the desk holds them before the conflict shows, so "apply again" builds on them.
      async (entry, code) => {
        if (isSlaRuleCommand(entry.command) && code === 'rulesChanged') await this.sync.refreshSlaRules();
      },
    );
    disposables.add(toAsyncDisposable(async () => void (await Promise.all(this.drains))));
    // The last word goes out unthrottled once the engine has stopped: added before it, disposed after it.
    disposables.add(toDisposable(() => this.events.emit('sync.status', this.sync.current)));
    this.sync = new SyncEngine(this.store, options.hubUrl, this.session);
    disposables.add(toAsyncDisposable(() => this.sync.stop()));
    disposables.add(listen(this.sync, 'connected', () => this.drain()));
    const statusOut = latestThrottle((status: SyncStatus) => this.events.emit('sync.status', status), STATUS_EVERY_MS);
    disposables.add(toDisposable(() => statusOut.cancel()));
    disposables.add(listen(this.sync, 'status', (status: SyncStatus) => statusOut.push(status)));
    // Search is built once the cases are in (and resumed after a restart); not while a snapshot writes.
    const search = new SearchIndexer(db, {
      paused: () => this.sync.current.phase === 'bootstrapping',
      onProgress: (progress) => this.sync.noteSearchIndex(progress),
      onPendingWritten: () => this.replicaChanged.changed('searchText'),
      logRoom: () => checkpointer.room(),
    });
    disposables.add(toAsyncDisposable(() => search.stop()));
    disposables.add(
      listen(this.sync, 'status', (status: SyncStatus) => {
        if (status.phase !== 'bootstrapping') search.kick();
        checkpointer.pace(status.phase === 'bootstrapping' ? 'bulk' : 'live');
      }),
    );
    // Text a previous run owed and did not write before it closed.
    search.kickPending();
    disposables.add(
      listen(this.sync, 'applied', () => {
        this.replicaChanged.changed();
        search.kickPending();
      }),
    );
    // New SLA rules change every countdown and clock filter without a row changing: the views read again.
    disposables.add(
      listen(this.sync, 'slaRules', (version: number) => {
        this.replicaChanged.changed();
        this.events.emit('sla.changed', { version });
      }),
    );
    const caseDetail = new CaseDetailService({
      cases: new CaseReader(db),
      outbox: this.outbox,
      rules: slaRules,
      now,
      fetchHistory: (caseId, signal) => this.sync.caseHistory(caseId, signal),
    });
    this.dispatch = createDispatcher(
      deskContract,
      this.handlers({ queue, views, settings, caseDetail, slaRules, focalPoints: new FocalPointReader(db) }),
    );
  }

  start(): void {
    this.sync.start();
    this.presence.start();
    const resuming = this.resumeSession();
    this.disposables.add(toAsyncDisposable(() => settledWithin(resuming, SIGN_IN_WAIT_MS)));
  }

  /** Releases everything the core started, in reverse order of creation (see the constructor). */
  async stop(): Promise<void> {
    await this.disposables.dispose();
  }

  /** Each feature's handlers (its *Handlers.ts), composed: the compiler proves each method is handled once. */
  private handlers(parts: {
    queue: QueueReader;
    views: SavedViews;
    settings: DeskSettingsFile;
    caseDetail: CaseDetailService;
    slaRules: () => DeskSlaRules;
    focalPoints: FocalPointReader;
  }) {
    const outbox = {
      outbox: this.outbox,
      changed: () => this.outboxChanged(),
      drain: () => this.drain(),
      slaRules: parts.slaRules,
    };
    return composeHandlers(deskContract, [
      syncHandlers(this.sync),
      queueHandlers(parts.queue),
      caseHandlers({
        caseDetail: parts.caseDetail,
        focalPoints: parts.focalPoints,
        entities: this.store,
        db: this.store.db,
        queue: parts.queue,
      }),
      settingsHandlers(parts.settings),
      sessionHandlers(this.session),
      outboxHandlers({ ...outbox, store: this.store }),
      alertHandlers(this.alerts),
      savedViewsHandlers(parts.views, () => this.userId()),
      presenceHandlers(this.presence),
      slaHandlers({ ...outbox, refreshSlaRules: () => this.sync.refreshSlaRules() }),
    ]);
  }

  /** A stored session resumes by refresh; the demo hub's account signs in when there is none. */
  private async resumeSession(): Promise<void> {
    try {
      if (await this.session.accessToken()) return;
      if (this.demoAccount) await this.session.signIn(this.demoAccount.username, this.demoAccount.password);
    } catch {
      // Offline or hub down: the sync engine's retries and the sign-in screen take it from here.
    }
  }

  private sessionChanged(state: SessionState): void {
    this.events.emit('session.changed', state);
    if (state.signedIn) this.sync.kick();
    if (state.user?.userId !== this.presenceUser) {
      this.presenceUser = state.user?.userId ?? null;
      this.presence.reconnect();
    }
  }

  private notifyReplicaChanged(searchTextOnly: boolean): void {
    const raised = this.alerts.raisedSince(this.alertsNotifiedUpTo);
    if (raised.length) {
      this.alertsNotifiedUpTo = Math.max(this.alertsNotifiedUpTo, this.alerts.maxSeq());
      this.events.emit('alerts.raised', { alerts: raised });
    }
    this.events.emit('queue.changed', {
      lastAppliedSeq: this.store.lastAppliedSeq,
      ...(searchTextOnly ? { searchTextOnly } : {}),
    });
  }

  /** Sends what the outbox holds; not once the desk is stopping (it is sent at the next start). */
  private drain(): void {
    if (this.disposables.isDisposed) return;
    const run = this.drainer.kick();
    this.drains.add(run);
    void run.finally(() => this.drains.delete(run));
  }

  /** Views are kept per person: the one signed in now. */
  private userId(): string | null {
    return this.session.state.user?.userId ?? null;
  }

  private outboxChanged(): void {
    const entries = this.outbox.list();
    this.events.emit('outbox.changed', {
      queued: entries.filter((e) => e.state === 'queued').length,
      refused: entries.filter((e) => e.state === 'refused').length,
    });
    this.replicaChanged.changed();
  }
}

/** Resolves when `work` has settled, or after `ms`, whichever is first; never rejects. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
