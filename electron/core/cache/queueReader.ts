import type { Statement } from 'better-sqlite3';
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
import {
  LADDER_STEP,
  QueueWindow,
  QueueWindows,
  SMALL_WINDOW,
  anchorFor,
  firstAfter,
  firstNotBefore,
  ladderStepFor,
  type Rung,
  type SortKey,
} from './queueWindows';

/** Compiled statements kept (see sql()); past this many, the filter combinations in use are few again after a clear. */
const STATEMENTS_KEPT = 200;
/** A read may skip this many ladder steps from its rung before the ladder is rebuilt (as QueueWindow.needsRebuild). */
const MAX_SKIP_STEPS = 4;
const SEARCH_CANDIDATES = 1000;
/** Matches ranked per search, newest first (see searchPage). */
const RANKED_CANDIDATES = 2500;
/** A whole case number, as the platform prints it (BK-26-0001234). */
const CASE_NUMBER = /^BK-\d{2}-\d{7}$/i;
/** The rules a desk counts by before the hub's have been fetched. */
const DEFAULT_RULES = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX, ladder: DEFAULT_LADDER_WINDOWS };
/** A selection's ladder starts building this long after it was asked for, in goes of WARM_RUNGS rungs. */
const WARM_AFTER_MS = 50;
const WARM_RUNGS = 40;
/** Past this many unread journal entries, recounting is cheaper than replaying them. */
const JOURNAL_REPLAY_LIMIT = 50_000;
/** Journal entries read before they are deleted, in one statement. */
const JOURNAL_DELETE_EVERY = 1_000;

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
 * from the selection's position ladder: a key sampled every step of its rows,
 * built by one index walk the first time a selection jumps, then kept exact
 * by replaying the journal of case changes (migration v007), as is the
 * selection's count. So no page counts or skips a million rows.
 */
export class QueueReader {
  private readonly windows = new QueueWindows();
  /** Selections whose ladders are being built between calls (warmLater). */
  private readonly warming = new Map<QueueWindow, QueueSelection>();
  private warmTimer: NodeJS.Timeout | null = null;
  private journalRead = 0;
  private journalDeletedTo = 0;
  private bootstrapMark = '';
  private entitiesMark = '';
  private sectors = new Map<string, string>();
  private readonly statements = new Map<string, Statement>();

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
    this.warmLater(window, selection);
    const sort = SORTS[query.sort];
    const { clauses, params } = selectionWhere(selection);
    const read = (extra: string[], order: string, skip: number, bound: Record<string, string>) =>
      this.sql(
        `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
           ${where([...clauses, ...extra])} ORDER BY ${order} LIMIT @limit OFFSET @skip`,
      ).all({ ...params, ...bound, limit: query.limit, skip }) as RawRow[];
    const cursor = (c: QueueCursor) => ({ cursorKey: c.key, cursorId: c.id });
    let rows: RawRow[];
    const small = window.count <= SMALL_WINDOW;
    // A small selection's keys are gathered by its second read: its first page alone walks only until it has a page.
    const firstPage = query.offset === 0 && !query.after && !query.before;
    if (small && window.count > 0 && window.needsRebuild && !firstPage) this.buildLadder(window, selection);
    if (window.count === 0 || (query.offset >= window.count && !query.after && !query.before)) {
      // Nothing there: a rare selection would otherwise walk its whole index to find no row.
      rows = [];
    } else if (small && window.complete) {
      // Every row's key is held: the page is a slice of them, read by id.
      const ladder = window.ladder!;
      const from = query.after
        ? firstAfter(query.sort, ladder, query.after)
        : query.before
          ? Math.max(0, firstNotBefore(query.sort, ladder, query.before) - query.limit)
          : query.offset;
      const to = query.before ? firstNotBefore(query.sort, ladder, query.before) : from + query.limit;
      const ids = ladder.slice(from, Math.min(to, from + query.limit)).map((rung) => rung.id);
      rows = this.sql(
        `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
           WHERE c.id IN (SELECT value FROM json_each(@ids)) ORDER BY ${sort.order}`,
      ).all({ ids: JSON.stringify(ids) }) as RawRow[];
    } else if (query.after) {
      rows = read([`(${sort.key}, c.id) ${sort.after} (@cursorKey, @cursorId)`], sort.order, 0, cursor(query.after));
    } else if (query.before) {
      const before = sort.after === '>' ? '<' : '>';
      rows = read([`(${sort.key}, c.id) ${before} (@cursorKey, @cursorId)`], sort.reverse, 0, cursor(query.before));
      rows.reverse();
    } else if (window.needsRebuild && query.offset >= window.count - LADDER_STEP && query.offset > 0) {
      // The last pages (End) are read backwards from the end of the index, never walked to.
      const take = Math.max(0, Math.min(query.limit, window.count - query.offset));
      rows = take
        ? (this.sql(
            `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
               ${where(clauses)} ORDER BY ${sort.reverse} LIMIT @take OFFSET @skip`,
          ).all({ ...params, take, skip: window.count - query.offset - take }) as RawRow[])
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
      rows: this.toRows(rows),
      first: first ? { key: first.sortKey, id: first.id } : null,
      last: last ? { key: last.sortKey, id: last.id } : null,
    };
  }

  /**
   * Search shows at most SEARCH_CANDIDATES cases, in the queue's order, so
   * paging by position stays cheap here. Which ones: the most relevant (BM25)
   * of the RANKED_CANDIDATES newest matches. FTS5 ranks by reading every
   * match's positions, so ranking all matches of a common word over a million
   * cases costs a tenth of a second; walking matches newest first (by rowid,
   * which follows arrival) and ranking a bounded set keeps the cost flat and
   * favours live cases, which is what the operation room searches for. A
   * whole case number is looked up on its unique index instead.
   */
  private searchPage(query: z.output<typeof QueueQuery>): QueuePage {
    const caseNumber = CASE_NUMBER.exec(query.search!.trim())?.[0]?.toUpperCase();
    const terms = searchTerms(query.search!);
    const match = terms.map((t) => `"${phoneKey(t).replace(/"/g, '')}"*`).join(' ');
    const selection: QueueSelection = { sort: query.sort, openOnly: query.openOnly, filters: query.filters };
    const { clauses, params: filterParams } = selectionWhere(selection);
    // The candidates once, as rowids; then their order under the filters; then the page's rows.
    const hits = caseNumber
      ? this.sql('SELECT rowid AS hit FROM cases WHERE number = ?').pluck().all(caseNumber)
      : this.sql(
          `SELECT hit FROM (
               SELECT rowid AS hit, bm25(cases_fts) AS score FROM cases_fts WHERE cases_fts MATCH ?
               ORDER BY rowid DESC LIMIT ${RANKED_CANDIDATES})
             ORDER BY score LIMIT ${SEARCH_CANDIDATES}`,
        )
          .pluck()
          .all(match);
    const sort = SORTS[query.sort];
    const inList = (name: string) => `c.rowid IN (SELECT value FROM json_each(@${name}))`;
    const ordered = this.sql(
      `SELECT c.rowid FROM cases c ${where([inList('hits'), ...clauses])} ORDER BY ${sort.order}`,
    )
      .pluck()
      .all({ ...filterParams, hits: JSON.stringify(hits) }) as number[];
    const shown = ordered.slice(query.offset, query.offset + query.limit);
    const rows = this.sql(
      `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
         WHERE ${inList('shown')} ORDER BY ${sort.order}`,
    ).all({ shown: JSON.stringify(shown) }) as RawRow[];
    const total = ordered.length;
    return { total, offset: query.offset, rows: this.toRows(rows), first: null, last: null };
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
        ? this.sql(counted.sql).get(counted.params)
        : this.sql(`SELECT count(*) AS n FROM cases c ${where(clauses)}`).get(params)
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
   * start of the index; further in, from the nearest rung of the ladder. A
   * ladder whose rungs near the position are still close enough is used as it
   * stands, even if live changes have opened a gap elsewhere in it (new cases
   * at the top, say); a partial one is extended only as far as the position.
   * Only a jump into a stretch the ladder does not cover walks the index.
   */
  private anchor(
    window: QueueWindow,
    selection: QueueSelection,
    position: number,
  ): { rung: Rung | null; skip: number } {
    if (position < LADDER_STEP) return { rung: null, skip: position };
    const near = () => (window.ladder ? anchorFor(window.ladder, position) : null);
    const closeEnough = (found: { skip: number } | null) =>
      found !== null && found.skip <= MAX_SKIP_STEPS * window.step;
    if (window.partial) {
      const last = window.ladder!.at(-1)!;
      this.extendLadder(window, selection, Math.ceil((position - last.position) / window.step) + 1);
    }
    const found = near();
    if (closeEnough(found)) return found!;
    this.buildLadder(window, selection);
    return near()!;
  }

  /**
   * The selection's ladder, whole, in one walk of its index: every row's key
   * for a small selection (one query), else every step-th (extendLadder).
   */
  private buildLadder(window: QueueWindow, selection: QueueSelection): void {
    this.startLadder(window, selection);
    if (window.partial) this.extendLadder(window, selection, Infinity);
  }

  private startLadder(window: QueueWindow, selection: QueueSelection): void {
    const sort = SORTS[selection.sort];
    const { clauses, params } = selectionWhere(selection);
    const pick = `SELECT ${sort.key} AS key, c.id AS id FROM cases c`;
    window.step = ladderStepFor(window.count);
    window.partial = false;
    if (window.step === 1) {
      const keys = this.sql(`${pick} ${where(clauses)} ORDER BY ${sort.order}`).all(params) as SortKey[];
      window.ladder = keys.map((key, position) => ({ ...key, position }));
      return;
    }
    window.ladder = [];
    const first = this.sql(`${pick} ${where(clauses)} ORDER BY ${sort.order} LIMIT 1`).get(params) as
      SortKey | undefined;
    if (!first) return;
    window.ladder.push({ ...first, position: 0 });
    window.partial = true;
  }

  /**
   * Adds up to `rungs` rungs, each the row a step on from the last, found by
   * a keyset read with OFFSET inside the covering index, so SQLite skips
   * entries without handing rows to JavaScript. The rungs held meanwhile are
   * kept exact by the journal, so a ladder may be built in several goes.
   */
  private extendLadder(window: QueueWindow, selection: QueueSelection, rungs: number): void {
    const sort = SORTS[selection.sort];
    const { clauses, params } = selectionWhere(selection);
    const ladder = window.ladder!;
    const step = this.sql(
      `SELECT ${sort.key} AS key, c.id AS id FROM cases c
       ${where([...clauses, `(${sort.key}, c.id) ${sort.after} (@cursorKey, @cursorId)`])}
       ORDER BY ${sort.order} LIMIT 1 OFFSET ${window.step - 1}`,
    );
    for (let added = 0; added < rungs; added++) {
      const last = ladder.at(-1)!;
      const next = step.get({ ...params, cursorKey: last.key, cursorId: last.id }) as SortKey | undefined;
      if (!next) {
        window.partial = false;
        return;
      }
      ladder.push({ ...next, position: last.position + window.step });
    }
  }

  /**
   * Builds the ladders of selections just asked for, a few rungs at a time
   * between calls, so a jump usually finds its ladder ready instead of
   * walking the index while the operator waits. A small selection's keys are
   * gathered the same way, in one read: few as they are, a rare combination of
   * filters walks most of the sort's index to find them (140 ms at a million
   * cases). Timers are unreferenced: they never keep the process alive.
   */
  private warmLater(window: QueueWindow, selection: QueueSelection): void {
    if (window.count === 0 || !window.needsRebuild || window.partial) return;
    this.warming.set(window, selection);
    this.warmTimer ??= setTimeout(() => this.warmSome(), WARM_AFTER_MS).unref();
  }

  private warmSome(): void {
    this.warmTimer = null;
    const next = this.warming.entries().next().value;
    if (!next) return;
    const [window, selection] = next;
    try {
      this.catchUp();
      if (this.windows.get(selectionSignature(selection)) !== window) {
        this.warming.delete(window);
      } else {
        if (!window.partial) this.startLadder(window, selection);
        if (window.partial) this.extendLadder(window, selection, WARM_RUNGS);
        if (!window.partial) this.warming.delete(window);
      }
    } catch {
      // The cache closed (the desk is stopping): nothing left to warm.
      this.warming.clear();
      return;
    }
    if (this.warming.size) this.warmTimer = setTimeout(() => this.warmSome(), 0).unref();
  }

  /**
   * Replays the case changes journalled since the last read onto every
   * window held. A snapshot under way changes rows unjournalled (it would
   * journal a million rows otherwise): windows are then kept only until the
   * snapshot writes its next page.
   */
  private catchUp(): void {
    const marks = this.sql(
      `SELECT (SELECT group_concat(key || '=' || value) FROM sync_meta WHERE key LIKE 'bootstrap.%') AS bootstrap,
                (SELECT count(*) || ':' || coalesce(max(seq), 0) FROM entities) AS entities`,
    ).get() as { bootstrap: string | null; entities: string };
    const bootstrap = marks.bootstrap ?? '';
    const snapshotMoved =
      bootstrap !== this.bootstrapMark && /bootstrap\.state=running/.test(bootstrap + this.bootstrapMark);
    if (snapshotMoved || marks.entities !== this.entitiesMark) this.forget();
    this.bootstrapMark = bootstrap;
    if (marks.entities !== this.entitiesMark) {
      this.entitiesMark = marks.entities;
      const rows = this.sql('SELECT id, sector FROM entities').all() as { id: string; sector: string }[];
      this.sectors = new Map(rows.map((r) => [r.id, r.sector]));
    }
    const pending = this.sql('SELECT count(*) AS n, coalesce(max(n), 0) AS last FROM queue_changes WHERE n > ?').get(
      this.journalRead,
    ) as { n: number; last: number };
    if (pending.n === 0) return;
    // The store trims a journal nobody read for long: entries missing since the last read mean recount.
    const trimmed = pending.last - pending.n > this.journalRead;
    if (trimmed || pending.n > JOURNAL_REPLAY_LIMIT || this.windows.size === 0) {
      this.forget();
    } else {
      const changes = this.sql(
        'SELECT old_row AS oldRow, new_row AS newRow FROM queue_changes WHERE n > ? AND n <= ? ORDER BY n',
      ).all(this.journalRead, pending.last) as { oldRow: string | null; newRow: string | null }[];
      for (const { oldRow, newRow } of changes) {
        // Both empty: ReplicaStore marks a snapshot's start and end, when rows changed unjournalled.
        if (oldRow === null && newRow === null) this.forget();
        else this.windows.apply(parseRow(oldRow), parseRow(newRow));
      }
    }
    this.journalRead = pending.last;
    // Read entries go in goes: a delete is a write transaction of its own, and one per page read under live
    // traffic cost as much as the read. The store trims whatever a reader leaves (ReplicaStore.applyChanges).
    if (pending.last - this.journalDeletedTo >= JOURNAL_DELETE_EVERY) {
      this.sql('DELETE FROM queue_changes WHERE n <= ?').run(pending.last);
      this.journalDeletedTo = pending.last;
    }
  }

  /**
   * A page under extra conditions the journalled windows cannot keep, because
   * time alone changes who meets them (electron/core/views/clockQueue.ts):
   * counted and read by OFFSET on each call, like a search.
   */
  pageWhere(
    query: z.output<typeof QueueQuery>,
    extra: { clauses: string[]; params: Record<string, string | number> },
  ): QueuePage {
    const selection: QueueSelection = { sort: query.sort, openOnly: query.openOnly, filters: query.filters };
    const { clauses, params } = selectionWhere(selection);
    const all = { ...params, ...extra.params };
    const filter = where([...clauses, ...extra.clauses]);
    const sort = SORTS[query.sort];
    const { n } = this.sql(`SELECT count(*) AS n FROM cases c ${filter}`).get(all) as { n: number };
    const rows = this.sql(
      `SELECT ${ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${ROW_JOINS}
         ${filter} ORDER BY ${sort.order} LIMIT @limit OFFSET @skip`,
    ).all({ ...all, limit: query.limit, skip: query.offset }) as RawRow[];
    return { total: n, offset: query.offset, rows: this.toRows(rows), first: null, last: null };
  }

  private forget(): void {
    this.windows.clear();
  }

  /**
   * A statement for this SQL, compiled once: the queue's few shapes of query
   * (one per combination of filters in use) are asked for on every page and
   * every live change, and compiling is most of a small read's cost.
   */
  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      if (this.statements.size >= STATEMENTS_KEPT) this.statements.clear();
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** The rules and the hub's time are read once per page, not once per row. */
  private toRows(rows: readonly RawRow[]): QueueRow[] {
    const rules = this.rules();
    const nowMs = this.now();
    return rows.map((row) => this.toRow(row, rules, nowMs));
  }

  /**
   * Field by field, not by object rest: better-sqlite3's rows are slow to
   * spread or destructure (15 µs a row at a million cases, most of a live
   * page read), and a named list keeps the contract's shape exact.
   */
  private toRow(r: RawRow, rules: DeskSlaRules, nowMs: number): QueueRow {
    return {
      id: r.id,
      number: r.number,
      type: r.type,
      channel: r.channel,
      pillar: r.pillar,
      importance: r.importance,
      status: r.status,
      escalationLevel: r.escalationLevel,
      title: r.title,
      entityId: r.entityId,
      entityNameAr: r.entityNameAr ?? r.entityId,
      entityNameEn: r.entityNameEn ?? r.entityId,
      focalPointNameAr: r.focalPointNameAr,
      focalPointNameEn: r.focalPointNameEn,
      submittedAt: r.submittedAt,
      dueAt: r.dueAt,
      version: r.version,
      claimedBy: r.claimedBy,
      sla: this.timer(r, r.answeredAt, rules, nowMs),
      pendingCommands: r.pendingCommands ? (JSON.parse(r.pendingCommands) as string[]) : [],
    };
  }

  private timer(
    row: Pick<QueueRow, 'status' | 'dueAt' | 'type' | 'importance' | 'pillar'>,
    answeredAt: string | null,
    { calendar, matrix }: DeskSlaRules,
    nowMs: number,
  ): QueueRow['sla'] {
    const timer = deadlineTimer(
      {
        status: row.status,
        dueAtMs: row.dueAt ? Date.parse(row.dueAt) : null,
        answeredAtMs: answeredAt ? Date.parse(answeredAt) : null,
        targetMinutes: slaTargetsFor(matrix, row.type, row.importance, row.pillar).resolutionMinutes,
        nowMs,
      },
      calendar,
    );
    return timer && { state: timer.state, workingMinutesLeft: timer.workingMinutesLeft };
  }
}

const where = (clauses: readonly string[]) => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : '');
const parseRow = (json: string | null) => (json === null ? null : (JSON.parse(json) as WindowRow));
