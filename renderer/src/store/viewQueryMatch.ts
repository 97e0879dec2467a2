import type { DeskView, QueueFilters, QueueSort } from '../../../shared/contract/deskContract';
import type { ClockFilters } from '../../../shared/contract/clockFilters';

/** The queue's query as the screen holds it. */
export interface ScreenQuery {
  sort: QueueSort;
  search?: string;
  filters: QueueFilters;
  openOnly: boolean;
  clock: ClockFilters;
}

const clean = (record: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(record ?? {})
      .filter(([, v]) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : v])
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
/** Two queries select the same cases: compared with empty parts dropped and lists sorted. */
export function sameQuery(a: DeskView['query'], b: ScreenQuery): boolean {
  const key = (q: { sort: string; search?: string; filters?: object; openOnly?: boolean; clock?: ClockFilters }) =>
    JSON.stringify([
      q.sort,
      q.search ?? '',
      !!q.openOnly,
      clean(q.filters as Record<string, unknown>),
      clean(q.clock as Record<string, unknown>),
    ]);
  return key(a) === key(b);
}
