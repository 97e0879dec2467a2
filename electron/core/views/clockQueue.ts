import type { z } from 'zod';
import type { QueuePage, QueueQuery } from '../../../shared/contract/deskContract';
import { hasClock, type ClockFilters, type SlaState } from '../../../shared/contract/clockFilters';
import {
  addWorkingMinutes,
  ammanWallTime,
  ammanWallToUtc,
  DEFAULT_AT_RISK_THRESHOLD,
  slaTargetsFor,
} from '../../../shared/sla';
import { APPLICATION_TYPES, IMPORTANCE_LEVELS, PILLARS } from '../../../shared/domain/taxonomy';
import { searchTerms } from '../../../shared/text/arabicNormalize';
import { phoneKey } from '../../../shared/text/phoneKey';
import type { QueueReader } from '../cache/queueReader';
import type { DeskSlaRules } from '../cache/deskSlaRules';

const DAY_MS = 86_400_000;
const CASE_NUMBER = /^BK-\d{2}-\d{7}$/i;

/** Answered (or closed after an answer): the clock stopped at the answer. */
const ANSWERED = `(c.status IN ('answered', 'closed') AND c.answered_at IS NOT NULL)`;
const LIVE = `c.due_at IS NOT NULL AND NOT ${ANSWERED}`;
/** Each state of the resolution clock in SQL, as shared/sla/deadlineTimer.ts decides it. */
const STATE_SQL: Record<SlaState, string> = {
  met: `(c.due_at IS NOT NULL AND ${ANSWERED} AND c.answered_at <= c.due_at)`,
  breached: `(c.due_at IS NOT NULL AND ((${ANSWERED} AND c.answered_at > c.due_at) OR (NOT ${ANSWERED} AND c.due_at < @now)))`,
  paused: `(${LIVE} AND c.due_at >= @now AND c.status = 'awaitingCitizen')`,
  atRisk: `(${LIVE} AND c.due_at >= @now AND c.status <> 'awaitingCitizen' AND c.due_at <= json_extract(@atRiskBounds, '$."' || c.type || '|' || c.importance || '|' || c.pillar || '"'))`,
  running: `(${LIVE} AND c.due_at >= @now AND c.status <> 'awaitingCitizen' AND c.due_at > json_extract(@atRiskBounds, '$."' || c.type || '|' || c.importance || '|' || c.pillar || '"'))`,
};

/** Midnight in Amman today, as a UTC instant. */
export function ammanDayStart(nowMs: number): number {
  const wall = ammanWallTime(nowMs);
  return ammanWallToUtc(wall.year, wall.month, wall.day);
}

/**
 * The clock filters (SLA state, breached today, unchanged for days) as SQL
 * over the cache, with the hub's time bound as a parameter. A case is at risk
 * once at most a fifth of its target is left in working time: for each type ×
 * importance × pillar that is a deadline no later than now plus that fifth,
 * so the boundary is computed once per call, not per case.
 */
export function clockWhere(
  clock: ClockFilters,
  nowMs: number,
  rules: DeskSlaRules,
  openOnly = false,
): { clauses: string[]; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = { now: new Date(nowMs).toISOString() };
  if (clock.slaState?.length) {
    clauses.push(`(${clock.slaState.map((state) => STATE_SQL[state]).join(' OR ')})`);
    if (clock.slaState.some((state) => state === 'atRisk' || state === 'running')) {
      const bounds: Record<string, string> = {};
      for (const type of APPLICATION_TYPES)
        for (const importance of IMPORTANCE_LEVELS)
          for (const pillar of PILLARS) {
            const target = Math.max(1, slaTargetsFor(rules.matrix, type, importance, pillar).resolutionMinutes);
            const left = target * (1 - DEFAULT_AT_RISK_THRESHOLD);
            bounds[`${type}|${importance}|${pillar}`] = new Date(
              addWorkingMinutes(rules.calendar, nowMs, left),
            ).toISOString();
          }
      params.atRiskBounds = JSON.stringify(bounds);
    }
  }
  // An open case's urgent_key is '0' and its deadline (v007): a range of it is one walk of the urgency index.
  const openDueBefore = () => {
    clauses.push(`c.urgent_key >= '0' AND c.urgent_key < @openDueBefore`);
    params.openDueBefore = `0${params.now}`;
  };
  if (clock.breachedToday) {
    const dayStart = new Date(ammanDayStart(nowMs)).toISOString();
    clauses.push(`(c.is_open = 1 AND ${LIVE} AND c.due_at < @now AND c.due_at >= @dayStart)`);
    clauses.push(`c.urgent_key >= @openDueFrom`);
    params.dayStart = dayStart;
    params.openDueFrom = `0${dayStart}`;
    openDueBefore();
  } else if (openOnly && clock.slaState?.length === 1 && clock.slaState[0] === 'breached') {
    // Open and late (the bulk chase's question): only open cases due before now can be.
    openDueBefore();
  }
  if (clock.unchangedDays) {
    clauses.push(`(c.is_open = 1 AND c.updated_at < @unchangedBefore)`);
    params.unchangedBefore = new Date(nowMs - clock.unchangedDays * DAY_MS).toISOString();
  }
  return { clauses, params };
}

/** Search as a clause: a whole case number by its index, else the words through FTS5. */
function searchWhere(search: string | undefined): { clauses: string[]; params: Record<string, string> } {
  if (!search || !searchTerms(search).length) return { clauses: [], params: {} };
  const caseNumber = CASE_NUMBER.exec(search.trim())?.[0]?.toUpperCase();
  if (caseNumber) return { clauses: ['c.number = @caseNumber'], params: { caseNumber } };
  const match = searchTerms(search)
    .map((term) => `"${phoneKey(term).replace(/"/g, '')}"*`)
    .join(' ');
  return { clauses: ['c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH @match)'], params: { match } };
}

/**
 * The queue's pages, routed: a query with a clock filter is read here (its
 * members change with time alone), every other by the queue's own reader.
 */
export class ClockQueue {
  constructor(
    private readonly queue: QueueReader,
    private readonly now: () => number,
    private readonly rules: () => DeskSlaRules,
  ) {}

  page(query: z.output<typeof QueueQuery>): QueuePage {
    if (!hasClock(query.clock)) return this.queue.page(query);
    const clock = clockWhere(query.clock, this.now(), this.rules(), query.openOnly);
    const search = searchWhere(query.search);
    return this.queue.pageWhere(query, {
      clauses: [...clock.clauses, ...search.clauses],
      params: { ...clock.params, ...search.params },
    });
  }

  /** How many cases a query selects now: the queue's journalled count where it keeps one. */
  count(query: z.output<typeof QueueQuery>): number {
    return this.page({ ...query, offset: 0, limit: 1 }).total;
  }
}
