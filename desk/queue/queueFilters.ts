import type { QueueFilters, QueueSort } from '../../shared/contract/deskContract';
import type { ClockFilters } from '../../shared/contract/clockFilters';
import { clockSignature } from './queueClock';

/** A case's sort keys and facets, as the journal (replicaSchema.ts's QUEUE_JOURNAL_COLUMNS) and the reader's SQL both name them. */
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
  /** What the clock filters read besides (journalled from v013 on; absent from older entries). */
  due_at?: string | null;
  answered_at?: string | null;
  updated_at?: string;
  /** When the case began awaiting the citizen, while it does (journalled from v015 on). */
  paused_since?: string | null;
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
  /** Filters read against the hub's clock (queueClock.ts): their windows move with time as well as with changes. */
  clock?: ClockFilters;
  /** Cases not open only: the second block of the urgent sort, which a clock selection is read in apart. */
  closedOnly?: boolean;
}

/**
 * How a read enters the sort's index: from a cursor forwards ('after') or
 * backwards ('before'), or from a bound of the selection's own (null).
 * SQLite seeks on one lower and one upper bound of the key: a bound of the
 * selection on the side a cursor is on is written `+c.urgent_key` (no index
 * use), or SQLite may seek from it and walk every row up to the cursor.
 */
export type Seek = 'after' | 'before' | null;

/**
 * WHERE for a selection's facets, values always bound as parameters (never
 * spliced into SQL); its clock filters are added by the reader, with the time.
 * Open-only (or not open) under the urgent sort is a range of its key ('0…'
 * sorts before '1…'), so it stays one index walk; `keyed` says a narrower
 * range of the key is added by the caller (a clock selection's), which SQLite
 * is then to seek on instead.
 */
export function selectionWhere(
  selection: QueueSelection,
  seek: Seek = null,
  keyed = false,
): { clauses: string[]; params: Record<string, string> } {
  const { sort, openOnly, filters } = selection;
  const unindexed = (side: Exclude<Seek, null>) => (keyed || seek === side ? '+' : '');
  const clauses: string[] = openOnly
    ? [sort === 'urgent' ? `${unindexed('before')}c.urgent_key < '1'` : 'c.is_open = 1']
    : [];
  if (selection.closedOnly)
    clauses.push(sort === 'urgent' ? `${unindexed('after')}c.urgent_key >= '1'` : 'c.is_open = 0');
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
  if (selection.closedOnly) checks.push((row) => row.is_open === 0);
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
  const parts: unknown[] = [selection.sort, selection.openOnly, filters];
  if (selection.clock || selection.closedOnly) parts.push(clockSignature(selection.clock), !!selection.closedOnly);
  return JSON.stringify(parts);
}
