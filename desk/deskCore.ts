import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { deskContract, type DeskContract, type DeskEvents, type SyncStatus } from '../shared/contract/deskContract';
import { createDispatcher, type ContractHandlers } from '../shared/contract/defineContract';
import { openReplicaDatabase } from './replica/openReplicaDatabase';
import { WalCheckpointer } from './replica/walCheckpointer';
import { ReplicaStore } from './replica/replicaStore';
import { SearchIndexer } from './search/searchIndexer';
import { ReplicaChangeSignal } from './signals/replicaChangeSignal';
import { QueueReader } from './queue/queueReader';
import { AlertReader } from './alerts/alertReader';
import { CaseReader } from './cases/caseReader';
import { CaseDetailService } from './cases/caseDetailService';
import { deskSlaRules, type DeskSlaRules } from './sla/deskSlaRules';
import { isSlaRuleCommand, slaRulesState } from './sla/slaRulesState';
import { reapplyPlan } from './sla/ruleReapply';
import { RULE_KIND_OF } from '../shared/contract/slaRulesContract';
import type { SlaReapplyResult } from '../shared/contract/slaRulesContract';
import { SyncEngine } from './sync/syncEngine';
import { DeskSettingsFile } from './settings/deskSettingsFile';
import { HubSession } from './session/hubSession';
import { ownerOnlyFileSecretStore, type SecretStore } from './session/secretStore';
import { Outbox, type OutboxEntry } from './outbox/outbox';
import { OutboxDrainer, type CommandReply } from './outbox/outboxDrainer';
import { salvageOutbox, type OutboxSalvage } from './outbox/outboxSalvage';
import { COMMAND_INPUTS } from '../shared/domain/commands';
import { ContractError } from '../shared/contract/defineContract';
import { z as zod } from 'zod';
import { SavedViews } from './savedViews/savedViews';
import { lateCasesOfFocalPoint } from './cases/lateCases';
import { PresenceClient } from './presence/presenceClient';
import { latestThrottle } from './async/latestThrottle';

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

// One refresh signal per frame at most: the renderer reads one page at a time and folds signals that
// arrive meanwhile into its next read, so a shorter interval costs it nothing at 200 changes a second.
const QUEUE_CHANGED_EVERY_MS = 16;
// The status bar needs only the newest status, and live batches change it up to a hundred times a second.
const STATUS_EVERY_MS = 100;

/**
 * The desk core: cache, sync and the contract's handlers, in plain Node. The
 * Electron shell and the browser bridge both sit on top of this object.
 */
export class DeskCore {
  readonly events = new EventEmitter<DeskEventMap>();
  readonly store: ReplicaStore;
  readonly sync: SyncEngine;
  readonly dispatch: ReturnType<typeof createDispatcher<DeskContract>>;
  readonly replicaPath: string;
  private readonly settings: DeskSettingsFile;
  readonly session: HubSession;
  private readonly demoAccount: DeskCoreOptions['demoAccount'];
  readonly outbox: Outbox;
  /** Set when the cache file was found damaged at start: where it was kept, and what of its outbox came back. */
  readonly replicaRecovery: ({ setAsideAs: string } & OutboxSalvage) | null;
  private readonly drainer: OutboxDrainer;
  private readonly queue: QueueReader;
  private readonly search: SearchIndexer;
  private readonly checkpointer: WalCheckpointer;
  private readonly alerts: AlertReader;
  private readonly caseDetail: CaseDetailService;
  private readonly slaRules: () => DeskSlaRules;
  private alertsNotifiedUpTo = 0;
  private readonly views: SavedViews;
  readonly presence: PresenceClient;
  private readonly statusOut: { push(status: SyncStatus): void; cancel(): void };
  /** `queue.changed` for the views, with any alerts raised since the last. */
  private readonly replicaChanged = new ReplicaChangeSignal(QUEUE_CHANGED_EVERY_MS, ({ searchTextOnly }) => {
    const raised = this.alerts.raisedSince(this.alertsNotifiedUpTo);
    if (raised.length) {
      this.alertsNotifiedUpTo = Math.max(this.alertsNotifiedUpTo, this.alerts.maxSeq());
      this.events.emit('alerts.raised', { alerts: raised });
    }
    this.events.emit('queue.changed', {
      lastAppliedSeq: this.store.lastAppliedSeq,
      ...(searchTextOnly ? { searchTextOnly } : {}),
    });
  });

  constructor(options: DeskCoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.replicaPath = join(options.dataDir, 'desk-cache.sqlite');
    mkdirSync(dirname(this.replicaPath), { recursive: true });
    const { db, needsReindex, setAsideAs } = openReplicaDatabase(this.replicaPath);
    this.store = new ReplicaStore(db);
    this.checkpointer = new WalCheckpointer(db, this.replicaPath);
    if (needsReindex) this.store.requestSearchRebuild();
    const slaRules = deskSlaRules(this.store);
    this.slaRules = slaRules;
    this.queue = new QueueReader(db, () => Date.now() + this.sync.current.clockOffsetMs, slaRules);
    this.alerts = new AlertReader(db);
    this.views = new SavedViews(db, (query) => this.queue.count(query));
    // Alerts already held were seen before: only new ones notify.
    this.alertsNotifiedUpTo = this.alerts.maxSeq();
    this.settings = new DeskSettingsFile(join(options.dataDir, 'settings.json'));
    this.session = new HubSession(
      options.hubUrl,
      options.secrets ?? ownerOnlyFileSecretStore(join(options.dataDir, 'session.json')),
    );
    this.demoAccount = options.demoAccount;
    this.presence = new PresenceClient(options.hubUrl, this.session);
    this.presence.on('changed', (list) => this.events.emit('presence.changed', list));
    this.session.on('changed', (state) => {
      this.events.emit('session.changed', state);
      if (state.signedIn) this.sync.kick();
      if (state.user?.userId !== this.presenceUser) {
        this.presenceUser = state.user?.userId ?? null;
        this.presence.reconnect();
      }
    });
    this.sync = new SyncEngine(this.store, options.hubUrl, this.session);
    this.outbox = new Outbox(db);
    // A damaged cache was set aside and rebuilt: the operator's queued commands are read back from it.
    this.replicaRecovery = setAsideAs ? { setAsideAs, ...salvageOutbox(setAsideAs, this.outbox) } : null;
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
    this.sync.on('connected', () => void this.drainer.kick());
    this.statusOut = latestThrottle((status) => this.events.emit('sync.status', status), STATUS_EVERY_MS);
    this.sync.on('status', (status) => this.statusOut.push(status));
    // Search is built once the cases are in (and resumed after a restart); not while a snapshot writes.
    this.search = new SearchIndexer(db, {
      paused: () => this.sync.current.phase === 'bootstrapping',
      onProgress: (progress) => this.sync.noteSearchIndex(progress),
      onPendingWritten: () => this.replicaChanged.changed('searchText'),
      logRoom: () => this.checkpointer.room(),
    });
    this.sync.on('status', (status) => status.phase !== 'bootstrapping' && this.search.kick());
    this.sync.on('status', (status) => this.checkpointer.pace(status.phase === 'bootstrapping' ? 'bulk' : 'live'));
    // Text a previous run owed and did not write before it closed.
    this.search.kickPending();
    this.sync.on('applied', () => {
      this.replicaChanged.changed();
      this.search.kickPending();
    });
    // New SLA rules change every countdown and clock filter without a row changing: the views read again.
    this.sync.on('slaRules', () => this.replicaChanged.changed());
    this.sync.on('slaRules', (version) => this.events.emit('sla.changed', { version }));
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
    this.presence.start();
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
    this.replicaChanged.cancel();
    this.presence.stop();
    await this.search.stop();
    await this.sync.stop();
    // The last word goes out unthrottled: the desk has stopped.
    this.statusOut.cancel();
    this.events.emit('sync.status', this.sync.current);
    await this.checkpointer.close();
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
      'outbox.queue': async ({ command, input: given, basis: givenBasis }) => {
        let input = given;
        let basis = givenBasis ?? null;
        if (isSlaRuleCommand(command) && given.basedOn === undefined) {
          // A rule edit that does not say what it was built on is built on the draft this desk holds now.
          const { draft, basedOn } = slaRulesState(this.slaRules(), this.outbox.list());
          const kind = RULE_KIND_OF[command];
          input = { ...given, basedOn: basedOn[kind] };
          basis = { [kind]: draft[kind] };
        }
        // Checked here against the hub's own schema, so a bad command is refused now, not after a day offline.
        const checked = COMMAND_INPUTS[command].safeParse({ ...input, clientId: 'checked-before-queueing' });
        if (!checked.success) throw new ContractError('badInput', zod.prettifyError(checked.error));
        const caseId = typeof input.caseId === 'string' ? input.caseId : null;
        const entry = this.outbox.enqueue(command, input, caseId, undefined, basis);
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
      'views.list': async () => this.views.list(this.userId()),
      'views.save': async ({ name, query }) => this.views.save(this.userId(), name, query),
      'views.delete': async ({ id }) => this.views.delete(this.userId(), id),
      'views.follow': async ({ entityIds }) => this.views.follow(this.userId(), entityIds),
      'focalPoints.list': async () =>
        this.store.db
          .prepare(
            'SELECT id, entity_id AS entityId, name_ar AS nameAr, name_en AS nameEn FROM focal_points ORDER BY name_ar',
          )
          .all() as { id: string; entityId: string; nameAr: string; nameEn: string }[],
      'presence.viewing': async ({ caseId }) => this.presence.viewing(caseId),
      'presence.list': async () => this.presence.viewers,
      'sla.rules': async () => slaRulesState(this.slaRules(), this.outbox.list()),
      'sla.reapply': async ({ clientId }) => this.reapplyRuleEdit(clientId),
      'bulkChase.lateCases': async ({ caseId }) => lateCasesOfFocalPoint(this.store.db, this.queue, caseId),
    };
  }

  private presenceUser: string | null = null;

  /** A rule edit refused because the rules changed first, applied again to the rules as they are now (ruleReapply.ts). */
  private async reapplyRuleEdit(clientId: string): Promise<SlaReapplyResult> {
    const refused = this.outbox.get(clientId);
    if (!refused || refused.state !== 'refused' || !isSlaRuleCommand(refused.command)) return { outcome: 'cannot' };
    // Fetched when the refusal came; asked again (briefly) in case newer rules have been saved since.
    await Promise.race([this.sync.refreshSlaRules(), new Promise((resolve) => setTimeout(resolve, 3000))]);
    const plan = reapplyPlan(refused, refused.command, slaRulesState(this.slaRules(), this.outbox.list()));
    if (plan.outcome === 'clash') return { outcome: 'clash', parts: plan.parts, problem: plan.problem };
    if (plan.outcome === 'cannot') return plan;
    if (plan.outcome === 'alreadyApplied') {
      this.outbox.discard(clientId);
      this.outboxChanged();
      return plan;
    }
    const entry = this.outbox.replaceRefused(clientId, plan.input, plan.basis);
    if (!entry) return { outcome: 'cannot' };
    this.outboxChanged();
    void this.drainer.kick();
    return { outcome: 'queued', clientId: entry.clientId };
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
