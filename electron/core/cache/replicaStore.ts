import type { CaseRecord } from '../../../shared/domain/caseRecord';
import type { EntityRecord, FocalPointRecord } from '../../../shared/domain/entityRecord';
import { OPEN_STATUSES } from '../../../shared/domain/taxonomy';
import type { Change, SyncedTable, SyncedRows } from '../../../shared/protocol/syncProtocol';
import type { CacheDb } from './openCacheDatabase';

const OPEN = new Set<string>(OPEN_STATUSES);

/** Row → statement parameters, one mapping per synced table. */
const toParams = {
  entities: (r: EntityRecord) => [r.id, r.code, r.nameAr, r.nameEn, r.sector, r.kind, r.parentId, r.seq],
  focalPoints: (r: FocalPointRecord) => [
    r.id,
    r.entityId,
    r.nameAr,
    r.nameEn,
    r.phone,
    r.email,
    r.active ? 1 : 0,
    r.seq,
  ],
  cases: (r: CaseRecord) => [
    r.id,
    r.number,
    r.type,
    r.channel,
    r.entityId,
    r.focalPointId,
    r.pillar,
    r.importance,
    r.status,
    r.escalationLevel,
    r.title,
    r.body,
    r.language,
    r.applicantName,
    r.applicantPhone,
    r.submittedAt,
    r.dueAt,
    r.firstResponseAt,
    r.answeredAt,
    r.closedAt,
    r.rating,
    r.updatedAt,
    r.version,
    r.seq,
    OPEN.has(r.status) ? 1 : 0,
  ],
} satisfies { [T in SyncedTable]: (row: SyncedRows[T]) => unknown[] };

const COLUMNS: Record<SyncedTable, { table: string; columns: string[] }> = {
  entities: { table: 'entities', columns: ['id', 'code', 'name_ar', 'name_en', 'sector', 'kind', 'parent_id', 'seq'] },
  focalPoints: {
    table: 'focal_points',
    columns: ['id', 'entity_id', 'name_ar', 'name_en', 'phone', 'email', 'active', 'seq'],
  },
  cases: {
    table: 'cases',
    columns: [
      'id',
      'number',
      'type',
      'channel',
      'entity_id',
      'focal_point_id',
      'pillar',
      'importance',
      'status',
      'escalation_level',
      'title',
      'body',
      'language',
      'applicant_name',
      'applicant_phone',
      'submitted_at',
      'due_at',
      'first_response_at',
      'answered_at',
      'closed_at',
      'rating',
      'updated_at',
      'version',
      'seq',
      'is_open',
    ],
  },
};

/**
 * The replica half of the cache: the hub's rows as last applied, and where
 * the replica stands in the hub's change log. SQL lives here behind typed calls.
 */
export class ReplicaStore {
  private readonly upserts: { [T in SyncedTable]: import('better-sqlite3').Statement };
  private readonly deletes: { [T in SyncedTable]: import('better-sqlite3').Statement };
  private readonly getMeta: import('better-sqlite3').Statement<[string], { value: string }>;
  private readonly putMeta: import('better-sqlite3').Statement;

  constructor(readonly db: CacheDb) {
    const upsert = (t: SyncedTable) => {
      const { table, columns } = COLUMNS[t];
      const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
      // A copy older than the one held is ignored, so replays and reorders cannot roll a row back.
      return db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')} WHERE excluded.seq >= ${table}.seq`,
      );
    };
    this.upserts = { entities: upsert('entities'), focalPoints: upsert('focalPoints'), cases: upsert('cases') };
    const del = (t: SyncedTable) => db.prepare(`DELETE FROM ${COLUMNS[t].table} WHERE id = ?`);
    this.deletes = { entities: del('entities'), focalPoints: del('focalPoints'), cases: del('cases') };
    this.getMeta = db.prepare('SELECT value FROM sync_meta WHERE key = ?');
    this.putMeta = db.prepare(
      'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  meta(key: string): string | null {
    return this.getMeta.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.putMeta.run(key, value);
  }

  get lastAppliedSeq(): number {
    return Number(this.meta('lastAppliedSeq') ?? 0);
  }

  get hubEpoch(): string | null {
    return this.meta('hubEpoch');
  }

  /** One snapshot page and its checkpoint, in one transaction: a crash loses at most the page. */
  writeSnapshotPage<T extends SyncedTable>(
    table: T,
    rows: readonly SyncedRows[T][],
    checkpoint: string | null,
    done: boolean,
  ) {
    const upsert = this.upserts[table];
    const params = toParams[table] as (row: SyncedRows[T]) => unknown[];
    this.db.transaction(() => {
      for (const row of rows) upsert.run(params(row));
      this.setMeta(`bootstrap.${table}.after`, checkpoint ?? '');
      if (done) this.setMeta(`bootstrap.${table}.done`, '1');
    })();
  }

  bootstrapCheckpoint(table: SyncedTable): { after: string | null; done: boolean } {
    const after = this.meta(`bootstrap.${table}.after`);
    return { after: after ? after : null, done: this.meta(`bootstrap.${table}.done`) === '1' };
  }

  /**
   * Starts a fresh bootstrap. Against another hub epoch the replica rows are
   * forgotten (never the outbox); against the same hub they are kept and
   * refreshed in place, so the operator keeps a usable queue meanwhile.
   */
  beginBootstrap(hubEpoch: string, startSeq: number, options: { keepRows: boolean }): void {
    this.db.transaction(() => {
      if (!options.keepRows) for (const { table } of Object.values(COLUMNS)) this.db.exec(`DELETE FROM ${table}`);
      this.db.exec(`DELETE FROM sync_meta WHERE key LIKE 'bootstrap.%' OR key = 'lastAppliedSeq'`);
      this.setMeta('hubEpoch', hubEpoch);
      this.setMeta('bootstrap.startSeq', String(startSeq));
      this.setMeta('bootstrap.state', 'running');
    })();
  }

  /** The hub cannot replay from here: the next sync starts a fresh snapshot. */
  markResnapshotNeeded(): void {
    this.setMeta('bootstrap.state', 'none');
  }

  get bootstrapState(): 'none' | 'running' | 'complete' {
    return (this.meta('bootstrap.state') as 'running' | 'complete' | null) ?? 'none';
  }

  /** The snapshot is whole: follow the log from where the hub stood when it began. */
  completeBootstrap(): void {
    this.db.transaction(() => {
      this.setMeta('lastAppliedSeq', this.meta('bootstrap.startSeq') ?? '0');
      this.setMeta('bootstrap.state', 'complete');
    })();
  }

  /**
   * Applies consecutive changes and records the new position in the same
   * transaction. The caller has checked that `afterSeq` is where we stand.
   */
  applyChanges(afterSeq: number, changes: readonly Change[]): number {
    if (afterSeq !== this.lastAppliedSeq) {
      throw new Error(`applyChanges: replica at ${this.lastAppliedSeq}, batch follows ${afterSeq}`);
    }
    const last = changes.at(-1)!.seq;
    this.db.transaction(() => {
      for (const change of changes) {
        if (change.op === 'delete' || change.row === null) this.deletes[change.table].run(change.id);
        else
          (this.upserts[change.table].run as (p: unknown[]) => void)(
            (toParams[change.table] as (r: unknown) => unknown[])(change.row),
          );
      }
      this.setMeta('lastAppliedSeq', String(last));
    })();
    return last;
  }

  count(table: SyncedTable): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${COLUMNS[table].table}`).get() as { n: number }).n;
  }
}
