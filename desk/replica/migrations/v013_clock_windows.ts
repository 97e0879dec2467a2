/**
 * The columns journalled per change from this version on: a window's sort
 * keys and facets (as v007), and what the clock filters read besides.
 */
const JOURNAL_COLUMNS = [
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
] as const;
const FACETS = 'entity_id, focal_point_id, status, type, channel, pillar, importance, escalation_level';
/** A change v007's trigger journals (and counts): a sort key or a facet moved. Written out here, as v007 has it. */
const WINDOW_MOVED = [
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
]
  .map((c) => `OLD.${c} IS NOT NEW.${c}`)
  .join(' OR ');
/** A change only the clock filters see: the answer (met or late), or an open case's last change (unchanged for days). */
const CLOCK_MOVED = `OLD.answered_at IS NOT NEW.answered_at OR (NEW.is_open = 1 AND OLD.updated_at IS NOT NEW.updated_at)`;
/** v007's counter tables and their columns, as they stand at this version. */
const COUNT_TABLES = {
  queue_counts_by_kind: ['status', 'type', 'channel', 'pillar', 'importance', 'escalation_level'],
  queue_counts_by_entity: ['entity_id', 'status', 'importance', 'escalation_level'],
  queue_counts_by_focal_point: ['entity_id', 'focal_point_id', 'status'],
} as const;
type CountTable = keyof typeof COUNT_TABLES;
const value = (row: string, column: string) =>
  column === 'focal_point_id' ? `coalesce(${row}.${column}, '')` : `${row}.${column}`;
const countUp = (row: 'NEW') =>
  (Object.keys(COUNT_TABLES) as CountTable[])
    .map(
      (table) => `INSERT INTO ${table} (${COUNT_TABLES[table].join(', ')}, n)
        VALUES (${COUNT_TABLES[table].map((c) => value(row, c)).join(', ')}, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;`,
    )
    .join('\n      ');
const countDown = (row: 'OLD') =>
  (Object.keys(COUNT_TABLES) as CountTable[])
    .map(
      (table) =>
        `UPDATE ${table} SET n = n - 1 WHERE ${COUNT_TABLES[table].map((c) => `${c} = ${value(row, c)}`).join(' AND ')};`,
    )
    .join('\n      ');
const asJson = (row: 'OLD' | 'NEW') => `json_object(${JOURNAL_COLUMNS.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
const NOT_BOOTSTRAPPING = `(SELECT value FROM sync_meta WHERE key = 'bootstrap.state') IS NOT 'running'`;

/**
 * Version 13: clock filters kept like the other selections
 * (desk/queue/queueClock.ts).
 *
 * - The journal of case changes carries each case's deadline, answer and last
 *   change, and journals a change of the answer, or of an open case's last
 *   change, too, so the reader can keep a clock selection's count and ladder
 *   exact by the journal as it does the others' (the counter tables, which
 *   count facets only, are left alone by such a change).
 * - Both sorts' covering indexes hold what every clock filter is decided by:
 *   the urgent key (the deadline after the open digit), the answer and the
 *   last change. A page, a count or a ladder under a clock filter is then
 *   read in the index, never the million case rows (each over a kilobyte) it
 *   passes. A change that only touches a case (a note) rewrites its two
 *   index entries as well, cheap beside the reads they save; the two indexes
 *   are built once.
 */
export const v013 = {
  version: 13,
  name: 'clock windows',
  up: /* sql */ `
    DROP TRIGGER cases_window_added;
    DROP TRIGGER cases_window_removed;
    DROP TRIGGER cases_window_moved;
    CREATE TRIGGER cases_window_added AFTER INSERT ON cases WHEN ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (NULL, ${asJson('NEW')});
      ${countUp('NEW')}
    END;
    CREATE TRIGGER cases_window_removed AFTER DELETE ON cases WHEN ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (${asJson('OLD')}, NULL);
      ${countDown('OLD')}
    END;
    CREATE TRIGGER cases_window_moved AFTER UPDATE ON cases WHEN (${WINDOW_MOVED}) AND ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (${asJson('OLD')}, ${asJson('NEW')});
      ${countDown('OLD')}
      ${countUp('NEW')}
    END;
    CREATE TRIGGER cases_clock_moved AFTER UPDATE ON cases
      WHEN NOT (${WINDOW_MOVED}) AND (${CLOCK_MOVED}) AND ${NOT_BOOTSTRAPPING} BEGIN
      INSERT INTO queue_changes (old_row, new_row) VALUES (${asJson('OLD')}, ${asJson('NEW')});
    END;

    DROP INDEX cases_by_urgency;
    CREATE INDEX cases_by_urgency ON cases(urgent_key, id, ${FACETS}, answered_at, updated_at);
    DROP INDEX cases_by_newest;
    CREATE INDEX cases_by_newest ON cases(submitted_at, id, is_open, ${FACETS}, urgent_key, answered_at, updated_at);
  `,
};
