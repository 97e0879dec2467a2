import type { CaseRecord } from '../../shared/domain/caseRecord';
import type { AlertRecord } from '../../shared/domain/alertRecord';
import type { EntityRecord, FocalPointRecord } from '../../shared/domain/entityRecord';
import { OPEN_STATUSES } from '../../shared/domain/taxonomy';
import type { SyncedTable, SyncedRows } from '../../shared/protocol/syncProtocol';
import { SYNCED_TABLE_NAMES } from './replicaSchema';

// The replica's tables as SQLite holds them, and how a wire row becomes a
// statement's parameters: shared by the store and the snapshot thread, which
// lays pages out as parameters off the main thread.

const OPEN = new Set<string>(OPEN_STATUSES);

/** Each synced table's SQLite columns, each with how it is read off the wire row: one list, so they cannot drift. */
type Columns<R> = readonly (readonly [column: string, value: (row: R) => unknown])[];

const ENTITY_COLUMNS: Columns<EntityRecord> = [
  ['id', (r) => r.id],
  ['code', (r) => r.code],
  ['name_ar', (r) => r.nameAr],
  ['name_en', (r) => r.nameEn],
  ['sector', (r) => r.sector],
  ['kind', (r) => r.kind],
  ['parent_id', (r) => r.parentId],
  ['seq', (r) => r.seq],
];
const FOCAL_POINT_COLUMNS: Columns<FocalPointRecord> = [
  ['id', (r) => r.id],
  ['entity_id', (r) => r.entityId],
  ['name_ar', (r) => r.nameAr],
  ['name_en', (r) => r.nameEn],
  ['phone', (r) => r.phone],
  ['email', (r) => r.email],
  ['active', (r) => (r.active ? 1 : 0)],
  ['seq', (r) => r.seq],
];
const CASE_COLUMNS: Columns<CaseRecord> = [
  ['id', (r) => r.id],
  ['number', (r) => r.number],
  ['type', (r) => r.type],
  ['channel', (r) => r.channel],
  ['entity_id', (r) => r.entityId],
  ['focal_point_id', (r) => r.focalPointId],
  ['pillar', (r) => r.pillar],
  ['importance', (r) => r.importance],
  ['status', (r) => r.status],
  ['escalation_level', (r) => r.escalationLevel],
  ['title', (r) => r.title],
  ['body', (r) => r.body],
  ['language', (r) => r.language],
  ['applicant_name', (r) => r.applicantName],
  ['applicant_phone', (r) => r.applicantPhone],
  ['submitted_at', (r) => r.submittedAt],
  ['due_at', (r) => r.dueAt],
  ['first_response_at', (r) => r.firstResponseAt],
  ['answered_at', (r) => r.answeredAt],
  ['closed_at', (r) => r.closedAt],
  ['rating', (r) => r.rating],
  ['rating_comment', (r) => r.ratingComment],
  ['claimed_by', (r) => r.claimedBy],
  ['claimed_at', (r) => r.claimedAt],
  ['pauses', (r) => JSON.stringify(r.pauses)],
  ['last_update_at', (r) => r.lastUpdateAt],
  ['first_response_due_at', (r) => r.firstResponseDueAt],
  ['update_due_at', (r) => r.updateDueAt],
  ['updated_at', (r) => r.updatedAt],
  ['version', (r) => r.version],
  ['seq', (r) => r.seq],
  // Derived at write time so the queue's sort is one index walk.
  ['is_open', (r) => (OPEN.has(r.status) ? 1 : 0)],
];

const ALERT_COLUMNS: Columns<AlertRecord> = [
  ['id', (r) => r.id],
  ['case_id', (r) => r.caseId],
  ['kind', (r) => r.kind],
  ['detail', (r) => JSON.stringify(r.detail)],
  ['raised_at', (r) => r.raisedAt],
  ['acknowledged_by', (r) => r.acknowledgedBy],
  ['acknowledged_at', (r) => r.acknowledgedAt],
  ['seq', (r) => r.seq],
];

export const REPLICA_TABLES: { [T in SyncedTable]: { table: string; columns: Columns<SyncedRows[T]> } } = {
  entities: { table: SYNCED_TABLE_NAMES.entities, columns: ENTITY_COLUMNS },
  focalPoints: { table: SYNCED_TABLE_NAMES.focalPoints, columns: FOCAL_POINT_COLUMNS },
  cases: { table: SYNCED_TABLE_NAMES.cases, columns: CASE_COLUMNS },
  alerts: { table: SYNCED_TABLE_NAMES.alerts, columns: ALERT_COLUMNS },
};
/** A validated row as its upsert's parameters (the snapshot thread lays pages out with it off the main thread). */
export const snapshotRowParams = <T extends SyncedTable>(table: T, row: SyncedRows[T]): unknown[] =>
  (REPLICA_TABLES[table].columns as Columns<SyncedRows[T]>).map(([, value]) => value(row));
/** Where a column sits in a row's snapshot parameters. */
export const snapshotColumnIndex = (table: SyncedTable, column: string): number => {
  const index = REPLICA_TABLES[table].columns.findIndex(([name]) => name === column);
  if (index === -1) throw new Error(`${table} has no synced column ${column}`);
  return index;
};
