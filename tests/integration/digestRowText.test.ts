import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase, SqlRunner } from '../../server/db/hubDatabase';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import { TABLE_SOURCES } from '../../server/changes/changeLog';
import { readTableDigests, rowTextSql } from '../../server/sync/tableDigest';
import { caseSnapshotSql, FULL_AUDIENCE, type SyncAudience } from '../../server/sync/syncAudience';
import { openReplicaDatabase } from '../../desk/replica/openReplicaDatabase';
import { ReplicaStore } from '../../desk/replica/replicaStore';
import { computeReplicaDigest, replicaRowTexts } from '../../desk/digest/replicaDigest';
import { DIGEST_FORM } from '../../shared/protocol/syncDigest';
import { ROW_SCHEMAS, SYNCED_TABLES, type SyncedTable } from '../../shared/protocol/syncProtocol';
import { hubTargets } from '../support/hubDatabaseTargets';

// A row's canonical text (shared/protocol/syncDigest.ts) is built twice: in the
// hub's SQL and in the console's SQLite. Here both run, on real databases, over
// the same rows the console received through the wire views: awkward text,
// nulls, microseconds, instants before 1970 and in a DST fold, JSON to re-print.

const TRICKY = 'شكوى: "اقتباس" \\ مائل; 12:34 — 😀\n\tسطر\u0001';

const ENTITIES = `
INSERT INTO entities (id, code, name_ar, name_en, sector, kind, parent_id, seq) VALUES
  ('ent-root', 'ROOT', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry', NULL, 1),
  ('ent-child', 'C:1', '${TRICKY.replaceAll("'", "''")}', 'Child; "quoted"', 'health', 'department', 'ent-root', 2)`;

const FOCAL_POINTS = `
INSERT INTO focal_points (id, entity_id, name_ar, name_en, phone, email, active, seq) VALUES
  ('fp-1', 'ent-root', 'رنا خالد', 'Rana Khaled', '+962791234567', 'rana@example.gov.jo', true, 3),
  ('fp-2', 'ent-child', 'ع', 'A', '', '', false, 4)`;

const CASES = `
INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status, escalation_level,
  title, body, language, applicant_name, applicant_phone, submitted_at, due_at, first_response_at, answered_at, closed_at,
  rating, rating_comment, claimed_by, claimed_at, pauses, last_update_at, first_response_due_at, update_due_at,
  updated_at, version, seq) VALUES
  ('018f0000-0000-7000-8000-000000000001', 'BK-26-0000001', 'complaint', 'web', 'ent-root', 'fp-1', 'deliveryTime',
   'high', 'awaitingCitizen', 'director', '${TRICKY.replaceAll("'", "''")}', 'نص الشكوى كاملاً', 'ar', 'مواطن', '+962790000001',
   '2026-03-01 10:00:00.123456+00', '2026-03-03 10:00:00+00', '2026-03-01 12:00:00.999999+00', NULL, NULL,
   NULL, NULL, 'op-1', '1969-12-31 23:59:59.9995+00',
   '[{"from": "2026-03-02T08:00:00.000Z", "to": "2026-03-02T09:30:00.500Z"}, {"from": "2026-03-04T08:00:00.000Z", "to": null}]',
   '2024-11-03 05:30:00.123456+00', NULL, '2026-03-05 10:00:00+00', '2024-11-03 06:30:00.000001+00', 7, 5),
  ('018f0000-0000-7000-8000-000000000002', 'BK-26-0000002', 'suggestion', 'mobile', 'ent-child', NULL, 'employeeBehaviour',
   'low', 'closed', 'focalPoint', 'Title', '', 'en', '', '', '2026-01-01 00:00:00+00', NULL, NULL,
   '2026-01-02 00:00:00+00', '2026-01-03 00:00:00.0009+00', 1, '', NULL, NULL, '[]', NULL, NULL, NULL,
   '2026-01-03 00:00:00+00', 1, 6)`;

const ALERTS = `
INSERT INTO alerts (id, case_id, kind, detail, raised_at, acknowledged_by, acknowledged_at, seq) VALUES
  ('018f0000-0000-7000-8000-0000000000a1', '018f0000-0000-7000-8000-000000000001', 'referral',
   '{"number": "BK-26-0000001", "from": "focalPoint", "to": "director", "level": 2, "ملاحظة": "نص \\"مقتبس\\"",
     "nested": {"zz": [1, "a", null, true], "b": {}}, "ab": []}',
   '2026-03-02 00:00:00.000001+00', 'op-1', '2026-03-02 01:00:00+00', 8),
  ('018f0000-0000-7000-8000-0000000000a2', NULL, 'breach', '{}', '2026-03-02 00:00:00+00', NULL, NULL, 9)`;

const BLANKED: SyncAudience = { entityScope: null, seesPersonalData: false };

describe.each(await hubTargets())('canonical row text on $name', (target) => {
  let hub: HubDatabase;
  let dispose: () => Promise<void>;
  /** One console's cache per audience, filled from the hub's wire rows as a snapshot fills it. */
  const caches = new Map<SyncAudience, ReplicaStore>();

  /** Runs hub reads in a session whose time zone observes DST: nothing may depend on it. */
  const inFoldingZone = <T>(work: (tx: SqlRunner) => Promise<T>) =>
    hub.transaction(async (tx) => {
      await tx.query(`SET LOCAL TIME ZONE 'America/New_York'`);
      return work(tx);
    });

  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    hub = await openHubDatabase(created.config);
    for (const sql of [ENTITIES, FOCAL_POINTS, CASES, ALERTS]) await hub.exec(sql);
    for (const audience of [FULL_AUDIENCE, BLANKED]) {
      const store = new ReplicaStore(openReplicaDatabase(':memory:').db);
      for (const table of SYNCED_TABLES) {
        const row = table === 'cases' ? caseSnapshotSql(audience).row : 'row::text';
        const wire = await inFoldingZone((tx) =>
          tx.query<{ row: string }>(`SELECT ${row} AS row FROM ${TABLE_SOURCES[table].view}`),
        );
        const rows = wire.map((w) => ROW_SCHEMAS[table].parse(JSON.parse(w.row)));
        store.writeSnapshotPage(table, rows as never[], null, true);
      }
      caches.set(audience, store);
    }
  });
  afterAll(async () => {
    for (const store of caches.values()) store.db.close();
    await hub?.close();
    await dispose?.();
  });

  const hubRowTexts = async (table: SyncedTable, audience: SyncAudience) => {
    const rows = await inFoldingZone((tx) =>
      tx.query<{ id: string; text: string }>(
        `SELECT id::text AS id, ${rowTextSql(table, audience)} AS text FROM ${TABLE_SOURCES[table].table}`,
      ),
    );
    return new Map(rows.map((r) => [r.id, r.text]));
  };

  const cases = SYNCED_TABLES.flatMap((table) =>
    [
      ['every field', FULL_AUDIENCE],
      ['personal data blanked', BLANKED],
    ].map(([label, audience]) => ({ table, label: label as string, audience: audience as SyncAudience })),
  );

  it.each(cases)('$table, $label: the console builds each row text exactly as the hub', async ({ table, audience }) => {
    const desk = replicaRowTexts(caches.get(audience)!.db, table);
    const theirs = await hubRowTexts(table, audience);
    expect(desk.size).toBeGreaterThanOrEqual(2);
    expect(Object.fromEntries(desk)).toEqual(Object.fromEntries(theirs));
  });

  it.each(cases)('$table, $label: so the digests are equal too', async ({ table, audience }) => {
    const theirs = await inFoldingZone((tx) => readTableDigests(tx, [table], audience));
    expect(theirs.form).toBe(DIGEST_FORM);
    expect(computeReplicaDigest(caches.get(audience)!.db, table)).toEqual(theirs.tables[table]);
  });

  it('writes each field as the form says', async () => {
    const entities = await hubRowTexts('entities', FULL_AUDIENCE);
    // Lengths count UTF-8 bytes: Arabic letters take two, so 'وزارة الصحة' is 21.
    expect(entities.get('ent-root')).toBe('8:ent-root4:ROOT21:وزارة الصحة18:Ministry of Health6:health8:ministry:1;');
    const [first, second] = [...(await hubRowTexts('cases', FULL_AUDIENCE)).values()].sort();
    // Microseconds are truncated as the wire truncates them, before 1970 too (-1 ms is 23:59:59.999).
    expect(first).toContain('1772359200123;');
    expect(first).toContain('4:op-1-1;');
    // jsonb's print: keys shortest first, ", " and ": ".
    expect(first).toContain(
      '[{"to": "2026-03-02T09:30:00.500Z", "from": "2026-03-02T08:00:00.000Z"}, {"to": null, "from": "2026-03-04T08:00:00.000Z"}]',
    );
    // Null and empty differ: no focal point is ':', an empty body '0:'; no due date ';'.
    expect(second).toContain('9:ent-child:17:employeeBehaviour');
    expect(second).toContain('5:Title0:2:en0:0:1767225600000;;;1767312000000;1767398400000;1;0:');
    const blanked = await hubRowTexts('cases', BLANKED);
    expect([...blanked.values()].every((text) => text.includes('0:0:'))).toBe(true);
  });
});
