import type { Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { QueueCursor, QueueQuery, QueuePage, QueueRow } from '../../shared/contract/deskContract';
import type { ReplicaDb } from '../replica/openReplicaDatabase';
import { searchTerms } from '../../shared/text/arabicNormalize';
import { searchMatch } from '../search/searchMatch';
import {
  QUEUE_ROW_COLUMNS,
  QUEUE_ROW_JOINS,
  QueueRowMaker,
  cellsId,
  cellsSortKey,
  type QueueRowCells,
} from './queueRows';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_LADDER_WINDOWS, DEFAULT_SLA_MATRIX } from '../../shared/sla';
import type { DeskSlaRules } from '../sla/deskSlaRules';
import { hasClock, type SlaState } from '../../shared/contract/clockFilters';
import {
  selectionMatcher,
  selectionSignature,
  selectionWhere,
  type QueueSelection,
  type Seek,
  type WindowRow,
} from './queueFilters';
import {
  CLOCK_ROW_COLUMNS,
  ClockBounds,
  clockImpliesOpen,
  clockMatcher,
  clockWhere,
  crossings,
  keyRange,
} from './queueClock';
import { countSql, countTableFor } from './queueCounts';
import {
  BOOTSTRAP_RUNNING,
  BOOTSTRAP_STATE_KEY,
  CASE_SEARCH_TABLE as FTS,
  QUEUE_JOURNAL_TABLE,
  type Outcome,
} from '../replica/replicaSchema';
import {
  LADDER_STEP,
  QueueWindow,
  QueueWindows,
  SMALL_WINDOW,
  anchorFor,
  firstAfter,
  firstNotBefore,
  ladderStepFor,
  sortKeyOf,
  compareInSort,
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
/**
 * A selection's ladder starts building this long after it was asked for, in
 * goes of at most WARM_GO_MS (each rung may skip thousands of index entries),
 * so live changes never wait behind a long walk.
 */
const WARM_AFTER_MS = 50;
const WARM_GO_MS = 8;
/** Past this many unread journal entries, recounting is cheaper than replaying them. */
const JOURNAL_REPLAY_LIMIT = 50_000;
/** Journal entries read before they are deleted, in one statement. */
const JOURNAL_DELETE_EVERY = 1_000;
/** A snapshot streaming in, as the bootstrap keys read in catchUp show it. */
const BOOTSTRAPPING_MARK = `${BOOTSTRAP_STATE_KEY}=${BOOTSTRAP_RUNNING}`;
/** Past this many cases crossed by the clock since the last read (a desk left idle for days), clock selections are counted again. */
const CROSSING_LIMIT = 20_000;

/** What a case not open whose clock says "late" counts as (replica v014): answered late, or unanswered (and so late once due). */
const LATE_OUTCOMES: Outcome[] = ['late', 'unanswered'];
/** The states of an unanswered case whose deadline is ahead. */
const AHEAD_STATES: SlaState[] = ['paused', 'atRisk', 'running'];

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

/** One selection the reader keeps a window for: a query is one, or (a clock selection by urgency) two read in turn. */
interface Part {
  selection: QueueSelection;
  window: QueueWindow;
}

/**
 * Reads the live queue from the replica, a page at a time, by key.
 *
 * A page after (or before) one already held is a keyset read on the sort's
 * index. A page at a position (a jump: Home, End, the scroll thumb) starts
 * from the selection's position ladder: a key sampled every step of its rows,
 * built by one index walk the first time a selection jumps, then kept exact
 * by replaying the journal of case changes (migration v007), as is the
 * selection's count. So no page counts or skips a million rows.
 *
 * The clock filters (SLA state, breached today, unchanged for days) are
 * selections like the others, whose windows time moves as well as changes:
 * each read, the cases whose deadline (or last change) the hub's clock has
 * passed since the last read are looked at again and moved in or out of
 * them (queueClock.ts), so their counts and ladders stay exact without
 * counting them again. Under the urgent sort such a selection is read as two,
 * its open cases then the rest, each a range of the sort's key.
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
  private readonly rowMaker: QueueRowMaker;
  /** The hub's time the clock selections' windows are held at (the last read's). */
  private clockBounds: ClockBounds | null = null;

  constructor(
    private readonly db: ReplicaDb,
    /** The hub's time (this machine's, corrected by the measured offset). */
    private readonly now: () => number = Date.now,
    private readonly rules: () => DeskSlaRules = () => DEFAULT_RULES,
  ) {
    this.rowMaker = new QueueRowMaker(db);
  }

  page(query: z.output<typeof QueueQuery>): QueuePage {
    if (query.search && searchTerms(query.search).length) return this.searchPage(query);
    const bounds = this.advance();
    const parts = this.parts(query);
    for (const part of parts) this.warmLater(part.window, part.selection);
    const rows = this.readParts(query, parts);
    const first = rows[0];
    const last = rows.at(-1);
    return {
      total: parts.reduce((total, part) => total + part.window.count, 0),
      offset: query.offset,
      rows: this.toRows(rows, bounds.nowMs),
      first: first ? { key: cellsSortKey(first), id: cellsId(first) } : null,
      last: last ? { key: cellsSortKey(last), id: cellsId(last) } : null,
    };
  }

  /** How many cases a query selects now: its windows' counts, with no page read. */
  count(query: z.output<typeof QueueQuery>): number {
    if (query.search && searchTerms(query.search).length) return this.searchPage({ ...query, limit: 1 }).total;
    this.advance();
    return this.parts(query).reduce((total, part) => total + part.window.count, 0);
  }

  /**
   * The selections a query is read as. A clock filter that only open cases
   * can meet makes the query open-only. Under the urgent sort a clock
   * selection's open cases and the rest are two ranges of the key, far apart
   * (a million closed cases between the open ones at risk and the few others
   * that could be): each is kept and read apart, the second after the first.
   */
  private parts(query: z.output<typeof QueueQuery>): Part[] {
    const selection: QueueSelection = { sort: query.sort, openOnly: query.openOnly, filters: query.filters };
    const part = (chosen: QueueSelection): Part => ({ selection: chosen, window: this.window(chosen) });
    if (!hasClock(query.clock)) return [part(selection)];
    const clock = { ...selection, clock: query.clock, openOnly: query.openOnly || clockImpliesOpen(query.clock) };
    if (clock.sort !== 'urgent' || clock.openOnly) return [part(clock)];
    return [part({ ...clock, openOnly: true }), part({ ...clock, closedOnly: true })];
  }

  /** A page over the query's parts in order: by key from a cursor, else by position, running on into the next part. */
  private readParts(query: z.output<typeof QueueQuery>, parts: readonly Part[]): QueueRowCells[] {
    const { limit } = query;
    const partOf = (cursor: QueueCursor) => (parts.length > 1 && cursor.key >= '1' ? 1 : 0);
    let index: number;
    let rows: QueueRowCells[];
    if (query.before) {
      index = partOf(query.before);
      rows = this.readWindow(parts[index]!, { offset: 0, before: query.before }, limit);
      while (rows.length < limit && --index >= 0) {
        const { window } = parts[index]!;
        const take = Math.min(limit - rows.length, window.count);
        if (take > 0) rows = [...this.readWindow(parts[index]!, { offset: window.count - take }, take), ...rows];
      }
      return rows;
    }
    if (query.after) {
      index = partOf(query.after);
      rows = this.readWindow(parts[index]!, { offset: 0, after: query.after }, limit);
    } else {
      index = 0;
      let start = 0;
      while (index < parts.length - 1 && query.offset >= start + parts[index]!.window.count) {
        start += parts[index]!.window.count;
        index++;
      }
      rows = this.readWindow(parts[index]!, { offset: query.offset - start }, limit);
    }
    while (rows.length < limit && ++index < parts.length) {
      rows.push(...this.readWindow(parts[index]!, { offset: 0 }, limit - rows.length));
    }
    return rows;
  }

  /** Up to `limit` rows of one selection: after or before a key, else from a position. */
  private readWindow(
    { selection, window }: Part,
    at: { offset: number; after?: QueueCursor; before?: QueueCursor },
    limit: number,
  ): QueueRowCells[] {
    const sort = SORTS[selection.sort];
    const { clauses, params } = this.where(selection);
    const read = (seek: Seek, extra: string[], order: string, skip: number, bound: Record<string, string>) => {
      const chosen = this.where(selection, seek);
      return this.rowsSql(
        `SELECT ${QUEUE_ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${QUEUE_ROW_JOINS}
           ${where([...chosen.clauses, ...extra])} ORDER BY ${order} LIMIT @limit OFFSET @skip`,
      ).all({ ...chosen.params, ...bound, limit, skip }) as QueueRowCells[];
    };
    const cursor = (c: QueueCursor) => ({ cursorKey: c.key, cursorId: c.id });
    let rows: QueueRowCells[];
    const small = window.count <= SMALL_WINDOW;
    // A small selection's keys are gathered by its second read: its first page alone walks only until it has a page.
    const firstPage = at.offset === 0 && !at.after && !at.before;
    if (small && window.count > 0 && window.needsRebuild && !firstPage) this.buildLadder(window, selection);
    if (window.count === 0 || (at.offset >= window.count && !at.after && !at.before)) {
      // Nothing there: a rare selection would otherwise walk its whole index to find no row.
      rows = [];
    } else if (small && window.complete) {
      // Every row's key is held: the page is a slice of them, read by id.
      const ladder = window.ladder!;
      const from = at.after
        ? firstAfter(selection.sort, ladder, at.after)
        : at.before
          ? Math.max(0, firstNotBefore(selection.sort, ladder, at.before) - limit)
          : at.offset;
      const to = at.before ? firstNotBefore(selection.sort, ladder, at.before) : from + limit;
      const ids = ladder.slice(from, Math.min(to, from + limit)).map((rung) => rung.id);
      rows = this.rowsSql(
        `SELECT ${QUEUE_ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${QUEUE_ROW_JOINS}
           WHERE c.id IN (SELECT value FROM json_each(@ids)) ORDER BY ${sort.order}`,
      ).all({ ids: JSON.stringify(ids) }) as QueueRowCells[];
    } else if (at.after) {
      const after = [`(${sort.key}, c.id) ${sort.after} (@cursorKey, @cursorId)`];
      rows = read(seekOf(selection.sort, 'after'), after, sort.order, 0, cursor(at.after));
    } else if (at.before) {
      const before = [`(${sort.key}, c.id) ${sort.after === '>' ? '<' : '>'} (@cursorKey, @cursorId)`];
      rows = read(seekOf(selection.sort, 'before'), before, sort.reverse, 0, cursor(at.before));
      rows.reverse();
    } else if (window.needsRebuild && at.offset >= window.count - LADDER_STEP && at.offset > 0) {
      // The last pages (End) are read backwards from the end of the index, never walked to.
      const take = Math.max(0, Math.min(limit, window.count - at.offset));
      rows = take
        ? (this.rowsSql(
            `SELECT ${QUEUE_ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${QUEUE_ROW_JOINS}
               ${where(clauses)} ORDER BY ${sort.reverse} LIMIT @take OFFSET @skip`,
          ).all({ ...params, take, skip: window.count - at.offset - take }) as QueueRowCells[])
        : [];
      rows.reverse();
    } else {
      const { rung, skip } = this.anchor(window, selection, at.offset);
      const fromRung = [`(${sort.key}, c.id) ${sort.after}= (@cursorKey, @cursorId)`];
      rows = rung
        ? read(seekOf(selection.sort, 'after'), fromRung, sort.order, skip, cursor(rung))
        : read(null, [], sort.order, skip, {});
    }
    return rows;
  }

  /**
   * A selection's WHERE: its facets, and for a clock selection its clock
   * filters at the time its window is held at, with the range of the urgent
   * key its rows lie in, for SQLite to seek to; for a read from a cursor
   * (`seek`), or in the sort's order rather than for a count (`ordered`).
   */
  private where(
    selection: QueueSelection,
    seek: Seek = null,
    ordered = true,
  ): { clauses: string[]; params: Record<string, string> } {
    const keyed = !!selection.clock && selection.sort === 'urgent';
    const facets = selectionWhere(selection, seek, keyed);
    if (!selection.clock) return facets;
    const bounds = this.clockBounds!;
    const clock = clockWhere(selection.clock, bounds, ordered);
    const clauses = [...facets.clauses, ...clock.clauses];
    const params = { ...facets.params, ...clock.params };
    if (keyed) {
      const range = keyRange(selection.clock, bounds, selection.closedOnly ? 'closed' : 'open');
      if (range) {
        clauses.push(`${seek === 'after' ? '+' : ''}c.urgent_key >= @keyFrom`);
        clauses.push(`${seek === 'before' ? '+' : ''}c.urgent_key <= @keyTo`);
        params.keyFrom = range.from;
        params.keyTo = range.to;
      } else {
        clauses.push('0');
      }
    }
    return { clauses, params };
  }

  /**
   * Search shows at most SEARCH_CANDIDATES cases, in the queue's order, so
   * paging by position stays cheap here. Which ones: the most relevant (BM25)
   * of the RANKED_CANDIDATES newest matches. FTS5 ranks by reading every
   * match's positions, so ranking all matches of a common word grows with the
   * replica; walking matches newest first (by rowid,
   * which follows arrival) and ranking a bounded set keeps the cost flat and
   * favours live cases, which is what the operation room searches for. A
   * whole case number is looked up on its unique index instead. The clock
   * filters narrow those candidates as the other filters do. Where more
   * matched than the candidates hold, the total is only a lower bound, and
   * says so (the queue shows "1,000+").
   */
  private searchPage(query: z.output<typeof QueueQuery>): QueuePage {
    const caseNumber = CASE_NUMBER.exec(query.search!.trim())?.[0]?.toUpperCase();
    const match = searchMatch(searchTerms(query.search!));
    const selection: QueueSelection = { sort: query.sort, openOnly: query.openOnly, filters: query.filters };
    const facets = selectionWhere(selection);
    const nowMs = this.now();
    const clock = hasClock(query.clock) ? clockWhere(query.clock, new ClockBounds(nowMs, this.rules())) : null;
    const clauses = [...facets.clauses, ...(clock?.clauses ?? [])];
    const filterParams = { ...facets.params, ...clock?.params };
    // The candidates once, as rowids; then their order under the filters; then the page's rows.
    const hits = caseNumber
      ? this.sql('SELECT rowid AS hit FROM cases WHERE number = ?').pluck().all(caseNumber)
      : this.sql(
          `SELECT hit FROM (
               SELECT rowid AS hit, bm25(${FTS}) AS score FROM ${FTS} WHERE ${FTS} MATCH ?
               ORDER BY rowid DESC LIMIT ${RANKED_CANDIDATES})
             ORDER BY score LIMIT ${SEARCH_CANDIDATES + 1}`,
        )
          .pluck()
          .all(match);
    // One more than is kept is read, to know whether the candidates left any match out.
    const capped = hits.length > SEARCH_CANDIDATES;
    if (capped) hits.pop();
    const sort = SORTS[query.sort];
    const inList = (name: string) => `c.rowid IN (SELECT value FROM json_each(@${name}))`;
    const ordered = this.sql(
      `SELECT c.rowid FROM cases c ${where([inList('hits'), ...clauses])} ORDER BY ${sort.order}`,
    )
      .pluck()
      .all({ ...filterParams, hits: JSON.stringify(hits) }) as number[];
    const shown = ordered.slice(query.offset, query.offset + query.limit);
    const rows = this.rowsSql(
      `SELECT ${QUEUE_ROW_COLUMNS}, ${sort.key} AS sortKey FROM cases c ${QUEUE_ROW_JOINS}
         WHERE ${inList('shown')} ORDER BY ${sort.order}`,
    ).all({ shown: JSON.stringify(shown) }) as QueueRowCells[];
    const total = ordered.length;
    return {
      total,
      totalIsLowerBound: capped,
      offset: query.offset,
      rows: this.toRows(rows, nowMs),
      first: null,
      last: null,
    };
  }

  /**
   * The selection's window: its count kept by the journal (and, under clock
   * filters, by the clock: see moveClock), counted once when first asked for.
   */
  private window(selection: QueueSelection): QueueWindow {
    const signature = selectionSignature(selection);
    const held = this.windows.get(signature);
    if (held) return held;
    const count = this.countOf(selection);
    const facets = selectionMatcher(selection, (id) => this.sectors.get(id));
    const filters = selection.clock;
    const clock = filters
      ? {
          filters,
          matcherAt: (bounds: ClockBounds) => {
            const onTime = clockMatcher(filters, bounds);
            return (row: WindowRow) => facets(row) && onTime(row);
          },
        }
      : null;
    const window = new QueueWindow(selection.sort, clock ? clock.matcherAt(this.clockBounds!) : facets, count, clock);
    this.windows.set(signature, window);
    return window;
  }

  /**
   * A selection counted afresh: from the counter tables where they cover its
   * facets, else on an index. A clock selection is counted as the urgent sort
   * reads it, whatever its sort: its open cases and the rest, each one range
   * of the urgent key (a few thousand cases at risk, not a million walked).
   */
  private countOf(selection: QueueSelection): number {
    if (selection.clock && selection.sort !== 'urgent') {
      const blocks = selection.openOnly ? [{ openOnly: true }] : [{ openOnly: true }, { closedOnly: true }];
      return blocks.reduce(
        (total, block) => total + this.countOf({ ...selection, sort: 'urgent', openOnly: false, ...block }),
        0,
      );
    }
    // The counter tables are rebuilt when a snapshot completes: while one streams in, count the rows.
    const bootstrapping = this.bootstrapMark.includes(BOOTSTRAPPING_MARK);
    const settled = bootstrapping ? null : this.countSettled(selection);
    if (settled !== null) return settled;
    const plain = !selection.clock && !selection.closedOnly;
    const table = bootstrapping || !plain ? null : countTableFor(selection);
    const counted = table ? countSql(table, selection) : null;
    const { clauses, params } = this.where(selection, null, false);
    const count = (
      counted
        ? this.sql(counted.sql).get(counted.params)
        : this.sql(`SELECT count(*) AS n FROM cases c ${where(clauses)}`).get(params)
    ) as { n: number };
    return count.n;
  }

  /**
   * The cases not open of a "late" or "met" selection, counted from their
   * outcomes (replica v014) rather than read one by one (every closed case).
   * Only those whose deadline is still ahead are
   * counted by the clock, on the index: they are recent, so few. An
   * unanswered case is counted late by its outcome; those still ahead of
   * their deadline are paused, at risk or running instead (one of the three:
   * every type × importance × pillar has an at-risk edge), so they are
   * counted and taken off. Null: not such a selection, or facets no counter
   * table covers.
   */
  private countSettled(selection: QueueSelection): number | null {
    const clock = selection.clock;
    if (!clock || !selection.closedOnly || selection.sort !== 'urgent' || clockImpliesOpen(clock)) return null;
    const states = new Set(clock.slaState ?? []);
    if (!states.has('met') && !states.has('breached')) return null;
    const table = countTableFor({ openOnly: false, filters: selection.filters });
    if (!table) return null;
    const late = states.has('breached');
    const outcomes: Outcome[] = [...(states.has('met') ? ['met' as const] : []), ...(late ? LATE_OUTCOMES : [])];
    const counted = countSql(table, { openOnly: false, filters: selection.filters }, outcomes);
    const settled = (this.sql(counted.sql).get(counted.params) as { n: number }).n;
    // Late: the unanswered cases whose deadline is ahead are in another state, which is counted off unless chosen too.
    const ahead = late ? AHEAD_STATES.filter((state) => !states.has(state)) : [...states].filter((s) => s !== 'met');
    if (ahead.length === 0) return settled;
    const byClock = this.countOf({ ...selection, clock: { ...clock, slaState: ahead } });
    return late ? settled - byClock : settled + byClock;
  }

  /** Changes since the last read, then the clock: every window held is then exact as of now. */
  private advance(): ClockBounds {
    this.catchUp();
    const bounds = new ClockBounds(this.now(), this.rules());
    this.moveClock(bounds);
    return bounds;
  }

  /**
   * Moves the clock selections' windows from the time they were held at to
   * `bounds`: the cases whose deadline, at-risk edge, midnight or "unchanged
   * since" instant the clock passed meanwhile (crossings) are read again,
   * and each window takes them in or lets them go by its predicate at
   * either time. A count taken once per selection and kept so is exact at
   * every read, as the other selections' are: a first-class queue shows a
   * total it can stand by, and the renderer places its scroll space, End and
   * rows on it. Recounting each minute instead would still read a million
   * rows a minute per selection; a bounded count would leave End and the
   * scroll thumb guessing. New SLA rules move every at-risk edge: clock
   * windows are then counted afresh, as after a desk idle for days.
   */
  private moveClock(bounds: ClockBounds): void {
    const held = this.clockBounds;
    this.clockBounds = bounds;
    const windows = this.windows.timed();
    if (!held || windows.length === 0) return;
    if (held.rules !== bounds.rules) {
      this.windows.forgetTimed();
      return;
    }
    if (held.nowMs === bounds.nowMs) return;
    const states = new Set<SlaState>();
    const unchangedDays = new Set<number>();
    let breachedToday = false;
    for (const { clock } of windows) {
      for (const state of clock!.filters.slaState ?? []) states.add(state);
      if (clock!.filters.unchangedDays) unchangedDays.add(clock!.filters.unchangedDays);
      breachedToday ||= !!clock!.filters.breachedToday;
    }
    const ranges = crossings(held, bounds, { states, breachedToday, unchangedDays });
    const crossed = new Map<string, WindowRow>();
    const gather = (sql: string, from: string, to: string) => {
      const rows = this.sql(sql).all({ from, to, limit: CROSSING_LIMIT + 1 }) as WindowRow[];
      for (const row of rows) crossed.set(row.id, row);
      return rows.length <= CROSSING_LIMIT;
    };
    const byDeadline = `SELECT ${CLOCK_ROW_COLUMNS} FROM cases c
      WHERE c.urgent_key >= @from AND c.urgent_key <= @to LIMIT @limit`;
    const byLastChange = `SELECT ${CLOCK_ROW_COLUMNS} FROM cases c
      WHERE c.is_open = 1 AND c.updated_at >= @from AND c.updated_at <= @to LIMIT @limit`;
    let few = true;
    // A deadline is in the key after the open digit: open cases' range, then the others'.
    for (const [from, to] of ranges.deadlines) few &&= gather(byDeadline, `0${from}`, `0${to}`);
    for (const [from, to] of ranges.deadlines) few &&= gather(byDeadline, `1${from}`, `1${to}`);
    for (const [from, to] of ranges.lastChanges) few &&= gather(byLastChange, from, to);
    if (!few || crossed.size > CROSSING_LIMIT) {
      this.windows.forgetTimed();
      return;
    }
    for (const window of windows) {
      const next = window.clock!.matcherAt(bounds);
      for (const row of crossed.values()) {
        const key = sortKeyOf(window.sort, row);
        window.move(window.matches(row) ? key : null, next(row) ? key : null);
      }
      window.matches = next;
    }
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
    const { clauses, params } = this.where(selection);
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
   * kept exact by the journal, so a ladder may be built in several goes; a go
   * in the background stops at `until` (performance.now()), after one rung at least.
   */
  private extendLadder(window: QueueWindow, selection: QueueSelection, rungs: number, until = Infinity): void {
    const ladder = window.ladder!;
    const stepOn = this.stepper(window, selection);
    for (let added = 0; added < rungs && (added === 0 || performance.now() < until); added++) {
      const last = ladder.at(-1)!;
      const next = stepOn(last);
      if (!next) {
        window.partial = false;
        return;
      }
      ladder.push({ ...next, position: last.position + window.step });
    }
  }

  /** The row a step on from a key, in the selection's order: a keyset read with OFFSET inside the index. */
  private stepper(window: QueueWindow, selection: QueueSelection): (from: SortKey) => SortKey | undefined {
    const sort = SORTS[selection.sort];
    const { clauses, params } = this.where(selection, seekOf(selection.sort, 'after'));
    const step = this.sql(
      `SELECT ${sort.key} AS key, c.id AS id FROM cases c
       ${where([...clauses, `(${sort.key}, c.id) ${sort.after} (@cursorKey, @cursorId)`])}
       ORDER BY ${sort.order} LIMIT 1 OFFSET ${window.step - 1}`,
    );
    return (from) => step.get({ ...params, cursorKey: from.key, cursorId: from.id }) as SortKey | undefined;
  }

  /**
   * Mends the gaps live changes open in a ladder instead of building it
   * again. Under live traffic new cases land before the first rung (newest
   * first): rebuilding a thousand rungs each time that gap passed four steps
   * took a tenth of the desk's time at 200 changes a second. A rung for the
   * selection's first row goes in front, every gap wider than four steps is
   * filled with rungs a step apart from its start, and a wide stretch after
   * the last rung is extended as a partial ladder is. Stops at `until` (the
   * next go goes on). False when the ladder is not worth mending (none yet,
   * every row a rung, a step far from what the selection's size asks, or
   * positions that do not add up): it is then built afresh.
   */
  private mendLadder(window: QueueWindow, selection: QueueSelection, until: number): boolean {
    const ladder = window.ladder;
    const fits = ladderStepFor(window.count);
    if (!ladder?.length || window.step === 1 || fits === 1 || window.step > 2 * fits || 2 * window.step < fits) {
      return false;
    }
    const maxGap = MAX_SKIP_STEPS * window.step;
    if (ladder[0]!.position > maxGap) {
      const sort = SORTS[selection.sort];
      const { clauses, params } = this.where(selection);
      const first = this.sql(
        `SELECT ${sort.key} AS key, c.id AS id FROM cases c ${where(clauses)} ORDER BY ${sort.order} LIMIT 1`,
      ).get(params) as SortKey | undefined;
      if (!first) return false;
      ladder.unshift({ ...first, position: 0 });
    }
    const stepOn = this.stepper(window, selection);
    for (let i = 0; i + 1 < ladder.length && performance.now() < until; i++) {
      while (ladder[i + 1]!.position - ladder[i]!.position > maxGap && performance.now() < until) {
        const position = ladder[i]!.position + window.step;
        const found = stepOn(ladder[i]!);
        if (!found || compareInSort(selection.sort, found, ladder[i + 1]!) >= 0) return false;
        ladder.splice(++i, 0, { ...found, position });
      }
    }
    if (window.count - ladder.at(-1)!.position > maxGap) window.partial = true;
    return true;
  }

  /**
   * Builds the ladders of selections just asked for, a few rungs at a time
   * between calls, so a jump usually finds its ladder ready instead of
   * walking the index while the operator waits. A small selection's keys are
   * gathered the same way, in one read: few as they are, a rare combination of
   * filters walks most of the sort's index to find them. Timers are
   * unreferenced: they never keep the process alive.
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
        const until = performance.now() + WARM_GO_MS;
        if (!window.partial && !this.mendLadder(window, selection, until)) this.startLadder(window, selection);
        if (window.partial) this.extendLadder(window, selection, Infinity, until);
        if (!window.partial && !window.needsRebuild) this.warming.delete(window);
      }
    } catch {
      // The replica closed (the desk is stopping): nothing left to warm.
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
      bootstrap !== this.bootstrapMark && (bootstrap + this.bootstrapMark).includes(BOOTSTRAPPING_MARK);
    if (snapshotMoved || marks.entities !== this.entitiesMark) this.forget();
    this.bootstrapMark = bootstrap;
    if (marks.entities !== this.entitiesMark) {
      this.entitiesMark = marks.entities;
      const rows = this.sql('SELECT id, sector FROM entities').all() as { id: string; sector: string }[];
      this.sectors = new Map(rows.map((r) => [r.id, r.sector]));
    }
    const pending = this.sql(
      `SELECT count(*) AS n, coalesce(max(n), 0) AS last FROM ${QUEUE_JOURNAL_TABLE} WHERE n > ?`,
    ).get(this.journalRead) as { n: number; last: number };
    if (pending.n === 0) {
      // A reader that has read nothing yet starts after every entry the journal has numbered so far (it
      // held no window then): else the first entries after a restart look like a trimmed journal, and every
      // window is counted again.
      if (this.journalRead === 0) {
        this.journalRead = this.sql(
          `SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = '${QUEUE_JOURNAL_TABLE}'`,
        )
          .pluck()
          .get() as number;
      }
      return;
    }
    // The store trims a journal nobody read for long: entries missing since the last read mean recount.
    const trimmed = pending.last - pending.n > this.journalRead;
    if (trimmed || pending.n > JOURNAL_REPLAY_LIMIT || this.windows.size === 0) {
      this.forget();
    } else {
      const changes = this.sql(
        `SELECT old_row AS oldRow, new_row AS newRow FROM ${QUEUE_JOURNAL_TABLE} WHERE n > ? AND n <= ? ORDER BY n`,
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
      this.sql(`DELETE FROM ${QUEUE_JOURNAL_TABLE} WHERE n <= ?`).run(pending.last);
      this.journalDeletedTo = pending.last;
    }
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

  private toRows(cells: readonly QueueRowCells[], nowMs = this.now()): QueueRow[] {
    return this.rowMaker.rows(cells, this.rules(), nowMs);
  }

  /** A statement for a page's rows: compiled once, as sql(), and read as arrays (queueRows.ts). */
  private rowsSql(text: string): Statement {
    return this.sql(text).raw(true);
  }
}

/**
 * Which bounds of a selection a read from a cursor must not seek on: only the
 * urgent sort's selections bound its key (open only, a clock selection's
 * range), so under the newest sort a cursor has nothing to compete with.
 */
const seekOf = (sort: QueueSelection['sort'], direction: 'after' | 'before'): Seek =>
  sort === 'urgent' ? direction : null;
const where = (clauses: readonly string[]) => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : '');
const parseRow = (json: string | null) => (json === null ? null : (JSON.parse(json) as WindowRow));
