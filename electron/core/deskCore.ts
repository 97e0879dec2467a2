import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { deskContract, type DeskContract, type DeskEvents } from '../../shared/contract/deskContract';
import { createDispatcher, type ContractHandlers } from '../../shared/contract/defineContract';
import { openCacheDatabase } from './cache/openCacheDatabase';
import { ReplicaStore } from './cache/replicaStore';
import { QueueReader } from './cache/queueReader';
import { AlertReader } from './cache/alertReader';
import { CaseReader } from './cache/caseReader';
import { CaseDetailService } from './cases/caseDetailService';
import { deskSlaRules } from './cache/deskSlaRules';
import { SyncEngine } from './sync/syncEngine';
import { DeskSettingsFile } from './settings/deskSettingsFile';
import { HubSession } from './session/hubSession';
import { ownerOnlyFileSecretStore, type SecretStore } from './session/secretStore';
import { Outbox, type OutboxEntry } from './outbox/outbox';
import { OutboxDrainer, type CommandReply } from './outbox/outboxDrainer';
import { salvageOutbox, type OutboxSalvage } from './outbox/outboxSalvage';
import { COMMAND_INPUTS } from '../../shared/domain/commands';
import { ContractError } from '../../shared/contract/defineContract';
import { z as zod } from 'zod';

export interface DeskCoreOptions {
  /** Folder for the cache file and settings. */
  dataDir: string;
  hubUrl: string;
  /** The platform's secret store (Electron: safeStorage); plain Node uses an owner-only file. */
  secrets?: SecretStore;
  /** The embedded demo hub's staff account, signed in automatically. Never set for a real hub. */
  demoAccount?: { username: string; password: string };
}

type DeskEventMap = { [K in keyof DeskEvents]: [z.output<DeskEvents[K]>] };

const QUEUE_CHANGED_EVERY_MS = 150;

/**
 * The desk core: cache, sync and the contract's handlers, in plain Node. The
 * Electron shell and the browser bridge both sit on top of this object.
 */
export class DeskCore {
  readonly events = new EventEmitter<DeskEventMap>();
  readonly store: ReplicaStore;
  readonly sync: SyncEngine;
  readonly dispatch: ReturnType<typeof createDispatcher<DeskContract>>;
  readonly cachePath: string;
  private readonly settings: DeskSettingsFile;
  readonly session: HubSession;
  private readonly demoAccount: DeskCoreOptions['demoAccount'];
  readonly outbox: Outbox;
  /** Set when the cache file was found damaged at start: where it was kept, and what of its outbox came back. */
  readonly cacheRecovery: ({ setAsideAs: string } & OutboxSalvage) | null;
  private readonly drainer: OutboxDrainer;
  private readonly queue: QueueReader;
  private readonly alerts: AlertReader;
  private readonly caseDetail: CaseDetailService;
  private alertsNotifiedUpTo = 0;
  private queueTimer: NodeJS.Timeout | null = null;

  constructor(options: DeskCoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.cachePath = join(options.dataDir, 'desk-cache.sqlite');
    mkdirSync(dirname(this.cachePath), { recursive: true });
    const { db, needsReindex, setAsideAs } = openCacheDatabase(this.cachePath);
    this.store = new ReplicaStore(db);
    if (needsReindex) this.store.reindexAll();
    const slaRules = deskSlaRules(this.store);
    this.queue = new QueueReader(db, () => Date.now() + this.sync.current.clockOffsetMs, slaRules);
    this.alerts = new AlertReader(db);
    // Alerts already held were seen before: only new ones notify.
    this.alertsNotifiedUpTo = this.alerts.maxSeq();
    this.settings = new DeskSettingsFile(join(options.dataDir, 'settings.json'));
    this.session = new HubSession(
      options.hubUrl,
      options.secrets ?? ownerOnlyFileSecretStore(join(options.dataDir, 'session.json')),
    );
    this.demoAccount = options.demoAccount;
    this.session.on('changed', (state) => {
      this.events.emit('session.changed', state);
      if (state.signedIn) this.sync.kick();
    });
    this.sync = new SyncEngine(this.store, options.hubUrl, this.session);
    this.outbox = new Outbox(db);
    // A damaged cache was set aside and rebuilt: the operator's queued commands are read back from it.
    this.cacheRecovery = setAsideAs ? { setAsideAs, ...salvageOutbox(setAsideAs, this.outbox) } : null;
    this.drainer = new OutboxDrainer(
      this.outbox,
      { send: async (command, input) => (await this.sync.sendCommand(command, input)) as CommandReply },
      () => this.outboxChanged(),
    );
    this.sync.on('connected', () => void this.drainer.kick());
    this.sync.on('status', (status) => this.events.emit('sync.status', status));
    this.sync.on('applied', (lastAppliedSeq) => this.queueChanged(lastAppliedSeq));
    this.caseDetail = new CaseDetailService({
      cases: new CaseReader(db),
      outbox: this.outbox,
      rules: slaRules,
      now: () => Date.now() + this.sync.current.clockOffsetMs,
      fetchHistory: (caseId, signal) => this.sync.caseHistory(caseId, signal),
    });
    this.dispatch = createDispatcher(deskContract, this.handlers());
  }

  start(): void {
    this.sync.start();
    void this.resumeSession();
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

  async stop(): Promise<void> {
    if (this.queueTimer) clearTimeout(this.queueTimer);
    await this.sync.stop();
    this.store.db.close();
  }

  private handlers(): ContractHandlers<DeskContract> {
    return {
      'sync.status': async () => this.sync.current,
      'sync.verify': async () => this.sync.verify(),
      'queue.page': async (query) => this.queue.page(query),
      'case.detail': async ({ caseId }) => this.caseDetail.detail(caseId),
      'settings.get': async () => this.settings.current,
      'settings.setLanguage': async ({ language }) => this.settings.update({ language }),
      'session.status': async () => this.session.state,
      'session.signIn': async ({ username, password }) => this.session.signIn(username, password),
      'session.signOut': async () => this.session.signOut(),
      'outbox.queue': async ({ command, input }) => {
        // Checked here against the hub's own schema, so a bad command is refused now, not after a day offline.
        const checked = COMMAND_INPUTS[command].safeParse({ ...input, clientId: 'checked-before-queueing' });
        if (!checked.success) throw new ContractError('badInput', zod.prettifyError(checked.error));
        const caseId = typeof input.caseId === 'string' ? input.caseId : null;
        const entry = this.outbox.enqueue(command, input, caseId);
        this.outboxChanged();
        void this.drainer.kick();
        return view(entry);
      },
      'outbox.list': async () => this.outbox.list().map(view),
      'entities.list': async () => this.store.entities(),
      'alerts.list': async ({ limit, unacknowledgedOnly }) => this.alerts.recent(limit, unacknowledgedOnly),
      'outbox.retry': async ({ clientId }) => {
        const retried = this.outbox.retry(clientId);
        this.outboxChanged();
        void this.drainer.kick();
        return retried;
      },
      'outbox.rebase': async ({ clientId }) => {
        const refused = this.outbox.get(clientId);
        if (!refused || refused.state !== 'refused' || typeof refused.input.caseId !== 'string') return null;
        const version = this.store.caseVersion(refused.input.caseId);
        if (version === null) return null;
        const { clientId: _old, ...input } = refused.input;
        this.outbox.discard(clientId);
        const entry = this.outbox.enqueue(refused.command, { ...input, expectedVersion: version }, refused.caseId);
        this.outboxChanged();
        void this.drainer.kick();
        return view(entry);
      },
      'outbox.discard': async ({ clientId }) => {
        const discarded = this.outbox.discard(clientId);
        this.outboxChanged();
        return discarded;
      },
    };
  }

  private outboxChanged(): void {
    const entries = this.outbox.list();
    this.events.emit('outbox.changed', {
      queued: entries.filter((e) => e.state === 'queued').length,
      refused: entries.filter((e) => e.state === 'refused').length,
    });
    this.queueChanged(this.store.lastAppliedSeq);
  }

  /** Coalesces bursts of applied batches into one refresh signal for the views. */
  private queueChanged(lastAppliedSeq: number): void {
    if (this.queueTimer) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = null;
      const raised = this.alerts.raisedSince(this.alertsNotifiedUpTo);
      if (raised.length) {
        this.alertsNotifiedUpTo = Math.max(this.alertsNotifiedUpTo, this.alerts.maxSeq());
        this.events.emit('alerts.raised', { alerts: raised });
      }
      this.events.emit('queue.changed', { lastAppliedSeq: this.store.lastAppliedSeq });
    }, QUEUE_CHANGED_EVERY_MS);
    void lastAppliedSeq;
  }
}

const view = (entry: OutboxEntry) => ({
  clientId: entry.clientId,
  command: entry.command,
  caseId: entry.caseId,
  queuedAt: entry.queuedAt,
  state: entry.state,
  attempts: entry.attempts,
  refusal: entry.refusal,
  input: entry.input,
});
