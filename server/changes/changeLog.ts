import type { Change, SyncHead, SyncedTable } from '../../shared/protocol/syncProtocol';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';

export const CHANGE_CHANNEL = 'change_log';

/** Where each synced table lives and how its wire rows are read. */
export const TABLE_SOURCES: Record<SyncedTable, { table: string; view: string; keyCast: string }> = {
  entities: { table: 'entities', view: 'entity_records', keyCast: 'text' },
  focalPoints: { table: 'focal_points', view: 'focal_point_records', keyCast: 'text' },
  cases: { table: 'cases', view: 'case_records', keyCast: 'uuid' },
  alerts: { table: 'alerts', view: 'alert_records', keyCast: 'uuid' },
};

export interface ChangeRef {
  table: SyncedTable;
  id: string;
  op?: 'upsert' | 'delete';
}

/**
 * Appends one change-log entry per ref inside the caller's transaction and
 * stamps each row with its new sequence number. The counter row's lock, held
 * to commit, makes sequence order equal commit order across every hub process;
 * the notify wakes every process's feed when the transaction commits.
 *
 * One statement per ref, so the lock costs a single round trip before the
 * commit: every round trip made while holding it is time no other command can
 * commit (the statement's snapshot predates its own stamp, so the logged row
 * gets its new seq set in). Many distinct rows of one table (an intake batch,
 * a batch of moved deadlines) go in one statement for the same reason.
 *
 * The logged entries are also left on the transaction for this process's feed
 * (`notifyOnCommit`), which publishes them once the transaction has committed,
 * without waiting for the NOTIFY and reading them back.
 */
export async function recordChanges(tx: SqlRunner, refs: readonly ChangeRef[]): Promise<number[]> {
  const logged =
    refs.length > 1 && oneTableDistinctRows(refs) ? await recordChangesAtOnce(tx, refs) : await recordEach(tx, refs);
  if (logged.length > 0) tx.notifyOnCommit?.(CHANGE_CHANNEL, logged);
  return logged.map((entry) => entry.seq);
}

/**
 * A change-log entry as its statement returned it. The row stays jsonb's text
 * until the feed publishes it: parsed inside the transaction, it would lengthen
 * the time the counter's lock is held, and a batch the feed does not take is
 * never parsed at all.
 */
export interface LoggedChange {
  seq: number;
  table: SyncedTable;
  id: string;
  op: Change['op'];
  rowText: string | null;
}

/** The entries as readChangesAfter returns them: jsonb's text parsed as the drivers parse a jsonb column. */
export function loggedToChanges(logged: readonly LoggedChange[]): Change[] {
  return logged.map(
    (entry) =>
      ({
        seq: entry.seq,
        table: entry.table,
        op: entry.op,
        id: entry.id,
        row: entry.rowText === null ? null : (JSON.parse(entry.rowText) as unknown),
      }) as Change,
  );
}

async function recordEach(tx: SqlRunner, refs: readonly ChangeRef[]): Promise<LoggedChange[]> {
  const entries: LoggedChange[] = [];
  for (const [index, ref] of refs.entries()) {
    const source = TABLE_SOURCES[ref.table];
    const last = index === refs.length - 1;
    const [logged] = await tx.query<{ seq: number; row_id: string; row: string | null }>(
      `WITH next AS (UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq),
       stamped AS (
         UPDATE ${source.table} t SET seq = next.seq FROM next WHERE t.id = $1::${source.keyCast} RETURNING t.id, t.seq
       ),
       logged AS (
         INSERT INTO change_log (seq, table_name, row_id, op, row)
         SELECT stamped.seq, $2, v.key, $3,
                CASE WHEN $3 = 'delete' THEN NULL ELSE jsonb_set(v.row::jsonb, '{seq}', to_jsonb(stamped.seq)) END
         FROM stamped JOIN ${source.view} v ON v.id = stamped.id
         RETURNING seq, row_id, row
       )
       SELECT seq::float8 AS seq, row_id, row::text AS row,
              CASE WHEN $4 THEN pg_notify('${CHANGE_CHANNEL}', seq::text) END AS notified
       FROM logged`,
      [ref.id, ref.table, ref.op ?? 'upsert', last],
    );
    if (!logged) throw new Error(`recordChanges: no ${ref.table} row ${ref.id}`);
    entries.push({ seq: logged.seq, table: ref.table, id: logged.row_id, op: ref.op ?? 'upsert', rowText: logged.row });
  }
  return entries;
}

// A row named twice in one statement would be stamped once but counted twice: a gap in the log.
function oneTableDistinctRows(refs: readonly ChangeRef[]): boolean {
  const [first] = refs;
  const op = first!.op ?? 'upsert';
  return (
    refs.every((r) => r.table === first!.table && (r.op ?? 'upsert') === op) &&
    new Set(refs.map((r) => r.id)).size === refs.length
  );
}

/** The same entries, in the refs' order, from one statement: the counter moves once, by their number. */
async function recordChangesAtOnce(tx: SqlRunner, refs: readonly ChangeRef[]): Promise<LoggedChange[]> {
  const table = refs[0]!.table;
  const op = refs[0]!.op ?? 'upsert';
  const source = TABLE_SOURCES[table];
  const rows = await tx.query<{ seq: number; row_id: string; row: string | null }>(
    `WITH refs AS (SELECT r.id, r.n FROM unnest($1::text[]) WITH ORDINALITY AS r(id, n)),
     next AS (UPDATE change_counter SET seq = seq + $4 WHERE id = 1 RETURNING seq - $4 AS base),
     stamped AS (
       UPDATE ${source.table} t SET seq = next.base + refs.n FROM next, refs
       WHERE t.id = refs.id::${source.keyCast} RETURNING t.id, t.seq
     ),
     logged AS (
       INSERT INTO change_log (seq, table_name, row_id, op, row)
       SELECT stamped.seq, $2, v.key, $3,
              CASE WHEN $3 = 'delete' THEN NULL ELSE jsonb_set(v.row::jsonb, '{seq}', to_jsonb(stamped.seq)) END
       FROM stamped JOIN ${source.view} v ON v.id = stamped.id
       RETURNING seq, row_id, row
     ),
     notified AS (SELECT pg_notify('${CHANGE_CHANNEL}', max(seq)::text) AS notified FROM logged)
     SELECT logged.seq::float8 AS seq, logged.row_id, logged.row::text AS row, notified.notified
     FROM logged CROSS JOIN notified ORDER BY logged.seq`,
    [refs.map((r) => r.id), table, op, refs.length],
  );
  if (rows.length !== refs.length) {
    throw new Error(`recordChanges: ${refs.length - rows.length} of ${refs.length} ${table} rows missing`);
  }
  return rows.map((r) => ({ seq: r.seq, table, id: r.row_id, op, rowText: r.row }));
}

export async function readChangesAfter(db: SqlRunner, afterSeq: number, limit: number): Promise<Change[]> {
  const rows = await db.query<{ seq: number; table_name: string; row_id: string; op: string; row: unknown }>(
    `SELECT seq::float8 AS seq, table_name, row_id, op, row FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map((r) => ({ seq: r.seq, table: r.table_name, op: r.op, id: r.row_id, row: r.row }) as Change);
}

export async function readHeadSeq(db: SqlRunner): Promise<number> {
  const [row] = await db.query<{ head: number }>(
    `SELECT COALESCE((SELECT max(seq) FROM change_log), 0)::float8 AS head`,
  );
  return Math.max(row?.head ?? 0, await readReplayFloor(db));
}

/** Below this sequence number the hub can no longer replay changes (seeded in bulk, or pruned). */
export async function readReplayFloor(db: SqlRunner): Promise<number> {
  const [row] = await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'replay_floor'`);
  return row ? Number(row.value) : 0;
}

export async function setReplayFloor(db: SqlRunner, seq: number): Promise<void> {
  await db.query(
    `INSERT INTO hub_meta (key, value) VALUES ('replay_floor', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [String(seq)],
  );
}

/**
 * Where the log stands: enough to answer a console that asks to follow. The
 * row counts are left out, since they cost a scan of a million cases and only
 * a bootstrap's progress needs them.
 */
export async function readSyncPosition(
  db: SqlRunner,
): Promise<Pick<SyncHead, 'hubEpoch' | 'headSeq' | 'oldestReplayableSeq' | 'hubTime' | 'slaRulesVersion'>> {
  const [meta] = await db.query<{ epoch: string; now: string; rules: number }>(
    `SELECT (SELECT value FROM hub_meta WHERE key = 'hub_epoch') AS epoch, iso_ms(now()) AS now,
            (SELECT COALESCE(max(id), 0) FROM sla_rule_versions)::int AS rules`,
  );
  return {
    hubEpoch: meta!.epoch,
    headSeq: await readHeadSeq(db),
    oldestReplayableSeq: await readReplayFloor(db),
    hubTime: meta!.now,
    slaRulesVersion: meta!.rules,
  };
}

export async function readSyncHead(db: HubDatabase): Promise<SyncHead> {
  const position = await readSyncPosition(db);
  const [counts] = await db.query<{ entities: number; focal_points: number; cases: number; alerts: number }>(
    `SELECT (SELECT count(*) FROM entities)::int AS entities, (SELECT count(*) FROM focal_points)::int AS focal_points,
            (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM alerts)::int AS alerts`,
  );
  return {
    ...position,
    counts: {
      entities: counts!.entities,
      focalPoints: counts!.focal_points,
      cases: counts!.cases,
      alerts: counts!.alerts,
    },
  };
}
