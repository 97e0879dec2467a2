/**
 * The columns journalled per change from this version on: v013's, and when
 * the case began awaiting the citizen (a copy: a shipped migration must not
 * change when a later one does).
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
  'paused_since',
] as const;
/** A change v007's trigger journals (and counts): a sort key or a facet moved. Written out here, as v013 has it. */
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
/** A change only the clock filters see: the answer, an open case's last change, or when its pause began. */
const CLOCK_MOVED = `OLD.answered_at IS NOT NEW.answered_at OR (NEW.is_open = 1 AND OLD.updated_at IS NOT NEW.updated_at)
  OR OLD.paused_since IS NOT NEW.paused_since`;
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
 * Version 15: when a case awaiting the citizen began to (`paused_since`).
 *
 * The hub keeps a waiting case's deadline as it stood when the pause began
 * and moves it only once the case resumes, so a deadline alone cannot tell a
 * case that stopped its clock in time (paused, however long it waits) from
 * one that began waiting after its deadline (breached). The hub sends the
 * pauses (v006): the start of the open one, the last, is read from them, so
 * no row is written and none is asked for again. Virtual, as the urgent key
 * is: the queue's rows, its SLA-state filter and the journal read it, and
 * only for the few cases awaiting the citizen does the filter read it from
 * the row rather than the index. The journal triggers carry it, so a kept
 * window decides a journalled row as the SQL decides it.
 */
export const v015 = {
  version: 15,
  name: 'pause start',
  up: /* sql */ `
    ALTER TABLE cases ADD COLUMN paused_since TEXT GENERATED ALWAYS AS
      (CASE WHEN status = 'awaitingCitizen' AND json_extract(pauses, '$[#-1].to') IS NULL
        THEN json_extract(pauses, '$[#-1].from') END) VIRTUAL;

    DROP TRIGGER cases_window_added;
    DROP TRIGGER cases_window_removed;
    DROP TRIGGER cases_window_moved;
    DROP TRIGGER cases_clock_moved;
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
  `,
};
