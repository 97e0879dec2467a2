import { type ChangeRef, recordChanges } from '../changes/changeLog';
import {
  STORED_DEADLINE_COLUMNS,
  TIMED_CASE_COLUMNS,
  type TimedCaseRow,
  deadlineColumnValues,
  timedCaseOfRow,
  trackCaseClocks,
} from '../cases/caseDeadlines';
import { trackedDeadlines, type TrackedDeadlines } from '../../shared/sla';
import type { CaseStatus, EscalationLevel } from '../../shared/domain/taxonomy';
import { ENTITY_CODE_OF_CASE, nextReferralMs, nextReferralValue } from '../cases/nextReferral';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { loadSlaRules, type CurrentSlaRules } from './slaRulesStore';

/**
 * The statuses whose deadlines a rule change moves. The same list, in the same
 * order, as the partial index `cases_open_by_id` (migration 0008), so the
 * batch's keyset walks that index and never the closed cases.
 */
export const RECOMPUTE_OPEN = `status IN ('submitted','assigned','inProgress','awaitingCitizen','reopened','referred')`;

/** How many cases one batch's transaction covers. */
export const RECOMPUTE_BATCH = 250;

/**
 * A change to the rules that open cases must now follow (saved in the same transaction): their deadlines
 * (a calendar or matrix change) and when each is next referred up (any change, a ladder change too).
 */
export interface RecomputeRequest {
  rulesVersion: number;
  kind: 'calendar' | 'matrix' | 'ladder';
  actor: string;
  reason: string;
  at: Date;
}

/**
 * Records the run to do, inside the command's transaction: the command stays
 * one insert long however many cases are open, and the run is there exactly
 * when the rule version is. A timed job (server/jobs/recomputeDeadlinesJob.ts)
 * works through it; the NOTIFY that announces the version kicks that job.
 *
 * Older runs still unfinished are not touched here (that would wait on a batch
 * holding their row): the job retires them when it takes up this one.
 */
export async function requestRecompute(tx: SqlRunner, request: RecomputeRequest): Promise<number> {
  // A ladder run supersedes an unfinished calendar or matrix run like any newer run, and so must finish its
  // deadline moves: it names them after that run (deadlines_of), not after the ladder change. The caller holds
  // the rules' lock, so no run can be requested between this read and this insert.
  const [run] = await tx.query<{ id: number }>(
    `INSERT INTO sla_recompute_runs (rules_version, kind, actor, reason, requested_at, deadlines_of)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $2 = 'ladder' THEN (
       SELECT CASE WHEN r.kind = 'ladder' THEN r.deadlines_of ELSE r.id END FROM sla_recompute_runs r
       WHERE r.finished_at IS NULL ORDER BY r.id DESC LIMIT 1) END)
     RETURNING id::int AS id`,
    [request.rulesVersion, request.kind, request.actor, request.reason, request.at.toISOString()],
  );
  return run!.id;
}

/** Unfinished runs, by the partial index: what each hub process asks every second or two. */
export async function hasRecomputeToDo(db: SqlRunner): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM sla_recompute_runs WHERE finished_at IS NULL LIMIT 1`);
  return rows.length > 0;
}

interface RunRow {
  id: number;
  /** The rules the run applies: as they stood once this version was saved. */
  rules_version: number;
  /** Whose change a deadline the run moves is named after: the run's own, or the run it took over (deadlines_of). */
  cause_version: number;
  actor: string;
  reason: string;
  after_case_id: string | null;
}

/** A run and the cause of its deadline moves, read together. `r` is the run. */
const RUN_COLUMNS = `r.id::int AS id, r.rules_version::int AS rules_version, c.rules_version::int AS cause_version,
  c.actor, c.reason, r.after_case_id::text AS after_case_id`;
const RUN_WITH_CAUSE = `sla_recompute_runs r JOIN sla_recompute_runs c ON c.id = COALESCE(r.deadlines_of, r.id)`;

interface BatchRow extends TimedCaseRow {
  id: string;
  first_response_due_ms: number | null;
  update_due_ms: number | null;
  at_risk_ms: number | null;
  escalation_level: EscalationLevel;
  entity_code: string | null;
  /** As stored: -Infinity for a case marked due for a look (migration 0009's trigger). */
  next_referral_ms: number | null;
}

/** What a run reads of each case: the clocks' inputs, the deadlines and the referral instant as stored. */
const BATCH_COLUMNS = `id::text AS id, ${TIMED_CASE_COLUMNS}, ${STORED_DEADLINE_COLUMNS}, escalation_level,
  ${ENTITY_CODE_OF_CASE} AS entity_code, (extract(epoch FROM next_referral_at) * 1000)::float8 AS next_referral_ms`;

/** What a rule change does to one case, computed with the same function as every other deadline. */
interface Move {
  id: string;
  deadlines: TrackedDeadlines;
  /** The resolution deadline moved by a second or more: a timeline event, as a rule change always had. */
  event: { from: string | null; to: string } | null;
  /** A deadline the desks hold (resolution, first response, update) changed: the row goes to the change log. */
  synced: boolean;
  /** When the case is next referred up, with these rules (an ISO instant, or null: it cannot be). */
  nextReferralAt: string | null;
}

/**
 * Null when nothing the hub stores changes. Only a resolution deadline moved by
 * a second or more is a timeline event, as it always was. A case whose other
 * deadlines changed (a first-response or update target, the at-risk share) is
 * written without one, and logged if the desks hold what changed: the whole-run
 * recompute wrote those columns without logging them, so desks kept the old.
 */
function moveOf(row: BatchRow, rules: CurrentSlaRules, at: Date): Move | null {
  const timed = timedCaseOfRow(row);
  // A case awaiting the citizen keeps the deadlines it had when its pause began (trackCaseClocks stored them
  // then; the pause counts when it resumes). They are recomputed as of that instant: the event names what the
  // rules did and not the wait so far, and the answer does not drift while the case waits, so a case the run
  // meets twice (a transition caught it up first) is not moved twice.
  const pausedSince = Math.min(...timed.pauses.filter((p) => p.toMs === Number.POSITIVE_INFINITY).map((p) => p.fromMs));
  const deadlines = trackedDeadlines(timed, rules, Math.min(at.getTime(), pausedSince));
  const differs = (stored: number | null, computed: number | null) => stored !== computed;
  const synced =
    differs(row.due_ms, deadlines.resolutionDueMs) ||
    differs(row.first_response_due_ms, deadlines.firstResponseDueMs) ||
    differs(row.update_due_ms, deadlines.updateDueMs);
  // The windows (a ladder change) and the working time they count (a calendar change) move the next referral even
  // where the deadline stands. Hub-internal: not logged.
  const nextReferral = nextReferralMs(rules, {
    status: row.status,
    level: row.escalation_level,
    dueMs: deadlines.resolutionDueMs,
    entityCode: row.entity_code,
  });
  const referralMoved = differs(row.next_referral_ms, nextReferral);
  if (!synced && !referralMoved && !differs(row.at_risk_ms, deadlines.resolutionAtRiskMs)) return null;
  const moved = row.due_ms === null || Math.abs(deadlines.resolutionDueMs - row.due_ms) >= 1000;
  return {
    id: row.id,
    deadlines,
    synced,
    nextReferralAt: nextReferral === null ? null : new Date(nextReferral).toISOString(),
    event: moved
      ? {
          from: row.due_ms === null ? null : new Date(row.due_ms).toISOString(),
          to: new Date(deadlines.resolutionDueMs).toISOString(),
        }
      : null,
  };
}

/**
 * Writes the moves of a batch (or of one case): the deadline columns in one
 * statement, the timeline events in another. Returns the rows the change log
 * must carry; the caller records them last, so the change counter's lock is
 * taken only for the tail of its transaction.
 */
async function writeMoves(tx: SqlRunner, run: RunRow, moves: readonly Move[], at: Date): Promise<ChangeRef[]> {
  if (moves.length === 0) return [];
  await tx.query(
    `UPDATE cases c SET due_at = u.due_at, first_response_due_at = u.first_response_due_at,
       update_due_at = u.update_due_at, at_risk_at = u.at_risk_at, clocks_tracked = true,
       next_referral_at = u.next_referral_at,
       updated_at = CASE WHEN u.moved THEN $2::timestamptz ELSE c.updated_at END
     FROM json_to_recordset($1::json) AS u(id uuid, due_at timestamptz, first_response_due_at timestamptz,
       update_due_at timestamptz, at_risk_at timestamptz, next_referral_at timestamptz, moved boolean)
     WHERE c.id = u.id`,
    [
      JSON.stringify(
        moves.map((m) => {
          const [dueAt, firstResponseDueAt, updateDueAt, atRiskAt] = deadlineColumnValues(m.deadlines);
          return {
            id: m.id,
            due_at: dueAt,
            first_response_due_at: firstResponseDueAt,
            update_due_at: updateDueAt,
            at_risk_at: atRiskAt,
            next_referral_at: m.nextReferralAt,
            moved: m.event !== null,
          };
        }),
      ),
      at.toISOString(),
    ],
  );
  const events = moves.flatMap((m) =>
    m.event ? [{ caseId: m.id, data: { ...m.event, rulesVersion: run.cause_version, reason: run.reason } }] : [],
  );
  if (events.length > 0) {
    await tx.query(
      `INSERT INTO case_events (case_id, at, kind, actor, data)
       SELECT (e->>'caseId')::uuid, $2, 'deadlineChanged', $3, e->'data'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n`,
      [JSON.stringify(events), at.toISOString(), run.actor],
    );
  }
  return moves.filter((m) => m.synced).map((m) => ({ table: 'cases' as const, id: m.id }));
}

/** Test seams (tests/integration/slaRecompute.test.ts): nothing in production sets them. */
export interface RecomputeHooks {
  /** Inside a batch's transaction, its cases written and its cursor advanced, before the change log. A throw rolls the batch back. */
  beforeRecord?(batch: number): Promise<void> | void;
  /** After a batch has committed. */
  afterCommit?(batch: number, outcome: BatchOutcome): Promise<void> | void;
}

export interface BatchOutcome {
  runId: number;
  checked: number;
  moved: number;
  finished: boolean;
}

/**
 * One batch of the newest unfinished run, in one transaction: the run's row is
 * locked (so two hub processes whose leases overlap take turns, and the second
 * reads the cursor the first advanced), the open cases after its cursor are
 * read and locked in one query, the moved ones written in one statement and
 * their events in another, the cursor advanced, and the change log written
 * once at the end. A crash anywhere loses the whole batch and nothing else:
 * the run resumes at its cursor, and no case gets a second event.
 *
 * Returns null when there is no run to do.
 */
export async function recomputeBatch(
  db: HubDatabase,
  at: Date,
  batchSize = RECOMPUTE_BATCH,
  batch = 1,
  hooks: RecomputeHooks = {},
): Promise<BatchOutcome | null> {
  return db.transaction(async (tx) => {
    const [run] = await tx.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ${RUN_WITH_CAUSE} WHERE r.finished_at IS NULL ORDER BY r.id DESC LIMIT 1
       FOR UPDATE OF r`,
    );
    if (!run) return null;
    // A newer run supersedes older ones: deadlines must follow the newest rules, and it goes over every open case
    // from the start. A case an older run had already moved keeps that event and gets another only if the newer
    // rules move it again; a case it had not reached moves once, straight to the newest rules, and its one event
    // names the newest version and reason. The versions in between, each with its own reason, stay in
    // sla_rule_versions, and the desk names the version in force.
    await tx.query(
      `UPDATE sla_recompute_runs SET finished_at = $2, superseded_by = $1 WHERE finished_at IS NULL AND id < $1`,
      [run.id, at.toISOString()],
    );
    // The rules as of the run's version, not the newest: a newer calendar, matrix or ladder has a run of its own
    // that supersedes this one at its next batch.
    const rules = await loadSlaRules(tx, run.rules_version);
    // Locked so a transition on one of them waits for this batch (and then finds its deadline moved already), or
    // this batch waits for it and reads the case as the transition left it. Cases no longer open are not read.
    const rows = await tx.query<BatchRow>(
      `SELECT ${BATCH_COLUMNS} FROM cases
       WHERE ${RECOMPUTE_OPEN} AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2 FOR NO KEY UPDATE`,
      [run.after_case_id, batchSize],
    );
    const moves = rows.flatMap((row) => moveOf(row, rules, at) ?? []);
    const refs = await writeMoves(tx, run, moves, at);
    const moved = moves.filter((m) => m.event !== null).length;
    const finished = rows.length < batchSize;
    await tx.query(
      `UPDATE sla_recompute_runs SET after_case_id = COALESCE($2::uuid, after_case_id),
         cases_checked = cases_checked + $3, cases_moved = cases_moved + $4,
         finished_at = CASE WHEN $5 THEN $6::timestamptz END
       WHERE id = $1`,
      [run.id, rows.at(-1)?.id ?? null, rows.length, moved, finished, at.toISOString()],
    );
    await hooks.beforeRecord?.(batch);
    if (refs.length > 0) await recordChanges(tx, refs);
    return { runId: run.id, checked: rows.length, moved, finished };
  });
}

export interface RecomputeOptions {
  /** The clock, read for each batch. */
  now?: () => Date;
  batchSize?: number;
  /** Asked between batches: false stops the run there (a lost lease, a hub stopping); it resumes at its cursor. */
  carryOn?: () => Promise<boolean>;
  /** A pause between batches, so writers queued behind one get in before the next. */
  pauseMs?: number;
  /**
   * A longer pause where a batch holds up this process itself: this share of the time the batch took. PGlite
   * runs in this thread, so while a batch runs the hub reads no request at all, and a request needs several turns
   * of the event loop to reach the database.
   */
  restShare?: number;
  hooks?: RecomputeHooks;
}

/**
 * Works through unfinished runs, batch by batch, until none is left (or
 * `carryOn` says stop). Each batch commits on its own; between them the job
 * yields, so intake and commands are held for at most one batch, never for the
 * whole run. Returns how many cases got a timeline event.
 */
export async function recomputeOpenDeadlines(db: HubDatabase, options: RecomputeOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const carryOn = options.carryOn ?? (async () => true);
  let moved = 0;
  for (let batch = 1; ; batch++) {
    const started = performance.now();
    const outcome = await recomputeBatch(db, now(), options.batchSize, batch, options.hooks);
    if (!outcome) return moved;
    moved += outcome.moved;
    const rest = Math.max(options.pauseMs ?? 0, (performance.now() - started) * (options.restShare ?? 0));
    await options.hooks?.afterCommit?.(batch, outcome);
    await new Promise((resume) => setTimeout(resume, rest));
    if (!(await carryOn())) return moved;
  }
}

/**
 * The newest unfinished run, if it has not reached this case yet: a SQL
 * expression over a `cases` row (alias `cases`), null otherwise. Read in the
 * same statement that locks the case, so a transition costs no extra round trip.
 */
export const RECOMPUTE_RUN_BEHIND = `(SELECT r.id::int FROM (
    SELECT id, after_case_id FROM sla_recompute_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1
  ) r WHERE r.after_case_id IS NULL OR r.after_case_id < cases.id)`;

/** The newest unfinished run, as a row `r` of a scalar subquery (all nulls when there is none). */
const NEWEST_RUN = `(SELECT 1) AS one LEFT JOIN (
    SELECT id, kind, deadlines_of, after_case_id FROM sla_recompute_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1
  ) r ON true`;
const NIL_UUID = `'00000000-0000-0000-0000-000000000000'::uuid`;
const MAX_UUID = `'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid`;
/** The newest unfinished run moves no deadline: a ladder change with no calendar or matrix run to finish. */
const LADDER_ONLY = `r.kind = 'ladder' AND r.deadlines_of IS NULL`;

/**
 * The highest case id whose deadlines stand: the newest unfinished run's cursor
 * (the nil uuid before its first batch), or the highest uuid when no run that
 * moves deadlines is unfinished (a ladder run moves none, unless it took over
 * a calendar or matrix run). A scalar SQL subquery, computed once per
 * statement. The timed jobs that act on deadlines (referrals, SLA alerts)
 * leave the cases above it for a later tick: their deadlines are about to move,
 * and a referral sent on the old ones cannot be taken back.
 */
export const DEADLINES_STAND_UP_TO = `(SELECT CASE WHEN r.id IS NULL OR (${LADDER_ONLY}) THEN ${MAX_UUID}
    ELSE COALESCE(r.after_case_id, ${NIL_UUID}) END FROM ${NEWEST_RUN})`;

/**
 * The highest case id whose stored referral instant (`next_referral_at`) follows
 * the rules in force: the newest unfinished run's cursor, whatever its kind, or
 * the highest uuid when no run is unfinished. The referral job reads stored
 * instants only up to it.
 */
export const REFERRAL_TIMES_STAND_UP_TO = `(SELECT CASE WHEN r.id IS NULL THEN ${MAX_UUID}
    ELSE COALESCE(r.after_case_id, ${NIL_UUID}) END FROM ${NEWEST_RUN})`;

/**
 * While the newest unfinished run is a ladder run that moves no deadline, its
 * cursor (the nil uuid before its first batch): above it, deadlines stand but
 * stored referral instants follow the old windows, so the referral job works
 * those cases out from their deadlines, as it did before instants were stored.
 * Null otherwise. A scalar SQL subquery, computed once per statement.
 */
export const LADDER_RUN_CURSOR = `(SELECT CASE WHEN ${LADDER_ONLY} THEN COALESCE(r.after_case_id, ${NIL_UUID}) END
  FROM ${NEWEST_RUN})`;

/**
 * A case about to change status while a run has not reached it yet is moved to
 * the run's rules first, with its event, as the run would have moved it. The
 * transition then recomputes its clocks with the newest rules; without this,
 * that recompute would carry the rule change along silently, and when the run
 * reached the case it would find nothing left to move, and no timeline would
 * say why the deadline moved. The caller holds the case's row lock and records
 * the change; the run, should it reach the case later, finds it moved already.
 */
export async function catchUpRecompute(tx: SqlRunner, caseId: string, runId: number, at: Date): Promise<void> {
  const [run] = await tx.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${RUN_WITH_CAUSE} WHERE r.id = $1`, [runId]);
  const [row] = await tx.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM cases WHERE id = $1::uuid AND ${RECOMPUTE_OPEN}`,
    [caseId],
  );
  if (!run || !row) return;
  const move = moveOf(row, await loadSlaRules(tx, run.rules_version), at);
  if (move) await writeMoves(tx, run, [move], at);
}

/**
 * Cases that were open when the hub learned to track all three clocks (schema
 * version 6) get their first-response and update deadlines once, in batches,
 * with the rules in force. Not a change of deadline, so no timeline event.
 */
export async function trackUntrackedClocks(db: HubDatabase, now: Date, batch = 500): Promise<number> {
  let tracked = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const ids = await tx.query<{ id: string }>(
        `SELECT id::text AS id FROM cases WHERE NOT clocks_tracked ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      const rules = await loadSlaRules(tx);
      for (const { id } of ids) await trackCaseClocks(tx, id, rules, now);
      if (ids.length)
        await recordChanges(
          tx,
          ids.map(({ id }) => ({ table: 'cases' as const, id })),
        );
      return ids.length;
    });
    tracked += done;
    if (done < batch) return tracked;
  }
}

/**
 * Cases marked due for a look ('-infinity') get their exact referral instant,
 * in batches, with the rules in force. Migration 9 marks every case an older
 * hub could refer; the hub runs this as it starts, as it tracks old clocks, so
 * the referral job's first run is like any other. (The job would settle them
 * too: a mark is an instant already passed.) Returns how many it settled.
 */
export async function settleNextReferrals(db: HubDatabase, batch = 1000): Promise<number> {
  let settled = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx.query<{
        id: string;
        status: CaseStatus;
        level: EscalationLevel;
        due_ms: number | null;
        code: string | null;
      }>(
        `SELECT id::text AS id, status, escalation_level AS level, (extract(epoch FROM due_at) * 1000)::float8 AS due_ms,
           ${ENTITY_CODE_OF_CASE} AS code
         FROM cases WHERE next_referral_at = '-infinity' ORDER BY next_referral_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      if (rows.length === 0) return 0;
      const rules = await loadSlaRules(tx);
      const instants = rows.map((r) => ({
        id: r.id,
        next: nextReferralValue(rules, { status: r.status, level: r.level, dueMs: r.due_ms, entityCode: r.code }),
      }));
      await tx.query(
        `UPDATE cases c SET next_referral_at = u.next FROM json_to_recordset($1::json) AS u(id uuid, next timestamptz)
         WHERE c.id = u.id`,
        [JSON.stringify(instants)],
      );
      return rows.length;
    });
    settled += done;
    if (done < batch) return settled;
  }
}
