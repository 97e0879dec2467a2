import type { Statement } from 'better-sqlite3';
import type { QueueRow } from '../../shared/contract/deskContract';
import { atRiskShareOf, deadlineTimer, slaTargetsFor } from '../../shared/sla';
import type { ReplicaDb } from '../replica/openReplicaDatabase';
import { CASE_PENDING_TABLE } from '../replica/replicaSchema';
import type { DeskSlaRules } from '../sla/deskSlaRules';

/**
 * A queue row's cells, in this order, read as arrays (better-sqlite3's raw
 * mode) with the sort key last, and entity and focal-point names come from
 * maps held here, not joins: a page is read on every live change, and row
 * objects and joins would cost more than the rest of the read.
 */
export const QUEUE_ROW_COLUMNS = `c.id, c.number, c.type, c.channel, c.pillar, c.importance, c.status,
  c.escalation_level, c.title, c.entity_id, c.focal_point_id, c.submitted_at, c.due_at, c.version,
  c.claimed_by, c.answered_at, p.commands, c.paused_since`;
/** The outbox's commands on each case (the pending overlay): a lookup in a table of a few rows. */
export const QUEUE_ROW_JOINS = `LEFT JOIN ${CASE_PENDING_TABLE} p ON p.case_id = c.id`;

const ID = 0;
const PAUSED_SINCE = 17;
const SORT_KEY = 18;

/** One row as read: QUEUE_ROW_COLUMNS, then the sort key. */
export type QueueRowCells = readonly unknown[];

export const cellsId = (cells: QueueRowCells): string => cells[ID] as string;
export const cellsSortKey = (cells: QueueRowCells): string => cells[SORT_KEY] as string;

interface Names {
  ar: string;
  en: string;
}

/** Makes contract rows of raw cells: names by id, the resolution clock by the shared SLA rules. */
export class QueueRowMaker {
  private mark = '';
  private entities = new Map<string, Names>();
  private focalPoints = new Map<string, Names>();
  private readonly marks: Statement;

  constructor(private readonly db: ReplicaDb) {
    this.marks = db
      .prepare(
        `SELECT (SELECT count(*) || ':' || coalesce(max(seq), 0) FROM entities) || '/' ||
                (SELECT count(*) || ':' || coalesce(max(seq), 0) FROM focal_points)`,
      )
      .pluck();
  }

  /** Every write to either table moves its max seq or its count: the names are read again only then. */
  private refreshNames(): void {
    const mark = this.marks.get() as string;
    if (mark === this.mark) return;
    this.mark = mark;
    const names = (table: string) =>
      new Map(
        (this.db.prepare(`SELECT id, name_ar, name_en FROM ${table}`).raw(true).all() as string[][]).map(
          ([id, ar, en]) => [id!, { ar: ar!, en: en! }],
        ),
      );
    this.entities = names('entities');
    this.focalPoints = names('focal_points');
  }

  /** The rules and the hub's time are read once per page, not once per row: the time the page was selected at. */
  rows(cells: readonly QueueRowCells[], rules: DeskSlaRules, nowMs: number): QueueRow[] {
    if (cells.length) this.refreshNames();
    return cells.map((c) => this.row(c, rules, nowMs));
  }

  /** Field by field: a named list keeps the contract's shape exact, and costs less per row than object rest. */
  private row(c: QueueRowCells, rules: DeskSlaRules, nowMs: number): QueueRow {
    const { calendar, matrix } = rules;
    const entityId = c[9] as string;
    const focalPointId = c[10] as string | null;
    const entity = this.entities.get(entityId);
    const focalPoint = focalPointId === null ? undefined : this.focalPoints.get(focalPointId);
    const status = c[6] as QueueRow['status'];
    const dueAt = c[12] as string | null;
    const answeredAt = c[15] as string | null;
    const pausedSince = c[PAUSED_SINCE] as string | null;
    const type = c[2] as QueueRow['type'];
    const importance = c[5] as QueueRow['importance'];
    const pillar = c[4] as QueueRow['pillar'];
    const timer = deadlineTimer(
      {
        status,
        dueAtMs: dueAt ? Date.parse(dueAt) : null,
        answeredAtMs: answeredAt ? Date.parse(answeredAt) : null,
        targetMinutes: slaTargetsFor(matrix, type, importance, pillar).resolutionMinutes,
        nowMs,
        // The rules' share, as the at-risk filter and the case view take it: a row shows the state it is filtered by.
        atRiskThreshold: atRiskShareOf(rules),
        // A case that began awaiting the citizen before its deadline is paused, however long it waits.
        pausedSinceMs: pausedSince ? Date.parse(pausedSince) : null,
      },
      calendar,
    );
    const pending = c[16] as string | null;
    return {
      id: c[ID] as string,
      number: c[1] as string,
      type,
      channel: c[3] as QueueRow['channel'],
      pillar,
      importance,
      status,
      escalationLevel: c[7] as QueueRow['escalationLevel'],
      title: c[8] as string,
      entityId,
      entityNameAr: entity?.ar ?? entityId,
      entityNameEn: entity?.en ?? entityId,
      focalPointNameAr: focalPoint?.ar ?? null,
      focalPointNameEn: focalPoint?.en ?? null,
      submittedAt: c[11] as string,
      dueAt,
      version: c[13] as number,
      claimedBy: c[14] as string | null,
      sla: timer && { state: timer.state, workingMinutesLeft: timer.workingMinutesLeft },
      pendingCommands: pending ? (JSON.parse(pending) as string[]) : [],
    };
  }
}
