/**
 * v007's counter tables and their facets, as they stand at this version (a
 * copy: a shipped migration must not change when a later one does). Each gets
 * a twin here, over the cases that are not open, with their outcome.
 */
const FACETS_OF = {
  queue_counts_by_kind: ['status', 'type', 'channel', 'pillar', 'importance', 'escalation_level'],
  queue_counts_by_entity: ['entity_id', 'status', 'importance', 'escalation_level'],
  queue_counts_by_focal_point: ['entity_id', 'focal_point_id', 'status'],
} as const;
type CountTable = keyof typeof FACETS_OF;

/** Each of v007's counter tables and its twin counting outcomes (read by queueCounts.ts). */
export const OUTCOME_COUNT_TABLES = {
  queue_counts_by_kind: 'queue_outcomes_by_kind',
  queue_counts_by_entity: 'queue_outcomes_by_entity',
  queue_counts_by_focal_point: 'queue_outcomes_by_focal_point',
} as const satisfies Record<CountTable, string>;
const TABLES = Object.keys(FACETS_OF) as CountTable[];

/**
 * What a case that is not open (answered, closed, awaiting the citizen) counts
 * as, whatever the time: 'met' or 'late' once answered (its answer against
 * its deadline, as queueClock.ts's STATE_SQL decides them), else 'unanswered'
 * (late once its deadline passes, and until then paused, at risk or
 * running). Null for an open case or one with no deadline: not counted here.
 */
export type Outcome = 'met' | 'late' | 'unanswered';
export const outcome = (row: string) => `CASE WHEN ${row}.urgent_key > '1' THEN
      CASE WHEN ${row}.status IN ('answered', 'closed') AND ${row}.answered_at IS NOT NULL
        THEN CASE WHEN ${row}.answered_at <= substr(${row}.urgent_key, 2) THEN 'met' ELSE 'late' END
        ELSE 'unanswered' END
    END`;

/** focal_point_id is null for an unassigned case; counted under '', as v007 does. */
const value = (row: string, column: string) =>
  column === 'focal_point_id' ? `coalesce(${row}.${column}, '')` : `${row}.${column}`;
const countUp = (row: 'NEW') =>
  TABLES.map((table) => {
    const columns = FACETS_OF[table];
    // WHERE before ON CONFLICT: SQLite's upsert on an INSERT … SELECT needs it to parse.
    return `INSERT INTO ${OUTCOME_COUNT_TABLES[table]} (${columns.join(', ')}, outcome, n)
        SELECT ${columns.map((c) => value(row, c)).join(', ')}, outcome, 1 FROM (SELECT ${outcome(row)} AS outcome)
        WHERE outcome IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;`;
  }).join('\n      ');
const countDown = (row: 'OLD') =>
  TABLES.map(
    (table) =>
      `UPDATE ${OUTCOME_COUNT_TABLES[table]} SET n = n - 1
        WHERE ${FACETS_OF[table].map((c) => `${c} = ${value(row, c)}`).join(' AND ')} AND outcome = ${outcome(row)};`,
  ).join('\n      ');

/**
 * Every outcome table refilled from the cases held: after a snapshot, whose
 * rows skip the triggers (ReplicaStore). The cases not open are grouped once,
 * by every facet, and each table summed from that, rather than every case
 * grouped once per table.
 */
const ALL_FACETS = [...new Set(TABLES.flatMap((t) => FACETS_OF[t]))];
export const REBUILD_OUTCOME_COUNTS = `
  CREATE TEMP TABLE outcome_cube AS
    SELECT ${ALL_FACETS.map((c) => `${value('c', c)} AS ${c}`).join(', ')}, ${outcome('c')} AS outcome, count(*) AS n
    FROM cases c WHERE c.urgent_key > '1' GROUP BY ${ALL_FACETS.map((_, i) => i + 1).join(', ')}, outcome;
  ${TABLES.map((table) => {
    const columns = FACETS_OF[table].join(', ');
    return `DELETE FROM ${OUTCOME_COUNT_TABLES[table]};
  INSERT INTO ${OUTCOME_COUNT_TABLES[table]} (${columns}, outcome, n)
    SELECT ${columns}, outcome, sum(n) FROM temp.outcome_cube GROUP BY ${columns}, outcome;`;
  }).join('\n  ')}
  DROP TABLE temp.outcome_cube;`;

const NOT_BOOTSTRAPPING = `(SELECT value FROM sync_meta WHERE key = 'bootstrap.state') IS NOT 'running'`;
/** What an outcome or a counted facet is read from. */
const OUTCOME_COLUMNS = [
  'is_open',
  'due_at',
  'status',
  'answered_at',
  'entity_id',
  'focal_point_id',
  'type',
  'channel',
  'pillar',
  'importance',
  'escalation_level',
];
const outcomeMoved = OUTCOME_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const table = (name: string, columns: readonly string[]) => `CREATE TABLE ${name} (
      ${columns.map((c) => `${c} TEXT NOT NULL`).join(', ')}, outcome TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (${columns.join(', ')}, outcome)) STRICT, WITHOUT ROWID;`;

/**
 * Version 14: the first count of "late" or "met" over every case, without
 * reading every case.
 *
 * A clock selection's first count read every index entry its ranges hold:
 * for "late" or "met" over all cases that is every case not open, nearly all
 * of them. But a case that is not open has an outcome time cannot change
 * (met or late once answered), or one that changes once, when its deadline
 * passes (unanswered: late from then on). Counted per outcome over the same
 * facets as v007's counter tables, and kept by triggers as those are, the
 * reader then counts by the clock only the few cases not open whose deadline
 * is still ahead (queueReader.ts, countOf). Open cases are counted by the
 * clock as before: a range of the urgent key.
 *
 * Live changes are mostly to open cases: the triggers' WHEN lets them by.
 */
export const v014 = {
  version: 14,
  name: 'settled outcomes',
  up: /* sql */ `
    ${TABLES.map((t) => table(OUTCOME_COUNT_TABLES[t], FACETS_OF[t])).join('\n    ')}
    ${REBUILD_OUTCOME_COUNTS}
    CREATE TRIGGER cases_outcome_added AFTER INSERT ON cases WHEN NEW.is_open = 0 AND ${NOT_BOOTSTRAPPING} BEGIN
      ${countUp('NEW')}
    END;
    CREATE TRIGGER cases_outcome_removed AFTER DELETE ON cases WHEN OLD.is_open = 0 AND ${NOT_BOOTSTRAPPING} BEGIN
      ${countDown('OLD')}
    END;
    CREATE TRIGGER cases_outcome_moved AFTER UPDATE ON cases
      WHEN (OLD.is_open = 0 OR NEW.is_open = 0) AND (${outcomeMoved}) AND ${NOT_BOOTSTRAPPING} BEGIN
      ${countDown('OLD')}
      ${countUp('NEW')}
    END;
  `,
};
