import { z } from 'zod';
import { ApplicationType, CaseStatus, Channel, EscalationLevel, Importance, Pillar, Sector } from '../domain/taxonomy';
import type { ContractBridge, ContractSpec, EventSpec } from './defineContract';
import { CaseDetail, CaseDetailQuery } from './caseDetailContract';
import { ClockFilters } from './clockFilters';
import { SLA_RULE_COMMANDS, SlaReapplyResult, SlaRulesState } from './slaRulesContract';

export const Language = z.enum(['ar', 'en']);
export type Language = z.infer<typeof Language>;

/** One table's comparison: the console's own digest against the hub's, at one change-log position. */
export const TableCheck = z.object({
  table: z.string(),
  rows: z.number().int().nonnegative(),
  hubRows: z.number().int().nonnegative(),
  matches: z.boolean(),
  /** Re-downloaded because its digest disagreed (then compared again). */
  repaired: z.boolean(),
});

/** Does the cache provably equal the hub? Computed here and compared, never taken from the hub. */
export const IntegrityReport = z.object({
  state: z.enum(['unchecked', 'checking', 'repairing', 'verified', 'unverified', 'failed']),
  /** The change-log position both sides were compared at. */
  atSeq: z.number().int().nonnegative().nullable(),
  checkedAt: z.string().nullable(),
  tables: z.array(TableCheck),
  /** Tables re-downloaded since the console started, because their digest disagreed. */
  repairs: z.number().int().nonnegative(),
  /** Why it could not be verified, or what was repaired, in words an operator can act on. */
  message: z.string().nullable(),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

export const SyncStatus = z.object({
  connection: z.enum(['connecting', 'online', 'offline']),
  phase: z.enum(['starting', 'bootstrapping', 'catchingUp', 'live', 'stopped']),
  hubUrl: z.string(),
  casesHeld: z.number().int().nonnegative(),
  lastAppliedSeq: z.number().int().nonnegative(),
  lastContactAt: z.string().nullable(),
  /** Progress of an initial (or fresh) snapshot; null when none is under way. */
  bootstrap: z
    .object({
      table: z.string(),
      held: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      rowsPerSecond: z.number().nonnegative(),
      secondsLeft: z.number().nonnegative().nullable(),
    })
    .nullable(),
  /** The search index's build after a snapshot: cases searchable of all held; null when search covers them all. */
  searchIndex: z.object({ indexed: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** The last problem the sync engine met, in words an operator can act on. */
  problem: z.string().nullable(),
  /** The hub refuses this desk until someone signs in. */
  signInNeeded: z.boolean(),
  /** Hub clock minus this machine's clock: every countdown uses the hub's time. */
  clockOffsetMs: z.number(),
  /** The last comparison of the cache's per-table digests with the hub's. */
  integrity: IntegrityReport,
  /**
   * The hub's SLA rules this desk counts with: their version (null: none held
   * yet, the built-in rules stand in), and why the hub's newest could not be
   * taken, while the held ones stay in use.
   */
  slaRules: z.object({ version: z.number().int().nonnegative().nullable(), problem: z.string().nullable() }),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const QueueSort = z.enum(['urgent', 'newest']);
export type QueueSort = z.infer<typeof QueueSort>;

const few = <T extends z.ZodType>(item: T) => z.array(item).max(200).optional();

export const QueueFilters = z
  .object({
    entityId: few(z.string().max(64)),
    sector: few(Sector),
    type: few(ApplicationType),
    channel: few(Channel),
    pillar: few(Pillar),
    importance: few(Importance),
    status: few(CaseStatus),
    escalationLevel: few(EscalationLevel),
    focalPointId: few(z.string().max(64)),
  })
  .strict();
export type QueueFilters = z.infer<typeof QueueFilters>;

/** Where a row stands in a sort (its sort key, then its id): pages are read by key, not by counting rows. */
export const QueueCursor = z.object({ key: z.string().max(64), id: z.string().max(64) }).strict();
export type QueueCursor = z.infer<typeof QueueCursor>;

export const QueueQuery = z
  .object({
    sort: QueueSort.default('urgent'),
    /** The position wanted. With `after` or `before` it is only echoed back (the key decides); alone, the core finds it by its position ladder. */
    offset: z.number().int().min(0).max(10_000_000).default(0),
    /** The rows just after this one in the sort (the next page of one already held). */
    after: QueueCursor.optional(),
    /** The rows just before this one (the previous page of one already held). */
    before: QueueCursor.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    openOnly: z.boolean().default(false),
    /** Words, a case number or a phone number; Arabic is matched whatever its diacritics and letter forms. */
    search: z.string().trim().max(200).optional(),
    /** Each filter keeps cases whose value is one of those listed; an empty or absent list keeps all. */
    filters: QueueFilters.default({}),
    /** Filters read against the hub's clock (SLA state, breached today, unchanged for days). */
    clock: ClockFilters.optional(),
  })
  .strict();
export type QueueQuery = z.input<typeof QueueQuery>;

export const QueueRow = z.object({
  id: z.string(),
  number: z.string(),
  type: ApplicationType,
  channel: Channel,
  pillar: Pillar,
  importance: Importance,
  status: CaseStatus,
  escalationLevel: EscalationLevel,
  title: z.string(),
  entityId: z.string(),
  entityNameAr: z.string(),
  entityNameEn: z.string(),
  focalPointNameAr: z.string().nullable(),
  focalPointNameEn: z.string().nullable(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  version: z.number().int(),
  claimedBy: z.string().nullable(),
  /** The resolution clock, computed here with the shared SLA rules: it keeps counting offline. */
  sla: z
    .object({
      state: z.enum(['running', 'paused', 'atRisk', 'breached', 'met']),
      workingMinutesLeft: z.number(),
    })
    .nullable(),
  /** Commands this desk has queued on the case that the hub has not answered yet (the pending overlay). */
  pendingCommands: z.array(z.string()),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const QueuePage = z.object({
  total: z.number().int().nonnegative(),
  /** The total is at least this many, not exactly (a search shows a bounded set of its matches): "1,000+". */
  totalIsLowerBound: z.boolean().optional(),
  offset: z.number().int().nonnegative(),
  rows: z.array(QueueRow),
  /** The first and last rows' cursors, to ask for the pages either side by key; null for an empty page or a search. */
  first: QueueCursor.nullable(),
  last: QueueCursor.nullable(),
});
export type QueuePage = z.infer<typeof QueuePage>;

export const SessionStatus = z.object({
  signedIn: z.boolean(),
  user: z.object({ userId: z.string(), role: z.string() }).nullable(),
  problem: z.string().nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const DeskSettings = z.object({ language: Language });

export const AlertView = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  kind: z.enum(['breach', 'referral', 'atRisk', 'lowRating', 'reopened', 'unansweredChase']),
  /** Ladder levels for referrals and breaches. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Which SLA clock a breach or at-risk alert is about (firstResponse, update, resolution); null for a referral. */
  timer: z.string().nullable(),
  raisedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  /** This desk's acknowledgement waits in the outbox. */
  pendingAck: z.boolean(),
});
export type AlertView = z.infer<typeof AlertView>;

/** Commands an operation-room desk may queue; the hub checks the role again (the rule edits: administrators only). */
export const DESK_COMMANDS = [
  'reassignCase',
  'chaseFocalPoint',
  'addNote',
  'claimCase',
  'acknowledgeAlert',
  ...SLA_RULE_COMMANDS,
] as const;
export const DeskCommand = z.enum(DESK_COMMANDS);

export const OutboxEntryView = z.object({
  clientId: z.string(),
  command: z.string(),
  caseId: z.string().nullable(),
  queuedAt: z.string(),
  state: z.enum(['queued', 'refused']),
  attempts: z.number().int(),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
  input: z.record(z.string(), z.unknown()),
});
export type OutboxEntryView = z.infer<typeof OutboxEntryView>;
export type DeskSettings = z.infer<typeof DeskSettings>;

const NoInput = z.object({}).strict();

/** Saved views (desk/savedViews): what a view selects, as the queue's own query has it. */
export const ViewQuery = z
  .object({
    sort: QueueSort.default('urgent'),
    openOnly: z.boolean().default(false),
    search: z.string().trim().max(200).optional(),
    filters: QueueFilters.default({}),
    clock: ClockFilters.optional(),
  })
  .strict();
export type ViewQuery = z.input<typeof ViewQuery>;
/** A built-in view (named by the renderer's catalogue) or one the operator saved, with its count now. */
export const DeskView = z.object({
  id: z.string(),
  kind: z.enum(['breachedToday', 'stalled', 'myEntities', 'saved']),
  name: z.string(),
  query: ViewQuery,
  count: z.number().int().nonnegative(),
});
export type DeskView = z.output<typeof DeskView>;
export const DeskViews = z.object({ views: z.array(DeskView), followedEntities: z.array(z.string()) });
/** Who has a case open now, as the hub last said (ephemeral: gone when their desk disconnects). */
export const PresenceList = z.object({
  viewers: z.array(z.object({ caseId: z.string(), userId: z.string(), role: z.string() })),
});
export type PresenceList = z.output<typeof PresenceList>;

/** Every call the renderer may make to the desk core. */
export const deskContract = {
  'sync.status': { input: NoInput, output: SyncStatus },
  /** Compares the cache's digests with the hub's now, repairing a table that disagrees. */
  'sync.verify': { input: NoInput, output: IntegrityReport },
  'queue.page': { input: QueueQuery, output: QueuePage },
  /** One case for the case view: its clocks and ladder from the cache, its history from the hub; null if not held. */
  'case.detail': { input: CaseDetailQuery, output: CaseDetail.nullable() },
  'settings.get': { input: NoInput, output: DeskSettings },
  'session.status': { input: NoInput, output: SessionStatus },
  'session.signIn': {
    input: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
    output: SessionStatus,
  },
  'session.signOut': { input: NoInput, output: SessionStatus },
  /** Queues a command: durable in the outbox before this answers. The input is checked against the hub's schema. */
  'outbox.queue': {
    input: z
      .object({
        command: DeskCommand,
        input: z.record(z.string(), z.unknown()),
        /**
         * A rule edit's document as it stood when the edit began (the draft's, with
         * the input's `basedOn`): kept on the desk, never sent, so a refused edit can
         * be applied again to newer rules. A rule edit without `basedOn` is taken to
         * be built on the draft the desk holds now.
         */
        basis: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    output: OutboxEntryView,
  },
  'outbox.list': { input: NoInput, output: z.array(OutboxEntryView) },
  'entities.list': {
    input: NoInput,
    output: z.array(
      z.object({ id: z.string(), code: z.string(), nameAr: z.string(), nameEn: z.string(), sector: z.string() }),
    ),
  },
  'alerts.list': {
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(100), unacknowledgedOnly: z.boolean().default(false) })
      .strict(),
    output: z.object({ alerts: z.array(AlertView), unacknowledged: z.number().int() }),
  },
  'outbox.retry': { input: z.object({ clientId: z.string().min(1).max(100) }).strict(), output: z.boolean() },
  'outbox.discard': { input: z.object({ clientId: z.string().min(1).max(100) }).strict(), output: z.boolean() },
  /** A reassign refused as stale, queued again against the case as this desk now holds it (a new client id). */
  'outbox.rebase': {
    input: z.object({ clientId: z.string().min(1).max(100) }).strict(),
    output: OutboxEntryView.nullable(),
  },
  'settings.setLanguage': { input: z.object({ language: Language }).strict(), output: DeskSettings },
  /** The signed-in person's views (built-in and saved), each with its live count, and the entities they follow. */
  'views.list': { input: NoInput, output: DeskViews },
  'views.save': {
    input: z.object({ name: z.string().trim().min(1).max(80), query: ViewQuery }).strict(),
    output: DeskView,
  },
  'views.delete': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: z.boolean() },
  /** The entities "my entities" shows, replacing the ones followed before. */
  'views.follow': {
    input: z.object({ entityIds: z.array(z.string().min(1).max(64)).max(200) }).strict(),
    output: z.array(z.string()),
  },
  /** Every focal point the cache holds, for the focal-point filter. */
  'focalPoints.list': {
    input: NoInput,
    output: z.array(z.object({ id: z.string(), entityId: z.string(), nameAr: z.string(), nameEn: z.string() })),
  },
  /** Tells the other desks this one has a case open (null: none). */
  'presence.viewing': {
    input: z.object({ caseId: z.string().min(1).max(64).nullable() }).strict(),
    output: z.boolean(),
  },
  'presence.list': { input: NoInput, output: PresenceList },
  /** The SLA rules this desk holds (calendar, matrix, ladder windows), with its own edits not yet applied. */
  'sla.rules': { input: NoInput, output: SlaRulesState },
  /** A rule edit refused because the rules changed first, applied again to the rules as they are now. */
  'sla.reapply': { input: z.object({ clientId: z.string().min(1).max(100) }).strict(), output: SlaReapplyResult },
  /** The open, late cases of the focal point a case is with, for chasing them all at once; null if unassigned. */
  'bulkChase.lateCases': {
    input: z.object({ caseId: z.string().min(1).max(64) }).strict(),
    output: z
      .object({
        focalPointId: z.string(),
        nameAr: z.string(),
        nameEn: z.string(),
        cases: z.array(z.object({ id: z.string(), number: z.string() })),
      })
      .nullable(),
  },
} as const satisfies ContractSpec;
export type DeskContract = typeof deskContract;

/** Every event the desk core pushes to the renderer. */
export const deskEvents = {
  'sync.status': SyncStatus,
  /** The cache changed: views showing cases should refresh what they show. */
  'queue.changed': z.object({
    lastAppliedSeq: z.number().int().nonnegative(),
    /** Only owed search text was written: nothing but a search on screen can show more. */
    searchTextOnly: z.literal(true).optional(),
  }),
  'session.changed': SessionStatus,
  'outbox.changed': z.object({ queued: z.number().int(), refused: z.number().int() }),
  /** New alerts since the last push: the renderer notifies and sounds. */
  'alerts.raised': z.object({ alerts: z.array(AlertView) }),
  /** Someone opened or left a case: every viewer the hub knows of now. */
  'presence.changed': PresenceList,
  /** The SLA rules this desk holds changed (fetched anew from the hub): the rules screen reads them again. */
  'sla.changed': z.object({ version: z.number().int().nonnegative().nullable() }),
  /** The console's engine (the core's process) stopped unexpectedly and is running again: read everything afresh. */
  'core.restarted': z.object({ restarts: z.number().int().positive() }),
} as const satisfies EventSpec;
export type DeskEvents = typeof deskEvents;

export type DeskBridge = ContractBridge<DeskContract, DeskEvents>;

/** The Electron shell hands the page its MessagePort to the core on this channel (again after a restart). */
export const DESK_IPC = { port: 'desk:port' } as const;
