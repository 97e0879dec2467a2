import type { SyncedTable } from '../../shared/protocol/syncProtocol';

// The replica's schema as the live code reads and writes it, at the newest
// version. The migrations (./migrations) build it and stay as they shipped,
// each with its own copy of what it needed then; this module moves with the
// newest version, so live code takes its names from here, never from a
// migration. replicaSchema.test.ts opens a freshly migrated replica and checks
// every declaration below against it, so the two cannot drift apart unnoticed.
// Constants only: the digest and snapshot threads import it.

/** The version the migrations reach, the one described here (a new migration fails the test until this follows). */
export const REPLICA_SCHEMA_VERSION = 16;

/** Each synced table's name in SQLite (its columns, and how a wire row fills them: snapshotColumns.ts). */
export const SYNCED_TABLE_NAMES = {
  entities: 'entities',
  focalPoints: 'focal_points',
  cases: 'cases',
  alerts: 'alerts',
} as const satisfies Record<SyncedTable, string>;

/**
 * The sync_meta key a snapshot's progress is kept under. While it holds
 * BOOTSTRAP_RUNNING, the triggers on cases neither journal, count nor owe
 * search text (a snapshot writes rows by the thousand): the store recounts
 * and asks for a search rebuild once the snapshot is whole.
 */
export const BOOTSTRAP_STATE_KEY = 'bootstrap.state';
export const BOOTSTRAP_RUNNING = 'running';

/**
 * Full-text search over cases: FTS5, contentless, one `text` column, its
 * rowid the case row's. The text is folded before it is written
 * (desk/search/caseSearchText.ts), so SQLite only matches words.
 */
export const CASE_SEARCH_TABLE = 'cases_fts';
/** Cases whose search text is owed, by rowid (`case_rowid`): written by triggers, drained by searchIndexer.ts. */
export const SEARCH_OWED_TABLE = 'search_pending';

/**
 * The journal of changes to a case's sort keys, facets and clock columns
 * (`n`, `old_row`, `new_row`: JSON objects of QUEUE_JOURNAL_COLUMNS, or both
 * null where ReplicaStore marks rows changed unjournalled). Written by
 * triggers; the queue reader replays it onto the windows it keeps.
 */
export const QUEUE_JOURNAL_TABLE = 'queue_changes';
/** The case columns each journal entry holds (queueFilters.ts's WindowRow). */
export const QUEUE_JOURNAL_COLUMNS = [
  'id',
  'urgent_key',
  'submitted_at',
  'is_open',
  'entity_id',
  'focal_point_id',
  'type',
  'channel',
  'pillar',
  'importance',
  'status',
  'escalation_level',
  'due_at',
  'answered_at',
  'updated_at',
  /** When the case began awaiting the citizen, while it does (v015: virtual, from the pauses the hub sends). */
  'paused_since',
] as const;
export type QueueJournalColumn = (typeof QUEUE_JOURNAL_COLUMNS)[number];

/** This desk's unanswered commands per case (`case_id`, `commands` as a JSON array), kept by triggers on the outbox. */
export const CASE_PENDING_TABLE = 'case_pending';

/**
 * Counter tables, each a cube over a few facets (a few thousand rows at most,
 * whatever the number of cases), so the count of a selection over those facets
 * is a sum over at most that many rows. Status stands in for open-only; sector
 * is the entity's. Each has the facets as its columns and primary key, then `n`.
 * Kept by triggers; read by queueCounts.ts.
 */
export const QUEUE_COUNT_TABLES = {
  queue_counts_by_kind: ['status', 'type', 'channel', 'pillar', 'importance', 'escalation_level'],
  queue_counts_by_entity: ['entity_id', 'status', 'importance', 'escalation_level'],
  queue_counts_by_focal_point: ['entity_id', 'focal_point_id', 'status'],
} as const;
export type CountTable = keyof typeof QUEUE_COUNT_TABLES;
export const COUNT_TABLES = Object.keys(QUEUE_COUNT_TABLES) as CountTable[];

/** A facet's value as the counter tables hold it: focal_point_id is null for an unassigned case, counted under ''. */
export const countedValue = (row: string, column: string) =>
  column === 'focal_point_id' ? `coalesce(${row}.${column}, '')` : `${row}.${column}`;

/**
 * What a case that is not open (answered, closed, awaiting the citizen) counts
 * as, whatever the time: 'met' or 'late' once answered (its answer against
 * its deadline, as queueClock.ts's STATE_SQL decides them), else 'unanswered'
 * (late once its deadline passes, and until then paused, at risk or running).
 */
export type Outcome = 'met' | 'late' | 'unanswered';
export const OUTCOMES: readonly Outcome[] = ['met', 'late', 'unanswered'];

/**
 * Each counter table's twin counting the cases not open by outcome: the same
 * facets, then `outcome`, all of them the primary key, then `n`.
 */
export const OUTCOME_COUNT_TABLES = {
  queue_counts_by_kind: 'queue_outcomes_by_kind',
  queue_counts_by_entity: 'queue_outcomes_by_entity',
  queue_counts_by_focal_point: 'queue_outcomes_by_focal_point',
} as const satisfies Record<CountTable, string>;
/** The version that added the outcome tables: a replica from before it has the counter tables alone. */
export const OUTCOME_COUNTS_SINCE = 14;

/**
 * A case row's outcome as SQL over the urgent key (`'1' || due_at` for a case
 * not open), as the triggers count it: null for an open case or one with no
 * deadline (not counted).
 */
export const outcomeSql = (row: string) => `CASE WHEN ${row}.urgent_key > '1' THEN
      CASE WHEN ${row}.status IN ('answered', 'closed') AND ${row}.answered_at IS NOT NULL
        THEN CASE WHEN ${row}.answered_at <= substr(${row}.urgent_key, 2) THEN 'met' ELSE 'late' END
        ELSE 'unanswered' END
    END`;

const FACETS = [
  'entity_id',
  'focal_point_id',
  'status',
  'type',
  'channel',
  'pillar',
  'importance',
  'escalation_level',
] as const;
/**
 * The queue's indexes on cases and their columns, in order. One per sort,
 * covering every facet and what the clock filters read, so a filter is
 * checked in the index and only the rows shown are read from the table;
 * entity and focal point, the selective facets, get their own. A fresh load
 * drops and rebuilds them (deferredIndexes.ts).
 */
export const QUEUE_INDEXES = {
  cases_by_urgency: ['urgent_key', 'id', ...FACETS, 'answered_at', 'updated_at'],
  cases_by_newest: ['submitted_at', 'id', 'is_open', ...FACETS, 'urgent_key', 'answered_at', 'updated_at'],
  cases_by_entity_urgency: ['entity_id', 'urgent_key', 'id', ...FACETS],
  cases_by_focal_point_urgency: ['focal_point_id', 'urgent_key', 'id'],
  /** Partial: open cases only, for the "stalled" clock filter. */
  cases_open_by_update: ['updated_at'],
} as const satisfies Record<string, readonly string[]>;
