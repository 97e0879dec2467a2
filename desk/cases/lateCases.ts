import { QueueQuery, type QueueCursor } from '../../shared/contract/deskContract';
import type { ReplicaDb } from '../replica/openReplicaDatabase';
import type { QueueReader } from '../queue/queueReader';

const PAGE = 500;
/** More than this at once is not a reminder but a flood: the operator chases the first this many. */
export const MAX_BULK_CHASE = 2000;

/**
 * Every open, late case of the focal point a case is with (by the desk's own
 * clock, as the queue shows "late"), most urgent first, for chasing them all
 * at once; null when the case is unassigned or not held.
 */
export function lateCasesOfFocalPoint(
  db: ReplicaDb,
  queue: Pick<QueueReader, 'page'>,
  caseId: string,
): { focalPointId: string; nameAr: string; nameEn: string; cases: { id: string; number: string }[] } | null {
  const focal = db
    .prepare(
      `SELECT c.focal_point_id AS id, coalesce(f.name_ar, c.focal_point_id) AS nameAr,
              coalesce(f.name_en, c.focal_point_id) AS nameEn
       FROM cases c LEFT JOIN focal_points f ON f.id = c.focal_point_id WHERE c.id = ?`,
    )
    .get(caseId) as { id: string | null; nameAr: string; nameEn: string } | undefined;
  if (!focal?.id) return null;
  const cases: { id: string; number: string }[] = [];
  let after: QueueCursor | undefined;
  while (cases.length < MAX_BULK_CHASE) {
    const page = queue.page(
      QueueQuery.parse({
        sort: 'urgent',
        openOnly: true,
        offset: cases.length,
        ...(after ? { after } : {}),
        limit: Math.min(PAGE, MAX_BULK_CHASE - cases.length),
        filters: { focalPointId: [focal.id] },
        clock: { slaState: ['breached'] },
      }),
    );
    cases.push(...page.rows.map((row) => ({ id: row.id, number: row.number })));
    if (!page.last || page.rows.length < PAGE) break;
    // The next page from this one's last row, by key.
    after = page.last;
  }
  return { focalPointId: focal.id, nameAr: focal.nameAr, nameEn: focal.nameEn, cases };
}
