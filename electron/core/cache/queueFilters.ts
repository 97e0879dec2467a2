import type { QueueFilters, QueueSort } from '../../../shared/contract/deskContract';

/** A case's sort keys and facets, as the journal (migration v007) and the reader's SQL both name them. */
export interface WindowRow {
  id: string;
  urgent_key: string;
  submitted_at: string;
  is_open: number;
  entity_id: string;
  focal_point_id: string | null;
  type: string;
  channel: string;
  pillar: string;
  importance: string;
  status: string;
  escalation_level: string;
}

/** Each filter's column on the case row; sector is the case's entity's. */
export const FILTER_COLUMNS: Record<Exclude<keyof QueueFilters, 'sector'>, keyof WindowRow> = {
  entityId: 'entity_id',
  type: 'type',
  channel: 'channel',
  pillar: 'pillar',
  importance: 'importance',
  status: 'status',
  escalationLevel: 'escalation_level',
  focalPointId: 'focal_point_id',
};

export interface QueueSelection {
  sort: QueueSort;
  openOnly: boolean;
  filters: QueueFilters;
}

/**
 * WHERE for a selection, values always bound as parameters (never spliced into SQL).
 * Open-only under the urgent sort is a range of its key ('0…' sorts before '1…'), so it stays one index walk.
 */
export function selectionWhere(selection: QueueSelection): { clauses: string[]; params: Record<string, string> } {
  const { sort, openOnly, filters } = selection;
  const clauses: string[] = openOnly ? [sort === 'urgent' ? `c.urgent_key < '1'` : 'c.is_open = 1'] : [];
  const params: Record<string, string> = {};
  const bind = (key: string, values: readonly string[]) =>
    values.map((value, i) => {
      params[`${key}${i}`] = value;
      return `@${key}${i}`;
    });
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
    const values = filters[key];
    if (values?.length) clauses.push(`${indexable(sort, key, values)}c.${column} IN (${bind(key, values).join(', ')})`);
  }
  if (filters.sector?.length) {
    clauses.push(
      `+c.entity_id IN (SELECT id FROM entities WHERE sector IN (${bind('sector', filters.sector).join(', ')}))`,
    );
  }
  return { clauses, params };
}

/**
 * One entity or focal point under the urgent sort: its own index is already
 * in the sort's order, so SQLite may walk it. Several (or a sector), or the
 * newest sort (those indexes are in deadline order): walking that index
 * would sort every match per page (per ladder rung, too), so a unary + keeps
 * SQLite on the sort's covering index, where the facet is checked in the
 * index entries.
 */
function indexable(sort: QueueSort, key: keyof typeof FILTER_COLUMNS, values: readonly string[]): '' | '+' {
  if (key !== 'entityId' && key !== 'focalPointId') return '';
  return sort === 'newest' || values.length > 1 ? '+' : '';
}

/**
 * The same selection as a predicate over a journalled row, so a change can be
 * counted in or out of a window without asking SQLite. Held to agree with
 * selectionWhere by a table test.
 */
export function selectionMatcher(
  selection: QueueSelection,
  sectorOf: (entityId: string) => string | undefined,
): (row: WindowRow) => boolean {
  const checks: ((row: WindowRow) => boolean)[] = [];
  if (selection.openOnly) checks.push((row) => row.is_open === 1);
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, keyof WindowRow][]) {
    const values = selection.filters[key];
    if (!values?.length) continue;
    const allowed = new Set<unknown>(values);
    checks.push((row) => allowed.has(row[column]));
  }
  const sectors = selection.filters.sector;
  if (sectors?.length) {
    const allowed = new Set<string | undefined>(sectors);
    checks.push((row) => allowed.has(sectorOf(row.entity_id)));
  }
  return (row) => checks.every((check) => check(row));
}

/** A stable name for a selection: windows are kept per name. Filter values are sorted, so order does not matter. */
export function selectionSignature(selection: QueueSelection): string {
  const filters = Object.entries(selection.filters)
    .filter(([, values]) => values?.length)
    .map(([key, values]) => [key, [...(values as string[])].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([selection.sort, selection.openOnly, filters]);
}
