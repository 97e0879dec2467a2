import type { Change, SyncedTable, SyncedRows } from '../../shared/protocol/syncProtocol';
import type { ReplicaDb } from './openReplicaDatabase';
import { deferSecondaryIndexes, restoreDeferredIndexes, withSortingRoom } from './deferredIndexes';
import { SEARCH_INDEXED_UP_TO } from '../search/searchIndexer';
import {
  BOOTSTRAP_RUNNING,
  BOOTSTRAP_STATE_KEY,
  CASE_SEARCH_TABLE,
  COUNT_TABLES,
  OUTCOME_COUNTS_SINCE,
  QUEUE_JOURNAL_TABLE,
} from './replicaSchema';
import { REBUILD_ALL_COUNTS, REBUILD_FACET_COUNTS } from '../queue/queueCountRebuild';
import { fillCountsSql, type CaseCountTally } from '../queue/caseCountTally';
import { REPLICA_TABLES as TABLES, snapshotRowParams as toParams } from './snapshotColumns';

/** Journal entries of queue changes kept for a reader that has not caught up (see replicaSchema.ts). */
const QUEUE_JOURNAL_KEPT = 50_000;

/**
 * The hub's rows as last applied to the replica, and where the replica
 * stands in the hub's change log. SQL lives here behind typed calls.
 */
export class ReplicaStore {
  private readonly upserts: { [T in SyncedTable]: import('better-sqlite3').Statement };
  private readonly deletes: { [T in SyncedTable]: import('better-sqlite3').Statement };
  private readonly unindexCase: import('better-sqlite3').Statement;
  private readonly getMeta: import('better-sqlite3').Statement<[string], { value: string }>;
  private readonly putMeta: import('better-sqlite3').Statement;
  private readonly trimQueueJournal: import('better-sqlite3').Statement;

  constructor(readonly db: ReplicaDb) {
    const upsert = (t: SyncedTable) => {
      const { table } = TABLES[t];
      const columns = TABLES[t].columns.map(([column]) => column);
      const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
      // A copy older than the one held is ignored, so replays and reorders cannot roll a row back.
      return db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')} WHERE excluded.seq >= ${table}.seq`,
      );
    };
    this.upserts = {
      entities: upsert('entities'),
      focalPoints: upsert('focalPoints'),
      cases: upsert('cases'),
      alerts: upsert('alerts'),
    };
    const del = (t: SyncedTable) => db.prepare(`DELETE FROM ${TABLES[t].table} WHERE id = ?`);
    this.deletes = {
      entities: del('entities'),
      focalPoints: del('focalPoints'),
      cases: del('cases'),
      alerts: del('alerts'),
    };
    this.unindexCase = db.prepare(
      `DELETE FROM ${CASE_SEARCH_TABLE} WHERE rowid = (SELECT rowid FROM cases WHERE id = ?)`,
    );
    this.trimQueueJournal = db.prepare(
      `DELETE FROM ${QUEUE_JOURNAL_TABLE} WHERE n <= (SELECT max(n) FROM ${QUEUE_JOURNAL_TABLE}) - ?`,
    );
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
    this.writeDecodedSnapshotPage(
      table,
      rows.map((row) => toParams(table, row)),
      checkpoint,
      done,
    );
  }

  /**
   * The same, for a page already laid out as statement parameters (by the decode
   * thread). Search is not written here: it is built in the background once the
   * snapshot is whole (searchIndexer.ts), so the queue is usable sooner.
   */
  writeDecodedSnapshotPage(
    table: SyncedTable,
    params: readonly unknown[][],
    checkpoint: string | null,
    done: boolean,
  ): void {
    const upsert = this.upserts[table];
    this.db.transaction(() => {
      for (const row of params) upsert.run(row);
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
      // Marked first, so the queue's change journal skips the rows this snapshot deletes and rewrites.
      this.setMeta(BOOTSTRAP_STATE_KEY, BOOTSTRAP_RUNNING);
      this.forgetQueueWindows();
      if (!options.keepRows) {
        for (const { table } of Object.values(TABLES)) this.db.exec(`DELETE FROM ${table}`);
        this.db.exec(`DELETE FROM ${CASE_SEARCH_TABLE}`);
      }
      // Kept across a restart of the snapshot: the indexes dropped for an earlier fresh load are still to rebuild.
      this.db.exec(
        `DELETE FROM sync_meta WHERE (key LIKE 'bootstrap.%' AND key != 'bootstrap.deferredIndexes') OR key = 'lastAppliedSeq'`,
      );
      if (this.count('cases') === 0) {
        // A fresh load: indexes are built once at the end, search in the background after that.
        deferSecondaryIndexes(this.db, 'cases');
        this.setMeta('bootstrap.freshLoad', '1');
      }
      this.setMeta('hubEpoch', hubEpoch);
      this.setMeta('bootstrap.startSeq', String(startSeq));
      this.setMeta(BOOTSTRAP_STATE_KEY, BOOTSTRAP_RUNNING);
    })();
  }

  /** The hub cannot replay from here: the next sync starts a fresh snapshot. */
  markResnapshotNeeded(): void {
    this.setMeta(BOOTSTRAP_STATE_KEY, 'none');
  }

  get bootstrapState(): 'none' | 'running' | 'complete' {
    return (this.meta(BOOTSTRAP_STATE_KEY) as 'running' | 'complete' | null) ?? 'none';
  }

  /**
   * The snapshot is whole: follow the log from where the hub stood when it began.
   * `tallied`: the counts of every case the snapshot wrote, where the
   * bootstrap tallied them (a fresh load, every page in this run).
   */
  completeBootstrap(tallied: CaseCountTally | null = null): void {
    // The deferred indexes come back in the transaction that declares the replica whole: never one without the other.
    withSortingRoom(this.db, () =>
      this.db.transaction(() => {
        restoreDeferredIndexes(this.db);
        this.db.exec(`DELETE FROM sync_meta WHERE key = 'bootstrap.freshLoad'`);
        this.setMeta('lastAppliedSeq', this.meta('bootstrap.startSeq') ?? '0');
        this.setMeta(BOOTSTRAP_STATE_KEY, 'complete');
        this.requestSearchRebuild();
        this.recount(tallied);
        this.forgetQueueWindows();
      })(),
    );
  }

  /**
   * The snapshot's rows skipped the queue's counting triggers: count them once.
   * From the tally when it counts exactly the cases held (a tally that
   * disagrees is dropped, never trusted), else by grouping every case.
   */
  private recount(tallied: CaseCountTally | null): void {
    // The migration tests fill replicas of older versions with this store: those have no outcome tables.
    if ((this.db.pragma('user_version', { simple: true }) as number) < OUTCOME_COUNTS_SINCE) {
      this.db.exec(REBUILD_FACET_COUNTS);
      return;
    }
    if (!tallied || tallied.total !== this.count('cases')) {
      this.db.exec(REBUILD_ALL_COUNTS);
      return;
    }
    for (const table of COUNT_TABLES) {
      const sql = fillCountsSql(table);
      const { counts, outcomes } = tallied.rows(table);
      this.db.exec(sql.clear);
      const count = this.db.prepare(sql.count);
      for (const row of counts) count.run(row);
      const outcome = this.db.prepare(sql.outcome);
      for (const row of outcomes) outcome.run(row);
    }
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
        if (change.op === 'delete' || change.row === null) {
          if (change.table === 'cases') this.unindexCase.run(change.id);
          this.deletes[change.table].run(change.id);
        } else {
          // Its search text is owed by a trigger (replica v010) and written by the search indexer's next slice.
          this.upserts[change.table].run(toParams(change.table, change.row as never));
        }
      }
      this.setMeta('lastAppliedSeq', String(last));
      // A desk whose queue is not being read keeps only the journal's tail; its reader recounts on return.
      this.trimQueueJournal.run(QUEUE_JOURNAL_KEPT);
    })();
    return last;
  }

  /**
   * Rows changed without the queue's change journal (a snapshot): an entry
   * with neither old nor new row tells the queue reader to recount what it
   * keeps (desk/queue/queueReader.ts).
   */
  private forgetQueueWindows(): void {
    this.db.exec(`INSERT INTO ${QUEUE_JOURNAL_TABLE} (old_row, new_row) VALUES (NULL, NULL)`);
  }

  /**
   * Every case's search text is to be (re)written, from the first row on, by
   * the background build (searchIndexer.ts): after a snapshot, or a migration
   * that adds search. What is indexed meanwhile stays searchable.
   */
  requestSearchRebuild(): void {
    this.setMeta(SEARCH_INDEXED_UP_TO, '0');
  }

  /** Entities for pickers, by Arabic name. */
  entities(): { id: string; code: string; nameAr: string; nameEn: string; sector: string }[] {
    return this.db
      .prepare('SELECT id, code, name_ar AS nameAr, name_en AS nameEn, sector FROM entities ORDER BY name_ar')
      .all() as { id: string; code: string; nameAr: string; nameEn: string; sector: string }[];
  }

  /** The version of a case as this replica holds it (what a reassign must name). */
  caseVersion(caseId: string): number | null {
    const row = this.db.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as
      { version: number } | undefined;
    return row?.version ?? null;
  }

  /**
   * Cases held, for the status bar after every applied batch: once the replica
   * is whole, the sum of a counter table the queue's triggers keep exact (a few
   * thousand rows), since count(*) walks a million-entry index each time.
   */
  casesHeld(): number {
    if (this.bootstrapState !== 'complete') return this.count('cases');
    const counted = `SELECT coalesce(sum(n), 0) AS n FROM ${COUNT_TABLES[0]}`;
    return (this.db.prepare(counted).get() as { n: number }).n;
  }

  count(table: SyncedTable): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${TABLES[table].table}`).get() as { n: number }).n;
  }

  /**
   * Repair of one table whose digest disagreed with the hub's (see sync/tableRepair.ts).
   * Starts an empty list of the ids the hub's fresh snapshot holds.
   */
  beginTableRepair(): void {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS repair_seen (id TEXT PRIMARY KEY) STRICT; DELETE FROM temp.repair_seen',
    );
  }

  /**
   * One page of the hub's fresh snapshot of a table under repair. Its rows overwrite
   * what is held whatever the held seq (the held copy is the suspect one); the caller
   * holds live changes back meanwhile, so nothing newer can be rolled back.
   */
  writeRepairPage<T extends SyncedTable>(table: T, rows: readonly SyncedRows[T][]): void {
    const { table: name, columns } = TABLES[table];
    const names = columns.map(([column]) => column);
    const updates = names.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
    const overwrite = this.db.prepare(
      `INSERT INTO ${name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
       ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`,
    );
    const seen = this.db.prepare('INSERT OR IGNORE INTO temp.repair_seen (id) VALUES (?)');
    this.db.transaction(() => {
      for (const row of rows) {
        overwrite.run(toParams(table, row));
        seen.run((row as { id: string }).id);
      }
    })();
  }

  /** The snapshot is whole: rows the hub did not send are dropped. Returns how many. */
  finishTableRepair(table: SyncedTable): number {
    const name = TABLES[table].table;
    let dropped = 0;
    this.db.transaction(() => {
      if (table === 'cases') {
        this.db.exec(
          `DELETE FROM ${CASE_SEARCH_TABLE} WHERE rowid IN (SELECT rowid FROM cases WHERE id NOT IN (SELECT id FROM temp.repair_seen))`,
        );
      }
      dropped = this.db.prepare(`DELETE FROM ${name} WHERE id NOT IN (SELECT id FROM temp.repair_seen)`).run().changes;
      this.db.exec('DELETE FROM temp.repair_seen');
    })();
    return dropped;
  }
}
