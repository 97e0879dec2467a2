import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateHubDatabase } from '../migrateHubDatabase';
import type { HubDatabase } from '../hubDatabase';
import { leastLoadedFocalPoint } from '../../cases/focalPointPick';
import { CASE_STATUSES } from '../../../shared/domain/taxonomy';
import { hubTargets } from '../../../tests/support/hubDatabaseTargets';
import { openHubDatabaseAtVersion } from '../../../tests/support/hubDatabaseAtVersion';

/** The statuses the pick has always counted as a focal point's load. */
const LOAD = new Set(['assigned', 'inProgress', 'reopened']);

// Focal point per entity; fp-c is inactive, fp-d has no cases at all.
const FOCAL_POINTS = [
  { id: 'fp-a', entity: 'ent-1', active: true },
  { id: 'fp-b', entity: 'ent-1', active: true },
  { id: 'fp-c', entity: 'ent-1', active: false },
  { id: 'fp-d', entity: 'ent-1', active: true },
  { id: 'fp-e', entity: 'ent-2', active: true },
];
const SPREAD = ['fp-a', 'fp-b', 'fp-b', 'fp-c', null, 'fp-e', 'fp-a', 'fp-b'] as const;

/** Version-6 cases in every status, unevenly over the focal points, some with none. */
const CASES = Array.from({ length: 240 }, (_, i) => {
  const focalPoint = SPREAD[(i * 7) % SPREAD.length]!;
  return {
    id: `018f0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
    number: `BK-26-${String(i + 1).padStart(7, '0')}`,
    status: CASE_STATUSES[(i * 5 + Math.floor(i / 8)) % CASE_STATUSES.length]!,
    focal_point_id: focalPoint,
    entity_id: focalPoint === 'fp-e' ? 'ent-2' : 'ent-1',
  };
});

// Real rows of a version-6 hub, migrated across version 7: every focal point's
// load is backfilled from its cases, and the synced rows stay as they were.
describe.each(await hubTargets())('hub migration 0007 (focal point load) on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;
  let recordsBefore: unknown[];

  beforeAll(async () => {
    ({ db, dispose } = await openHubDatabaseAtVersion(target, 6));
    await db.exec(`
      INSERT INTO entities (id, code, name_ar, name_en, sector, kind) VALUES
        ('ent-1', 'MOH', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry'),
        ('ent-2', 'GAM', 'أمانة عمان الكبرى', 'Greater Amman Municipality', 'municipal', 'municipality');
    `);
    await db.query(
      `INSERT INTO focal_points (id, entity_id, name_ar, name_en, phone, email, active)
       SELECT r->>'id', r->>'entity', 'ضابط', 'Officer', '+962790000000', 'fp@example.jo', (r->>'active')::boolean
       FROM json_array_elements($1::json) r`,
      [JSON.stringify(FOCAL_POINTS)],
    );
    await db.query(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status, title, body,
         language, applicant_name, applicant_phone, submitted_at, updated_at)
       SELECT (r->>'id')::uuid, r->>'number', 'complaint', 'web', r->>'entity_id', r->>'focal_point_id', 'deliveryTime',
         'normal', r->>'status', 'تأخر', 'نص', 'ar', 'رنا', '+962791234567', '2026-11-22T06:00:00Z', '2026-11-22T06:00:00Z'
       FROM json_array_elements($1::json) r`,
      [JSON.stringify(CASES)],
    );
    recordsBefore = await syncedRows(db);
    await migrateHubDatabase(db);
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  const loads = async () =>
    Object.fromEntries(
      (await db.query<{ id: string; open_cases: number }>('SELECT id, open_cases FROM focal_points ORDER BY id')).map(
        (r) => [r.id, r.open_cases],
      ),
    );

  it('backfills each focal point’s load with a fresh count of its assigned, in-progress and reopened cases', async () => {
    const fresh = await db.query<{ id: string; n: number }>(
      `SELECT fp.id, count(c.id)::int AS n FROM focal_points fp
       LEFT JOIN cases c ON c.focal_point_id = fp.id AND c.status IN ('assigned','inProgress','reopened')
       GROUP BY fp.id`,
    );
    const expected = Object.fromEntries(
      FOCAL_POINTS.map((fp) => [fp.id, CASES.filter((c) => c.focal_point_id === fp.id && LOAD.has(c.status)).length]),
    );
    expect(await loads()).toEqual(Object.fromEntries(fresh.map((r) => [r.id, r.n])));
    expect(await loads()).toEqual(expected);
    // The data is spread as intended: loads differ, closed and unassigned cases exist and do not count.
    expect(expected['fp-b']).toBeGreaterThan(expected['fp-a']!);
    expect(expected['fp-d']).toBe(0);
    expect(CASES.some((c) => c.focal_point_id === null && LOAD.has(c.status))).toBe(true);
    expect(CASES.some((c) => c.focal_point_id === 'fp-a' && c.status === 'closed')).toBe(true);
  });

  it('gives the next case to the least-busy active focal point, never to an inactive one', async () => {
    // fp-d has nothing open; once it has more than fp-a, fp-a is next. fp-c (inactive) never is.
    expect(await leastLoadedFocalPoint(db, 'ent-1')).toBe('fp-d');
    await db.query(`UPDATE focal_points SET open_cases = 1000 WHERE id = 'fp-d'`);
    expect(await leastLoadedFocalPoint(db, 'ent-1')).toBe('fp-a');
    await db.query(`UPDATE focal_points SET open_cases = 0 WHERE id = 'fp-d'`);
    expect(await leastLoadedFocalPoint(db, 'ent-2')).toBe('fp-e');
    expect(await leastLoadedFocalPoint(db, 'ent-none')).toBeNull();
  });

  it('leaves the synced rows byte for byte as they were, so the desk’s cache needs no migration', async () => {
    expect(await syncedRows(db)).toEqual(recordsBefore);
  });

  it('keeps the load from then on: a case closed, moved or deleted leaves its focal point’s count', async () => {
    const before = await loads();
    const open = CASES.find((c) => c.focal_point_id === 'fp-a' && c.status === 'inProgress')!;
    await db.query(`UPDATE cases SET status = 'closed' WHERE id = $1::uuid`, [open.id]);
    const other = CASES.find((c) => c.focal_point_id === 'fp-b' && c.status === 'assigned')!;
    await db.query(`UPDATE cases SET focal_point_id = 'fp-d' WHERE id = $1::uuid`, [other.id]);
    const reopened = CASES.find((c) => c.focal_point_id === 'fp-e' && c.status === 'reopened')!;
    await db.query(`DELETE FROM cases WHERE id = $1::uuid`, [reopened.id]);
    expect(await loads()).toEqual({
      ...before,
      'fp-a': before['fp-a']! - 1,
      'fp-b': before['fp-b']! - 1,
      'fp-d': before['fp-d']! + 1,
      'fp-e': before['fp-e']! - 1,
    });
  });
});

async function syncedRows(db: HubDatabase): Promise<unknown[]> {
  return db.query(
    `SELECT key, row::text AS row FROM focal_point_records
     UNION ALL SELECT key, row::text FROM (SELECT key, row FROM case_records ORDER BY key) c
     ORDER BY key`,
  );
}
