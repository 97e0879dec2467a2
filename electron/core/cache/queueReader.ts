import type { z } from 'zod';
import type { QueueCursor, QueueQuery, QueuePage, QueueRow } from '../../../shared/contract/deskContract';
import type { CacheDb } from './openCacheDatabase';
import { searchTerms } from '../../../shared/text/arabicNormalize';
import { phoneKey } from '../../../shared/text/phoneKey';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  DEFAULT_SLA_MATRIX,
  deadlineTimer,
  slaTargetsFor,
} from '../../../shared/sla';
import type { DeskSlaRules } from './deskSlaRules';
import {
  selectionMatcher,
  selectionSignature,
  selectionWhere,
  type QueueSelection,
  type WindowRow,
} from './queueFilters';
import { countSql, countTableFor } from './queueCounts';
import { LADDER_STEP, QueueWindow, QueueWindows, anchorFor, type Rung, type SortKey } from './queueWindows';

const SEARCH_CANDIDATES = 1000;
/** The rules a desk counts by before the hub's have been fetched. */
const DEFAULT_RULES = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX, ladder: DEFAULT_LADDER_WINDOWS };
/** Past this many unread journal entries, recounting is cheaper than replaying them. */
const JOURNAL_REPLAY_LIMIT = 50_000;

/** Each sort: its key column, its order, and the keyset comparison for "after" a cursor. */
const SORTS = {
  urgent: { key: 'c.urgent_key', order: 'c.urgent_key, c.id', reverse: 'c.urgent_key DESC, c.id DESC', after: '>' },
  newest: {
    key: 'c.submitted_at',
    order: 'c.submitted_at DESC, c.id DESC',
    reverse: 'c.submitted_at, c.id',
    after: '<',
  },
} as const;

const ROW_COLUMNS = `c.id, c.number, c.type, c.channel, c.pillar, c.importance, c.status, c.escalation_level AS escalationLevel,
  c.title, c.entity_id AS entityId, e.name_ar AS entityNameAr, e.name_en AS entityNameEn,
  f.name_ar AS focalPointNameAr, f.name_en AS focalPointNameEn,
  c.submitted_at AS submittedAt, c.due_at AS dueAt, c.version, c.claimed_by AS claimedBy,
  c.answered_at AS answeredAt, p.commands AS pendingCommands`;
const ROW_JOINS = `LEFT JOIN entities e ON e.id = c.entity_id
  LEFT JOIN focal_points f ON f.id = c.focal_point_id
  LEFT JOIN case_pending p ON p.case_id = c.id`;

type RawRow = Omit<QueueRow, 'entityNameAr' | 'entityNameEn' | 'sla' | 'pendingCommands'> & {
  entityNameAr: string | null;
  entityNameEn: string | null;
  answeredAt: string | null;
  pendingCommands: string | null;
  sortKey: string;
};

/**
 * Reads the live queue from the cache, a page at a time, by key.
 *
 * A page after (or before) one already held is a keyset read on the sort's
 * index. A page at a position (a jump: Home, End, the scroll thumb) starts
 * from the selection's position ladder: a key sampled every LADDER_STEP rows,
 * built by one index walk the first time a selection jumps, then kept exact
 * by replaying the journal of case changes (migration v007), as is the
 * selection's count. So no page counts or skips a million rows.
 */
export class QueueReader {
  private readonly windows = new QueueWindows();
  private journalRead = 0;
  private bootstrapMark = '';
  private entitiesMark = '';
  private sectors = new Map<string, string>();

  constructor(
    private readonly db: CacheDb,
    /** The hub's time (this machine's, corrected by the measured offset). */
    private readonly now: () => number = Date.now,
    private readonly rules: () => DeskSlaRules = () => DEFAULT_RULES,
  ) {}

  page(query: z.output<typeof QueueQuery>): QueuePage {
    if (query.search && searchTerms(query.search).length) return this.searchPage(query);
    this.catchUp();
    const selection: QueueSelection = { sort: query.sort, openOnly: query.openOnly, filters: query.filters };
    const window = this.window(selection);
    const sort = SORTS[query.sort];
    const { clauses, params } = selectionWhere(selection);
    const read = (extra: string[], order: string, skip: number, bound: Record<string, string>) =>
      this.db
        .prepare(
          `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
           ${where([...clauses, ...extra])} ORDER BY ${order} LIMIT @limit OFFSET @skip`,
        )
        .all({ ...params, ...bound, limit: query.limit, skip }) as RawRow[];
    const cursor = (c: QueueCursor) => ({ cursorKey: c.key, cursorId: c.id });
    let rows: RawRow[];
    if (query.after) {
      rows = read([`(${sort.key}, c.id) ${sort.after} (@cursorKey, @cursorId)`], sort.order, 0, cursor(query.after));
    } else if (query.before) {
      const before = sort.after === '>' ? '<' : '>';
      rows = read([`(${sort.key}, c.id) ${before} (@cursorKey, @cursorId)`], sort.reverse, 0, cursor(query.before));
      rows.reverse();
    } else if (query.offset >= window.count - LADDER_STEP && query.offset > 0) {
      // The last pages (End) are read backwards from the end of the index, never walked to.
      const take = Math.max(0, Math.min(query.limit, window.count - query.offset));
      rows = take
        ? (this.db
            .prepare(
              `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
               ${where(clauses)} ORDER BY ${sort.reverse} LIMIT @take OFFSET @skip`,
            )
            .all({ ...params, take, skip: window.count - query.offset - take }) as RawRow[])
        : [];
      rows.reverse();
    } else {
      const { rung, skip } = this.anchor(window, selection, query.offset);
      rows = rung
        ? read([`(${sort.key}, c.id) ${sort.after}= (@cursorKey, @cursorId)`], sort.order, skip, cursor(rung))
        : read([], sort.order, skip, {});
    }
    const first = rows[0];
    const last = rows.at(-1);
    return {
      total: window.count,
      offset: query.offset,
      rows: rows.map((r) => this.toRow(r)),
      first: first ? { key: first.sortKey, id: first.id } : null,
      last: last ? { key: last.sortKey, id: last.id } : null,
    };
  }

  /**
   * Ranking every match of a common word over a million cases is the slow
   * path: rank a bounded candidate set, then sort those by the queue's order.
   * At most SEARCH_CANDIDATES rows, so paging by position stays cheap here.
   */
  private searchPage(query: z.output<typeof QueueQuery>): QueuePage {
    const terms = searchTerms(query.search!);
    const match = terms.map((t) => `"${phoneKey(t).replace(/"/g, '')}"*`).join(' ');
    const selection: QueueSelection = { sort: query.sort, openOnly: query.openOnly, filters: query.filters };
    const { clauses, params } = selectionWhere(selection);
    const hits = `JOIN (SELECT rowid AS hit FROM cases_fts WHERE cases_fts MATCH @match ORDER BY rank LIMIT ${SEARCH_CANDIDATES}) h ON h.hit = c.rowid`;
    const sort = SORTS[query.sort];
    const rows = this.db
      .prepare(
        `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${hits} ${ROW_JOINS}
         ${where(clauses)} ORDER BY ${sort.order} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, match, limit: query.limit, offset: query.offset }) as RawRow[];
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM cases c ${hits} ${where(clauses)}`).get({ ...params, match }) as {
        n: number;
      }
    ).n;
    return { total, offset: query.offset, rows: rows.map((r) => this.toRow(r)), first: null, last: null };
  }

  /** The selection's window: its count kept by the journal, counted once when first asked for. */
  private window(selection: QueueSelection): QueueWindow {
    const signature = selectionSignature(selection);
    const held = this.windows.get(signature);
    if (held) return held;
    // The counter tables are rebuilt when a snapshot completes: while one streams in, count the rows.
    const table = this.bootstrapMark.includes('bootstrap.state=running') ? null : countTableFor(selection);
    const counted = table ? countSql(table, selection) : null;
    const { clauses, params } = selectionWhere(selection);
    const count = (
      counted
        ? this.db.prepare(counted.sql).get(counted.params)
        : this.db.prepare(`SELECT count(*) AS n FROM cases c ${where(clauses)}`).get(params)
    ) as { n: number };
    const window = new QueueWindow(
      selection.sort,
      selectionMatcher(selection, (id) => this.sectors.get(id)),
      count.n,
    );
    this.windows.set(signature, window);
    return window;
  }

  /**
   * Where to start reading for a position: near the start, skip from the
   * start of the index; further in, from the nearest rung of the ladder,
   * which is extended only as far as the position needs.
   */
  private anchor(
    window: QueueWindow,
    selection: QueueSelection,
    position: number,
  ): { rung: Rung | null; skip: number } {
    if (position < LADDER_STEP) return { rung: null, skip: position };
    if (window.needsRebuild) window.ladder = [];
    this.extendLadder(window, selection, position);
    return anchorFor(window.ladder!, position);
  }

  /**
   * Adds rungs until the ladder reaches the position (or the selection's end):
   * each the row LADDER_STEP on from the last, found by a keyset read with
   * OFFSET inside the covering index, so SQLite skips entries without
   * handing rows to JavaScript (about 15 ms per 100,000 rows here).
   */
  private extendLadder(window: QueueWindow, selection: QueueSelection, position: number): void {
    const ladder = window.ladder!;
    const sort = SORTS[selection.sort];
    const { clauses, params } = selectionWhere(selection);
    const pick = `SELECT ${sort.key} AS key, c.id AS id FROM cases c`;
    if (ladder.length === 0) {
      const first = this.db.prepare(`${pick} ${where(clauses)} ORDER BY ${sort.order} LIMIT 1`).get(params) as
        SortKey | undefined;
      if (!first) return;
      ladder.push({ ...first, position: 0 });
    }
    const step = this.db.prepare(
      `${pick} ${where([...clauses, `(${sort.key}, c.id) ${sort.after} (@cursorKey, @cursorId)`])}
       ORDER BY ${sort.order} LIMIT 1 OFFSET ${LADDER_STEP - 1}`,
    );
    while (ladder.at(-1)!.position + LADDER_STEP <= Math.min(position, window.count - 1)) {
      const last = ladder.at(-1)!;
      const next = step.get({ ...params, cursorKey: last.key, cursorId: last.id }) as SortKey | undefined;
      if (!next) break;
      ladder.push({ ...next, position: last.position + LADDER_STEP });
    }
  }

  /**
   * Replays the case changes journalled since the last read onto every
   * window held. A snapshot under way changes rows unjournalled (it would
   * journal a million rows otherwise): windows are then kept only until the
   * snapshot writes its next page.
   */
  private catchUp(): void {
    const marks = this.db
      .prepare(
        `SELECT (SELECT group_concat(key || '=' || value) FROM sync_meta WHERE key LIKE 'bootstrap.%') AS bootstrap,
                (SELECT count(*) || ':' || coalesce(max(seq), 0) FROM entities) AS entities`,
      )
      .get() as { bootstrap: string | null; entities: string };
    const bootstrap = marks.bootstrap ?? '';
    const snapshotMoved =
      bootstrap !== this.bootstrapMark && /bootstrap\.state=running/.test(bootstrap + this.bootstrapMark);
    if (snapshotMoved || marks.entities !== this.entitiesMark) this.forget();
    this.bootstrapMark = bootstrap;
    if (marks.entities !== this.entitiesMark) {
      this.entitiesMark = marks.entities;
      const rows = this.db.prepare('SELECT id, sector FROM entities').all() as { id: string; sector: string }[];
      this.sectors = new Map(rows.map((r) => [r.id, r.sector]));
    }
    const pending = this.db
      .prepare('SELECT count(*) AS n, coalesce(max(n), 0) AS last FROM queue_changes WHERE n > ?')
      .get(this.journalRead) as { n: number; last: number };
    if (pending.n === 0) return;
    // The store trims a journal nobody read for long: entries missing since the last read mean recount.
    const trimmed = pending.last - pending.n > this.journalRead;
    if (trimmed || pending.n > JOURNAL_REPLAY_LIMIT || this.windows.size === 0) {
      this.forget();
    } else {
      const changes = this.db
        .prepare('SELECT old_row AS oldRow, new_row AS newRow FROM queue_changes WHERE n > ? AND n <= ? ORDER BY n')
        .all(this.journalRead, pending.last) as { oldRow: string | null; newRow: string | null }[];
      for (const { oldRow, newRow } of changes) {
        // Both empty: ReplicaStore marks a snapshot's start and end, when rows changed unjournalled.
        if (oldRow === null && newRow === null) this.forget();
        else this.windows.apply(parseRow(oldRow), parseRow(newRow));
      }
    }
    this.journalRead = pending.last;
    this.db.prepare('DELETE FROM queue_changes WHERE n <= ?').run(pending.last);
  }

  private forget(): void {
    this.windows.clear();
  }

  private toRow({ answeredAt, sortKey: _sortKey, pendingCommands, ...r }: RawRow): QueueRow {
    return {
      ...r,
      sla: this.timer(r, answeredAt),
      pendingCommands: pendingCommands ? (JSON.parse(pendingCommands) as string[]) : [],
      entityNameAr: r.entityNameAr ?? r.entityId,
      entityNameEn: r.entityNameEn ?? r.entityId,
    };
  }

  private timer(
    row: Pick<QueueRow, 'status' | 'dueAt' | 'type' | 'importance' | 'pillar'>,
    answeredAt: string | null,
  ): QueueRow['sla'] {
    const { calendar, matrix } = this.rules();
    const timer = deadlineTimer(
      {
        status: row.status,
        dueAtMs: row.dueAt ? Date.parse(row.dueAt) : null,
        answeredAtMs: answeredAt ? Date.parse(answeredAt) : null,
        targetMinutes: slaTargetsFor(matrix, row.type, row.importance, row.pillar).resolutionMinutes,
        nowMs: this.now(),
      },
      calendar,
    );
    return timer && { state: timer.state, workingMinutesLeft: timer.workingMinutesLeft };
  }
}

const where = (clauses: readonly string[]) => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : '');
const parseRow = (json: string | null) => (json === null ? null : (JSON.parse(json) as WindowRow));
