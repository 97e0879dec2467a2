import { OPEN_STATUSES } from '../../shared/domain/taxonomy';
import type { QueueFilters } from '../../shared/contract/deskContract';
import {
  COUNT_TABLES,
  OUTCOME_COUNT_TABLES,
  QUEUE_COUNT_TABLES,
  type CountTable,
  type Outcome,
} from '../replica/replicaSchema';
import { FILTER_COLUMNS, type QueueSelection } from './queueFilters';

/** Which counter-table column answers each filter: the case row's own, and sector through the entity. */
const FILTER_COLUMN: Record<keyof QueueFilters, string> = { ...FILTER_COLUMNS, sector: 'entity_id' };

/**
 * The smallest counter table whose facets cover every filter the selection
 * uses (open-only is a status filter), or null: then the reader counts the
 * selection once on its covering index and keeps the count by the journal.
 */
export function countTableFor(selection: Pick<QueueSelection, 'openOnly' | 'filters'>): CountTable | null {
  const needed = new Set<string>(selection.openOnly ? ['status'] : []);
  for (const [key, values] of Object.entries(selection.filters) as [keyof QueueFilters, string[] | undefined][]) {
    if (values?.length) needed.add(FILTER_COLUMN[key]);
  }
  for (const table of COUNT_TABLES) {
    const columns = new Set<string>(QUEUE_COUNT_TABLES[table]);
    if ([...needed].every((column) => columns.has(column))) return table;
  }
  return null;
}

/**
 * The sum over a counter table for a selection, values bound as parameters;
 * with `outcomes`, over its twin counting the cases not open by outcome
 * (replica v014), those outcomes only.
 */
export function countSql(
  table: CountTable,
  selection: Pick<QueueSelection, 'openOnly' | 'filters'>,
  outcomes?: readonly Outcome[],
): { sql: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const bind = (key: string, values: readonly string[]) =>
    values.map((value, i) => {
      params[`${key}${i}`] = value;
      return `@${key}${i}`;
    });
  if (outcomes) clauses.push(`outcome IN (${bind('outcome', outcomes).join(', ')})`);
  if (selection.openOnly) clauses.push(`status IN (${bind('open', OPEN_STATUSES).join(', ')})`);
  for (const [key, values] of Object.entries(selection.filters) as [keyof QueueFilters, string[] | undefined][]) {
    if (!values?.length) continue;
    if (key === 'sector') {
      clauses.push(`entity_id IN (SELECT id FROM entities WHERE sector IN (${bind(key, values).join(', ')}))`);
    } else {
      clauses.push(`${FILTER_COLUMN[key]} IN (${bind(key, values).join(', ')})`);
    }
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const from = outcomes ? OUTCOME_COUNT_TABLES[table] : table;
  return { sql: `SELECT coalesce(sum(n), 0) AS n FROM ${from} ${where}`, params };
}
