import type { ClockFilters, SlaState } from '../../shared/contract/clockFilters';
import {
  addWorkingMinutes,
  ammanWallTime,
  ammanWallToUtc,
  atRiskShareOf,
  nextWorkingMoment,
  slaTargetsFor,
  workingMinutesBetween,
} from '../../shared/sla';
import { APPLICATION_TYPES, IMPORTANCE_LEVELS, PILLARS } from '../../shared/domain/taxonomy';
import type { DeskSlaRules } from '../sla/deskSlaRules';
import type { WindowRow } from './queueFilters';

const DAY_MS = 86_400_000;

/** Midnight in Amman today, as a UTC instant. */
export function ammanDayStart(nowMs: number): number {
  const wall = ammanWallTime(nowMs);
  return ammanWallToUtc(wall.year, wall.month, wall.day);
}

/** Each type × importance × pillar's resolution target, in working minutes, per rules. */
const targetsByRules = new WeakMap<DeskSlaRules, Map<string, number>>();
function resolutionTargets(rules: DeskSlaRules): Map<string, number> {
  let targets = targetsByRules.get(rules);
  if (!targets) {
    targets = new Map();
    for (const type of APPLICATION_TYPES)
      for (const importance of IMPORTANCE_LEVELS)
        for (const pillar of PILLARS) {
          const target = Math.max(1, slaTargetsFor(rules.matrix, type, importance, pillar).resolutionMinutes);
          targets.set(`${type}|${importance}|${pillar}`, target);
        }
    targetsByRules.set(rules, targets);
  }
  return targets;
}

/**
 * The latest deadline (to the millisecond) a case with this target is at
 * risk at, now: exactly where deadlineTimer turns from running to at risk
 * (at least the rules' share of the target used, in working time). Adding the
 * minutes left gives it to within float rounding; and when that lands at the
 * end of a working day, every deadline up to the next working moment has the
 * same working time left, so is at risk too (a row shows it so).
 */
function lastAtRisk(calendar: DeskSlaRules['calendar'], nowMs: number, target: number, share: number): number {
  const atRisk = (due: number) => (target - workingMinutesBetween(calendar, nowMs, due)) / target >= share;
  let edge = Math.round(addWorkingMinutes(calendar, nowMs, target * (1 - share)));
  for (let i = 0; i < 8 && !atRisk(edge); i++) edge--;
  for (let i = 0; i < 8 && atRisk(edge + 1); i++) edge = nextWorkingMoment(calendar, edge + 1);
  return edge;
}

/**
 * The hub's time as the clock filters read it, every boundary worked out
 * once: the SQL (clockWhere) and the journal's predicate (clockMatcher) take
 * them from here, so the two always agree. A case is at risk once the rules'
 * share of its target is used in working time (80% by default, as the rows
 * and the case view read it): for each type × importance × pillar that is a
 * deadline no later than an edge (lastAtRisk), one per length of target, a
 * handful in all. Bounds are of one rules object: new rules (a new share
 * too) make the reader count its clock windows afresh (moveClock).
 */
export class ClockBounds {
  readonly now: string;
  readonly dayStart: string;
  private edges: Map<number, string> | null = null;
  private byCombo: Map<string, string> | null = null;

  constructor(
    readonly nowMs: number,
    readonly rules: DeskSlaRules,
  ) {
    this.now = new Date(nowMs).toISOString();
    this.dayStart = new Date(ammanDayStart(nowMs)).toISOString();
  }

  /** The latest deadline at risk now, per `type|importance|pillar`. */
  atRisk(): ReadonlyMap<string, string> {
    if (!this.byCombo) {
      const edges = this.atRiskEdges();
      this.byCombo = new Map([...resolutionTargets(this.rules)].map(([combo, target]) => [combo, edges.get(target)!]));
    }
    return this.byCombo;
  }

  /** Each distinct resolution target (working minutes) and its at-risk edge now. */
  atRiskEdges(): ReadonlyMap<number, string> {
    if (!this.edges) {
      this.edges = new Map();
      const share = atRiskShareOf(this.rules);
      for (const target of new Set(resolutionTargets(this.rules).values())) {
        this.edges.set(target, new Date(lastAtRisk(this.rules.calendar, this.nowMs, target, share)).toISOString());
      }
    }
    return this.edges;
  }

  unchangedBefore(days: number): string {
    return new Date(this.nowMs - days * DAY_MS).toISOString();
  }
}

/**
 * The deadline, read from the urgent sort's key (v007: '0' or '1' for open
 * or not, then the deadline, empty when there is none). Both sorts' indexes
 * hold that key, the answer and the last change (v013), so every clock filter
 * is decided in the index a page walks, without reading the case's row; but
 * for a case awaiting the citizen past its deadline, whose pause start (v015)
 * is read from its row.
 */
const DUE = `substr(c.urgent_key, 2)`;
const ANSWERED = `(c.status IN ('answered', 'closed') AND c.answered_at IS NOT NULL)`;
const LIVE = `${DUE} <> '' AND NOT ${ANSWERED}`;
const AT_RISK_EDGE = `json_extract(@atRiskBounds, '$."' || c.type || '|' || c.importance || '|' || c.pillar || '"')`;
/**
 * Awaiting the citizen since before the deadline (shared/sla's pausedInTime):
 * paused whatever the time. The pause start is in no index, so the status
 * comes first: only a case awaiting the citizen has its row read for it.
 */
const PAUSED_IN_TIME = `(c.status = 'awaitingCitizen' AND c.paused_since IS NOT NULL AND c.paused_since < ${DUE})`;
/** Each state of the resolution clock in SQL, as shared/sla/deadlineTimer.ts decides it (and stateAt below). */
const STATE_SQL: Record<SlaState, string> = {
  met: `(${DUE} <> '' AND ${ANSWERED} AND c.answered_at <= ${DUE})`,
  breached: `(${DUE} <> '' AND ((${ANSWERED} AND c.answered_at > ${DUE})
    OR (NOT ${ANSWERED} AND ${DUE} < @now AND NOT ${PAUSED_IN_TIME})))`,
  paused: `(${LIVE} AND c.status = 'awaitingCitizen' AND (${DUE} >= @now OR ${PAUSED_IN_TIME}))`,
  atRisk: `(${LIVE} AND ${DUE} >= @now AND c.status <> 'awaitingCitizen' AND ${DUE} <= ${AT_RISK_EDGE})`,
  running: `(${LIVE} AND ${DUE} >= @now AND c.status <> 'awaitingCitizen' AND ${DUE} > ${AT_RISK_EDGE})`,
};

const answeredAt = (row: WindowRow) =>
  (row.status === 'answered' || row.status === 'closed') && row.answered_at != null ? row.answered_at : null;
const pausedInTime = (row: WindowRow, due: string) =>
  row.status === 'awaitingCitizen' && row.paused_since != null && row.paused_since < due;

/** A case's clock state at the bounds' time, from its row: the same decision as STATE_SQL. */
export function stateAt(row: WindowRow, bounds: ClockBounds): SlaState | null {
  const due = row.urgent_key.slice(1);
  if (due === '') return null;
  const answered = answeredAt(row);
  if (answered !== null) return answered <= due ? 'met' : 'breached';
  if (pausedInTime(row, due)) return 'paused';
  if (due < bounds.now) return 'breached';
  if (row.status === 'awaitingCitizen') return 'paused';
  const edge = bounds.atRisk().get(`${row.type}|${row.importance}|${row.pillar}`);
  if (edge === undefined) return null;
  return due <= edge ? 'atRisk' : 'running';
}

/** Open cases only: "breached today" and "unchanged for days" ask about open cases alone. */
export const clockImpliesOpen = (clock: ClockFilters) => !!clock.breachedToday || !!clock.unchangedDays;

/**
 * The clock filters as SQL over the replica, the hub's time bound as
 * parameters (never spliced). Time ranges on the deadline are written on the
 * urgent key, so they are index ranges too (see keyRange). `ordered`: for a
 * read in the sort's order, rather than a count.
 */
export function clockWhere(
  clock: ClockFilters,
  bounds: ClockBounds,
  ordered = true,
): { clauses: string[]; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = { now: bounds.now };
  if (clock.slaState?.length) {
    clauses.push(`(${[...new Set(clock.slaState)].map((state) => STATE_SQL[state]).join(' OR ')})`);
    if (clock.slaState.some((state) => state === 'atRisk' || state === 'running')) {
      params.atRiskBounds = JSON.stringify(Object.fromEntries(bounds.atRisk()));
    }
  }
  if (clock.breachedToday) {
    // Open: checked, not sought on (the reader adds the range of keys to seek on, keyRange).
    clauses.push(`(+c.urgent_key < '1' AND ${LIVE} AND ${DUE} < @now AND ${DUE} >= @dayStart)`);
    params.dayStart = bounds.dayStart;
  }
  if (clock.unchangedDays) {
    // Open, by the key the sort indexes hold (is_open is not in the urgent one): checked, not sought on. A read
    // in the queue's order must not take the open cases' index by last change (v009) either, with the
    // open-only clause it would match: it would sort every stalled case for each page, or each rung.
    clauses.push(`(+c.urgent_key < '1' AND ${ordered ? '+' : ''}c.updated_at < @unchangedBefore)`);
    params.unchangedBefore = bounds.unchangedBefore(clock.unchangedDays);
  }
  return { clauses, params };
}

/** The same filters as a predicate over a journalled row: held equal to clockWhere by a table test. */
export function clockMatcher(clock: ClockFilters, bounds: ClockBounds): (row: WindowRow) => boolean {
  const checks: ((row: WindowRow) => boolean)[] = [];
  if (clock.slaState?.length) {
    const states = new Set<SlaState | null>(clock.slaState);
    checks.push((row) => states.has(stateAt(row, bounds)));
  }
  if (clock.breachedToday) {
    checks.push((row) => {
      const due = row.urgent_key.slice(1);
      return (
        row.urgent_key < '1' && due !== '' && answeredAt(row) === null && due < bounds.now && due >= bounds.dayStart
      );
    });
  }
  if (clock.unchangedDays) {
    const before = bounds.unchangedBefore(clock.unchangedDays);
    checks.push((row) => row.urgent_key < '1' && row.updated_at !== undefined && row.updated_at < before);
  }
  return (row) => checks.every((check) => check(row));
}

/**
 * Which of the urgent sort's two blocks (open cases, keys '0…'; the rest,
 * '1…') a clock selection can have rows in, and the range of keys that holds
 * them in each: a page then seeks to its rows on the index and never walks
 * the cases between (a million closed cases lie between the open cases at
 * risk and the few closed ones that could be). A superset: the clauses
 * still decide. Null: no rows can be in that block.
 */
export function keyRange(
  clock: ClockFilters,
  bounds: ClockBounds,
  block: 'open' | 'closed',
): { from: string; to: string } | null {
  const digit = block === 'open' ? '0' : '1';
  const after = block === 'open' ? '1' : '2';
  const edges = () => [...bounds.atRiskEdges().values()].sort();
  const earliestEdge = () => edges()[0] ?? bounds.now;
  const latestEdge = () => edges().at(-1) ?? bounds.now;
  // '0' alone is an open case with no deadline: no clock state, so a range starts after it.
  let from = after;
  let to = digit;
  const widen = (low: string, high: string) => {
    if (low < from) from = low;
    if (high > to) to = high;
  };
  if (clock.slaState?.length) {
    for (const state of clock.slaState) {
      if (state === 'breached') widen(digit, block === 'open' ? digit + bounds.now : after);
      if (state === 'atRisk') widen(digit + bounds.now, digit + latestEdge());
      if (state === 'running') widen(digit + earliestEdge(), after);
      // Answered, or awaiting the citizen: never an open case. A pause begun in time holds any deadline, past too.
      if (block === 'closed' && (state === 'met' || state === 'paused')) widen(digit, after);
    }
  } else {
    widen(digit, after);
  }
  if (clockImpliesOpen(clock) && block === 'closed') return null;
  if (clock.breachedToday) {
    from = from > digit + bounds.dayStart ? from : digit + bounds.dayStart;
    to = to < digit + bounds.now ? to : digit + bounds.now;
  }
  return from <= to ? { from, to } : null;
}

/** The columns a crossing row is read with: the journal's, so one predicate serves both. */
export const CLOCK_ROW_COLUMNS = `c.id, c.urgent_key, c.submitted_at, c.is_open, c.entity_id, c.focal_point_id, c.type,
  c.channel, c.pillar, c.importance, c.status, c.escalation_level, c.due_at, c.answered_at, c.updated_at,
  c.paused_since`;

/**
 * Where time alone can have moved a case in or out of a clock selection
 * between two readings of the clock: deadlines between the two "now"s, the
 * two at-risk edges of each length of target, the two midnights (breached
 * today), and last changes between the two "unchanged since" instants. Only
 * the cases in these ranges are looked at again: a few a minute, at a million
 * cases, where recounting would read them all.
 */
export function crossings(
  was: ClockBounds,
  now: ClockBounds,
  uses: { states: ReadonlySet<SlaState>; breachedToday: boolean; unchangedDays: ReadonlySet<number> },
): { deadlines: [string, string][]; lastChanges: [string, string][] } {
  const span = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
  const deadlines: [string, string][] = [];
  if (uses.states.size || uses.breachedToday) deadlines.push(span(was.now, now.now));
  if (uses.states.has('atRisk') || uses.states.has('running')) {
    const before = was.atRiskEdges();
    for (const [target, edge] of now.atRiskEdges()) deadlines.push(span(before.get(target) ?? edge, edge));
  }
  if (uses.breachedToday && was.dayStart !== now.dayStart) deadlines.push(span(was.dayStart, now.dayStart));
  const lastChanges = [...uses.unchangedDays].map((days) => span(was.unchangedBefore(days), now.unchangedBefore(days)));
  return { deadlines: merge(deadlines), lastChanges };
}

/** Overlapping ranges as one, so no case is read twice. */
function merge(ranges: [string, string][]): [string, string][] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [string, string][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = to > last[1] ? to : last[1];
    else merged.push([from, to]);
  }
  return merged;
}

/** A stable part of a selection's name for its clock filters: states sorted, absent parts left out. */
export function clockSignature(clock: ClockFilters | undefined): unknown[] {
  if (!clock) return [];
  return [[...new Set(clock.slaState ?? [])].sort(), clock.breachedToday ? 1 : 0, clock.unchangedDays ?? 0];
}
