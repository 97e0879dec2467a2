import { z } from 'zod';
import { CaseRecord } from '../domain/caseRecord';
import { EntityRecord, FocalPointRecord } from '../domain/entityRecord';
import { AlertRecord } from '../domain/alertRecord';
import { SlaRulesVersion } from './slaRulesProtocol';

/**
 * The hub → console wire protocol. A console bootstraps from paged snapshots
 * (HTTP, gzip NDJSON, keyset-paged so an interrupted bootstrap resumes from its
 * last saved page), then follows the change log over socket.io from the
 * sequence number it last applied.
 */

export const SYNCED_TABLES = ['entities', 'focalPoints', 'cases', 'alerts'] as const;
export const SyncedTable = z.enum(SYNCED_TABLES);
export type SyncedTable = z.infer<typeof SyncedTable>;

export const ROW_SCHEMAS = {
  entities: EntityRecord,
  focalPoints: FocalPointRecord,
  cases: CaseRecord,
  alerts: AlertRecord,
} as const satisfies Record<SyncedTable, z.ZodType>;

export interface SyncedRows {
  entities: EntityRecord;
  focalPoints: FocalPointRecord;
  cases: CaseRecord;
  alerts: AlertRecord;
}

/** GET /api/sync/head */
export const SyncHead = z.object({
  /** Changes when the hub's database is created anew: a replica of another epoch must start over. */
  hubEpoch: z.string().min(1),
  headSeq: z.number().int().nonnegative(),
  /** The oldest sequence number the hub can still replay; older replicas need a fresh snapshot. */
  oldestReplayableSeq: z.number().int().nonnegative(),
  counts: z.object({
    entities: z.number().int(),
    focalPoints: z.number().int(),
    cases: z.number().int(),
    alerts: z.number().int().default(0),
  }),
  hubTime: z.iso.datetime({ offset: true }),
  /**
   * The SLA rules version in force (see slaRulesProtocol.ts): a console holding
   * another fetches the rules before it counts with them. Absent from hubs that
   * predate it; a console then fetches the rules on every connect.
   */
  slaRulesVersion: SlaRulesVersion.optional(),
});
export type SyncHead = z.infer<typeof SyncHead>;

/** The last line of each snapshot page (every other line is one row). */
export const SnapshotPageEnd = z.object({
  kind: z.literal('pageEnd'),
  table: SyncedTable,
  rows: z.number().int().nonnegative(),
  lastKey: z.string().nullable(),
  done: z.boolean(),
});
export type SnapshotPageEnd = z.infer<typeof SnapshotPageEnd>;

export const SNAPSHOT_PAGE_MAX = 20_000;

export const ChangeOp = z.enum(['upsert', 'delete']);

export const Change = z.discriminatedUnion('table', [
  z.object({
    seq: z.number().int().positive(),
    table: z.literal('entities'),
    op: ChangeOp,
    id: z.string(),
    row: EntityRecord.nullable(),
  }),
  z.object({
    seq: z.number().int().positive(),
    table: z.literal('focalPoints'),
    op: ChangeOp,
    id: z.string(),
    row: FocalPointRecord.nullable(),
  }),
  z.object({
    seq: z.number().int().positive(),
    table: z.literal('cases'),
    op: ChangeOp,
    id: z.string(),
    row: CaseRecord.nullable(),
  }),
  z.object({
    seq: z.number().int().positive(),
    table: z.literal('alerts'),
    op: ChangeOp,
    id: z.string(),
    row: AlertRecord.nullable(),
  }),
]);
export type Change = z.infer<typeof Change>;

/** socket.io events */
export const SYNC_EVENTS = {
  /** console → hub, with ack: send me every change after `afterSeq`, then live. */
  follow: 'sync:follow',
  /** hub → console: a batch of consecutive changes. */
  changes: 'sync:changes',
  /** hub → console: you are past what I can replay (or of another epoch): take a fresh snapshot. */
  resnapshot: 'sync:resnapshot',
} as const;

export const FollowRequest = z
  .object({ afterSeq: z.number().int().nonnegative(), hubEpoch: z.string().min(1) })
  .strict();
export type FollowRequest = z.infer<typeof FollowRequest>;

export const FollowAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), headSeq: z.number().int().nonnegative(), hubTime: z.string() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['epochMismatch', 'beyondRetention', 'badRequest']),
    message: z.string(),
  }),
]);
export type FollowAck = z.infer<typeof FollowAck>;

export const ChangeBatch = z.object({
  /** The sequence number just before the first change: the receiver checks it equals what it last applied. */
  afterSeq: z.number().int().nonnegative(),
  changes: z.array(Change).min(1),
  hubTime: z.iso.datetime({ offset: true }),
});
export type ChangeBatch = z.infer<typeof ChangeBatch>;

export const ResnapshotNotice = z.object({ reason: z.string() });
