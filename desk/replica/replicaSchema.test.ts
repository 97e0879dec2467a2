import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change, SyncedTable } from '../../shared/protocol/syncProtocol';
import { clockCases } from '../../tests/support/clockCaseFixture';
import { REBUILD_ALL_COUNTS } from '../queue/queueCountRebuild';
import type { WindowRow } from '../queue/queueFilters';
import { REPLICA_MIGRATIONS } from './migrations';
import { openReplicaDatabase, type ReplicaDb } from './openReplicaDatabase';
import { ReplicaStore } from './replicaStore';
import { REPLICA_TABLES } from './snapshotColumns';
import {
  BOOTSTRAP_RUNNING,
  BOOTSTRAP_STATE_KEY,
  CASE_PENDING_TABLE,
  CASE_SEARCH_TABLE,
  COUNT_TABLES,
  OUTCOME_COUNT_TABLES,
  OUTCOME_COUNTS_SINCE,
  QUEUE_COUNT_TABLES,
  QUEUE_INDEXES,
  QUEUE_JOURNAL_COLUMNS,
  QUEUE_JOURNAL_TABLE,
  REPLICA_SCHEMA_VERSION,
  SEARCH_OWED_TABLE,
  SYNCED_TABLE_NAMES,
  type QueueJournalColumn,
} from './replicaSchema';

// What the live code is told the schema is (replicaSchema.ts), against what
// the migrations build: a replica opened fresh, as a desk opens it.

const NOW = Date.parse('2026-11-24T09:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'replica-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freshReplica(): ReplicaDb {
  return openReplicaDatabase(join(dir, `replica-${Math.random().toString(36).slice(2)}.sqlite`)).db;
}

/** A table's columns in order; `hidden` adds generated ones (the urgent key). */
const columnsOf = (db: ReplicaDb, table: string, hidden = false) =>
  db
    .prepare(`SELECT name FROM pragma_table_${hidden ? 'xinfo' : 'info'}(?) ORDER BY cid`)
    .pluck()
    .all(table);
const primaryKeyOf = (db: ReplicaDb, table: string) =>
  db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table);
const indexColumnsOf = (db: ReplicaDb, index: string) =>
  db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index);
const schemaSql = (db: ReplicaDb, name: string) =>
  db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string | undefined;

/** Every counter table's rows with a count, in one order. */
function counters(db: ReplicaDb): Record<string, string[]> {
  const tables = [...COUNT_TABLES, ...Object.values(OUTCOME_COUNT_TABLES)];
  return Object.fromEntries(
    tables.map((table) => {
      const rows = db.prepare(`SELECT * FROM ${table} WHERE n > 0`).raw().all() as unknown[][];
      return [table, rows.map((row) => JSON.stringify(row)).sort()];
    }),
  );
}

describe('the replica schema the live code reads', () => {
  const db = freshReplica();
  afterAll(() => db.close());

  it('is the version the migrations reach', () => {
    expect(REPLICA_MIGRATIONS.at(-1)!.version).toBe(REPLICA_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(REPLICA_SCHEMA_VERSION);
    expect(OUTCOME_COUNTS_SINCE).toBeLessThanOrEqual(REPLICA_SCHEMA_VERSION);
    expect(REPLICA_MIGRATIONS.find((m) => m.version === OUTCOME_COUNTS_SINCE)!.up).toContain(
      `CREATE TABLE ${OUTCOME_COUNT_TABLES.queue_counts_by_kind}`,
    );
  });

  it('holds each synced table with exactly the columns a snapshot row fills', () => {
    for (const table of Object.keys(SYNCED_TABLE_NAMES) as SyncedTable[]) {
      expect(REPLICA_TABLES[table].table).toBe(SYNCED_TABLE_NAMES[table]);
      const filled = REPLICA_TABLES[table].columns.map(([column]) => column);
      expect([...columnsOf(db, SYNCED_TABLE_NAMES[table])].sort(), table).toEqual([...filled].sort());
    }
  });

  it('has each counter table over its facets, and its outcome twin over the same facets and the outcome', () => {
    for (const table of COUNT_TABLES) {
      const facets = QUEUE_COUNT_TABLES[table];
      expect(columnsOf(db, table)).toEqual([...facets, 'n']);
      expect(primaryKeyOf(db, table)).toEqual(facets);
      const twin = OUTCOME_COUNT_TABLES[table];
      expect(columnsOf(db, twin)).toEqual([...facets, 'outcome', 'n']);
      expect(primaryKeyOf(db, twin)).toEqual([...facets, 'outcome']);
    }
  });

  it("has the queue's indexes on cases, each over its columns in order", () => {
    for (const [index, columns] of Object.entries(QUEUE_INDEXES)) {
      expect(db.prepare('SELECT tbl_name FROM sqlite_master WHERE name = ?').pluck().get(index), index).toBe('cases');
      expect(indexColumnsOf(db, index), index).toEqual(columns);
    }
    expect(schemaSql(db, 'cases_open_by_update')).toMatch(/WHERE is_open = 1$/);
  });

  it('has the search, journal and pending tables under the names and columns the code uses', () => {
    expect(schemaSql(db, CASE_SEARCH_TABLE)).toMatch(/^CREATE VIRTUAL TABLE cases_fts USING fts5\(text,/);
    expect(columnsOf(db, SEARCH_OWED_TABLE)).toEqual(['case_rowid']);
    expect(columnsOf(db, QUEUE_JOURNAL_TABLE)).toEqual(['n', 'old_row', 'new_row']);
    expect(columnsOf(db, CASE_PENDING_TABLE)).toEqual(['case_id', 'commands']);
    const caseColumns = columnsOf(db, 'cases', true);
    for (const column of QUEUE_JOURNAL_COLUMNS) expect(caseColumns).toContain(column);
    expectTypeOf<keyof WindowRow>().toEqualTypeOf<QueueJournalColumn>();
  });
});

describe("the replica's triggers, as the live code relies on them", () => {
  const cases = clockCases(600, 11, NOW);
  const upserts = (rows: typeof cases, from: number): Change[] =>
    rows.map((row, i) => ({ seq: from + i, table: 'cases', op: 'upsert', id: row.id, row }));

  it('journal and owe search text for a live change only while no snapshot is under way', () => {
    const db = freshReplica();
    const store = new ReplicaStore(db);
    store.setMeta(BOOTSTRAP_STATE_KEY, BOOTSTRAP_RUNNING);
    store.writeSnapshotPage('cases', cases.slice(0, 10), null, false);
    const journalled = () => db.prepare(`SELECT count(*) FROM ${QUEUE_JOURNAL_TABLE}`).pluck().get();
    const owed = () => db.prepare(`SELECT count(*) FROM ${SEARCH_OWED_TABLE}`).pluck().get();
    expect([journalled(), owed()]).toEqual([0, 0]);

    store.setMeta(BOOTSTRAP_STATE_KEY, 'complete');
    store.applyChanges(0, upserts(cases.slice(10, 20), 1));
    expect([journalled(), owed()]).toEqual([10, 10]);
    const entry = db.prepare(`SELECT new_row FROM ${QUEUE_JOURNAL_TABLE} ORDER BY n DESC LIMIT 1`).pluck().get();
    expect(Object.keys(JSON.parse(entry as string) as object).sort()).toEqual([...QUEUE_JOURNAL_COLUMNS].sort());
    db.close();
  });

  it('count every case as the live rebuild of the counter tables does', () => {
    const db = freshReplica();
    const store = new ReplicaStore(db);
    let seq = 0;
    const apply = (changes: Change[]) => (seq = store.applyChanges(seq, changes));
    apply(upserts(cases, 1));
    // Closed (answered late or on time, or not at all), reopened, moved between entities and focal points, deleted.
    const moved = cases.slice(0, 200).map((row, i) => ({
      ...row,
      status: (['closed', 'answered', 'awaitingCitizen', 'inProgress'] as const)[i % 4]!,
      answeredAt: i % 3 === 0 ? null : row.dueAt,
      entityId: i % 5 === 0 ? 'ent-c' : row.entityId,
      focalPointId: i % 7 === 0 ? null : row.focalPointId,
      seq: row.seq + 10_000,
    }));
    apply(upserts(moved, seq + 1));
    apply(
      cases.slice(500).map((row, i) => ({ seq: seq + 1 + i, table: 'cases', op: 'delete', id: row.id, row: null })),
    );

    const kept = counters(db);
    expect(kept.queue_outcomes_by_kind!.length).toBeGreaterThan(10);
    db.exec(REBUILD_ALL_COUNTS);
    expect(counters(db)).toEqual(kept);
    db.close();
  });
});
