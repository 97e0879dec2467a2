import {
  COUNT_TABLES,
  OUTCOME_COUNT_TABLES,
  QUEUE_COUNT_TABLES,
  countedValue,
  outcomeSql,
} from '../replica/replicaSchema';

const FACETS = [...new Set(COUNT_TABLES.flatMap((table) => QUEUE_COUNT_TABLES[table]))];
// As the triggers count it (focal_point_id null for an unassigned case is counted under '').
const facet = (column: string) => `${countedValue('c', column)} AS ${column}`;

/**
 * Every counter table refilled from the cases held, after a snapshot whose
 * rows skipped their triggers (ReplicaStore). Every case is grouped once, by
 * every facet (and its outcome), and each table summed from that, rather
 * than grouped once per table as the migrations' own rebuilds do: this runs
 * at the end of a bootstrap the operator is waiting on.
 */
function rebuildCounts(outcomes: boolean): string {
  const grouped = outcomes ? `, ${FACETS.length + 1}` : '';
  return `
  CREATE TEMP TABLE count_cube AS
    SELECT ${FACETS.map(facet).join(', ')}${outcomes ? `, ${outcomeSql('c')} AS outcome` : ''}, count(*) AS n
    FROM cases c GROUP BY ${FACETS.map((_, i) => i + 1).join(', ')}${grouped};
  ${COUNT_TABLES.map((table) => {
    const columns = QUEUE_COUNT_TABLES[table].join(', ');
    const counts = `DELETE FROM ${table};
  INSERT INTO ${table} (${columns}, n) SELECT ${columns}, sum(n) FROM temp.count_cube GROUP BY ${columns};`;
    if (!outcomes) return counts;
    return `${counts}
  DELETE FROM ${OUTCOME_COUNT_TABLES[table]};
  INSERT INTO ${OUTCOME_COUNT_TABLES[table]} (${columns}, outcome, n)
    SELECT ${columns}, outcome, sum(n) FROM temp.count_cube WHERE outcome IS NOT NULL GROUP BY ${columns}, outcome;`;
  }).join('\n  ')}
  DROP TABLE temp.count_cube;`;
}

/** The counter tables and their outcome twins. */
export const REBUILD_ALL_COUNTS = rebuildCounts(true);
/** The counter tables alone, for a replica from before OUTCOME_COUNTS_SINCE (the migration tests fill such files). */
export const REBUILD_FACET_COUNTS = rebuildCounts(false);
