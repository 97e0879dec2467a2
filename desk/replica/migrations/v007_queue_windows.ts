/** The case columns a queue window depends on: its sort keys and every filterable facet. */
const WINDOW_COLUMNS = [
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
] as const;
const FACETS = 'entity_id, focal_point_id, status, type, channel, pillar, importance, escalation_level';

/**
 * Counter tables, each a cube over a few facets (a few thousand rows at
 * most, whatever the number of cases), so the count of a selection over
 * those facets is a sum over at most that many rows. Status stands in for
 * open-only; sector is the entity's. Read by queueCounts.ts.
 */
export const QUEUE_COUNT_TABLES = {
  queue_counts_by_kind: ['status', 'type', 'channel', 'pillar', 'importance', 'escalation_level'],
  queue_counts_by_entity: ['entity_id', 'status', 'importance', 'escalation_level'],
  queue_counts_by_focal_point: ['entity_id', 'focal_point_id', 'status'],
} as const;
type CountTable = keyof typeof QUEUE_COUNT_TABLES;
const COUNT_TABLES = Object.keys(QUEUE_COUNT_TABLES) as CountTable[];
/** focal_point_id is null for an unassigned case; counted under '' (no filter value is empty). */
export const value = (row: string, column: string) =>
  column === 'focal_point_id' ? `coalesce(${row}.${column}, '')` : `${row}.${column}`;
const countUp = (table: CountTable, row: 'NEW') =>
  `INSERT INTO ${table} (${QUEUE_COUNT_TABLES[table].join(', ')}, n)
     VALUES (${QUEUE_COUNT_TABLES[table].map((c) => value(row, c)).join(', ')}, 1)
     ON CONFLICT DO UPDATE SET n = n + 1;`;
const countDown = (table: CountTable, row: 'OLD') =>
  `UPDATE ${table} SET n = n - 1 WHERE ${QUEUE_COUNT_TABLES[table].map((c) => `${c} = ${value(row, c)}`).join(' AND ')};`;

/** Every counter table refilled from the cases held: after a snapshot, whose rows skip the triggers. */
export const REBUILD_QUEUE_COUNTS = COUNT_TABLES.map((table) => {
  const columns = QUEUE_COUNT_TABLES[table];
  const selected = columns.map((c) => (c === 'focal_point_id' ? `coalesce(focal_point_id, '')` : c));
  return `DELETE FROM ${table};
    INSERT INTO ${table} (${columns.join(', ')}, n) SELECT ${selected.join(', ')}, count(*) FROM cases GROUP BY ${selected.join(', ')};`;
}).join('\n');

const asJson = (row: 'OLD' | 'NEW') => `json_object(${WINDOW_COLUMNS.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
/** While a snapshot streams in, rows change by the thousand: the store rebuilds counts after it instead (see ReplicaStore). */
const NOT_BOOTSTRAPPING = `(SELECT value FROM sync_meta WHERE key = 'bootstrap.state') IS NOT 'running'`;
const windowChanged = [...WINDOW_COLUMNS.filter((c) => c !== 'id' && c !== 'urgent_key'), 'due_at']
  .map((c) => `OLD.${c} IS NOT NEW.${c}`)
  .join(' OR ');

/**
 * Version 7: the queue at national scale (a million cases).
 *
 * - `urgent_key` folds the urgent sort (open first, then deadline, undated
 *   first) into one string, so a page is a keyset read `(urgent_key, id) > ?`
 *   on one index instead of OFFSET, which walks every row it skips. The
 *   newest sort keys on `(submitted_at, id)`, both descending.
 * - One index per sort, covering every facet, so filters are checked in the
 *   index and only the hundred rows shown are read from the table (a case row
 *   with its text is over a kilobyte; an index entry is about a tenth of
 *   that). Entity and focal point, the selective facets, get their own.
 * - Counter tables (QUEUE_COUNT_TABLES), kept by triggers.
 * - `case_pending`: this desk's unanswered commands per case, kept by
 *   triggers on the outbox, so a row's overlay is one key lookup rather than
 *   an aggregate over the outbox per row.
 * - `queue_changes`: a journal of every change to a case's sort keys or
 *   facets (old and new values), written by triggers. The reader replays it
 *   onto the counts and position ladders it keeps per selection, so they stay
 *   exact without recounting (desk/queue/queueWindows.ts).
 */
export const v007 = {
  version: 7,
  name: 'queue windows',
  up: /* sql */ `
    ALTER TABLE cases ADD COLUMN urgent_key TEXT GENERATED ALWAYS AS
      ((CASE WHEN is_open = 1 THEN '0' ELSE '1' END) || coalesce(due_at, '')) VIRTUAL;
    DROP INDEX cases_urgent;
    DROP INDEX cases_newest;
    CREATE INDEX cases_by_urgency ON cases(urgent_key, id, ${FACETS});
    CREATE INDEX cases_by_newest ON cases(submitted_at, id, is_open, ${FACETS});
    CREATE INDEX cases_by_entity_urgency ON cases(entity_id, urgent_key, id, ${FACETS});
    CREATE INDEX cases_by_focal_point_urgency ON cases(focal_point_id, urgent_key, id);

    CREATE TABLE queue_counts_by_kind (
      status TEXT NOT NULL, type TEXT NOT NULL, channel TEXT NOT NULL, pillar TEXT NOT NULL, importance TEXT NOT NULL,
      escalation_level TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (status, type, channel, pillar, importance, escalation_level)) STRICT, WITHOUT ROWID;
    CREATE TABLE queue_counts_by_entity (
      entity_id TEXT NOT NULL, status TEXT NOT NULL, importance TEXT NOT NULL, escalation_level TEXT NOT NULL,
      n INTEGER NOT NULL, PRIMARY KEY (entity_id, status, importance, escalation_level)) STRICT, WITHOUT ROWID;
    CREATE TABLE queue_counts_by_focal_point (
      entity_id TEXT NOT NULL, focal_point_id TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (entity_id, focal_point_id, status)) STRICT, WITHOUT ROWID;
    ${REBUILD_QUEUE_COUNTS}

    CREATE TABLE case_pending (case_id TEXT PRIMARY KEY, commands TEXT NOT NULL) STRICT, WITHOUT ROWID;
    INSERT INTO case_pending
      SELECT case_id, json_group_array(command) FROM (SELECT case_id, command FROM outbox WHERE case_id IS NOT NULL ORDER BY position)
      GROUP BY case_id;
    CREATE TRIGGER outbox_pending_added AFTER INSERT ON outbox WHEN NEW.case_id IS NOT NULL BEGIN
      INSERT OR REPLACE INTO case_pending
        SELECT NEW.case_id, json_group_array(command) FROM (SELECT command FROM outbox WHERE case_id = NEW.case_id ORDER BY position);
    END;
    CREATE TRIGGER outbox_pending_removed AFTER DELETE ON outbox WHEN OLD.case_id IS NOT NULL BEGIN
      DELETE FROM case_pending WHERE case_id = OLD.case_id;
      INSERT INTO case_pending
        SELECT OLD.case_id, json_group_array(command) FROM (SELECT command FROM outbox WHERE case_id = OLD.case_id ORDER BY position)
        HAVING count(*) > 0;
    END;
    CREATE TRIGGER outbox_pending_moved AFTER UPDATE OF case_id, command ON outbox BEGIN
      DELETE FROM case_pending WHERE case_id IN (OLD.case_id, NEW.case_id);
      INSERT INTO case_pending
        SELECT case_id, json_group_array(command) FROM (
          SELECT case_id, command FROM outbox WHERE case_id IN (OLD.case_id, NEW.case_id) ORDER BY position)
        GROUP BY case_id;
    END;

    CREATE TABLE queue_changes (n INTEGER PRIMARY KEY AUTOINCREMENT, old_row TEXT, new_row TEXT) STRICT;
    CREATE TRIGGER cases_window_added AFTER INSERT ON cases WHEN ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (NULL, ${asJson('NEW')});
      ${COUNT_TABLES.map((t) => countUp(t, 'NEW')).join('\n      ')}
    END;
    CREATE TRIGGER cases_window_removed AFTER DELETE ON cases WHEN ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (${asJson('OLD')}, NULL);
      ${COUNT_TABLES.map((t) => countDown(t, 'OLD')).join('\n      ')}
    END;
    CREATE TRIGGER cases_window_moved AFTER UPDATE ON cases WHEN (${windowChanged}) AND ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (${asJson('OLD')}, ${asJson('NEW')});
      ${COUNT_TABLES.map((t) => countDown(t, 'OLD')).join('\n      ')}
      ${COUNT_TABLES.map((t) => countUp(t, 'NEW')).join('\n      ')}
    END;
  `,
};
