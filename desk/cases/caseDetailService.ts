import type { CaseDetail, LadderPosition } from '../../shared/contract/caseDetailContract';
import type { CaseHistory } from '../../shared/domain/caseHistory';
import type { EscalationLevel } from '../../shared/domain/taxonomy';
import {
  atRiskShareOf,
  caseTimerList,
  escalationRank,
  ladderWindowsFor,
  nextReferral,
  referralSchedule,
  timedCaseOfRecord,
  timersOfCase,
} from '../../shared/sla';
import type { CaseReader } from './caseReader';
import type { DeskSlaRules } from '../sla/deskSlaRules';
import type { Outbox } from '../outbox/outbox';

export interface CaseDetailSources {
  readonly cases: CaseReader;
  readonly outbox: Outbox;
  readonly rules: () => DeskSlaRules;
  /** The hub's clock, as this desk measures it. */
  readonly now: () => number;
  /** Asks the hub; rejects when it cannot be reached in time. */
  readonly fetchHistory: (caseId: string, signal: AbortSignal) => Promise<CaseHistory>;
  readonly historyTimeoutMs?: number;
}

/** Histories seen this session, so a case opened again offline still shows what was last known. */
const HISTORIES_KEPT = 200;

/**
 * The case view's data: the case, its three clocks and its place on the
 * ladder from the replica (so they keep counting offline, with the hub's rules
 * and clock), and its history from the hub when it answers.
 */
export class CaseDetailService {
  private readonly histories = new Map<string, { history: CaseHistory; fetchedAt: string }>();

  constructor(private readonly sources: CaseDetailSources) {}

  async detail(caseId: string): Promise<CaseDetail | null> {
    const held = this.sources.cases.read(caseId);
    if (!held) return null;
    const rules = this.sources.rules();
    const now = this.sources.now();
    const atRiskShare = atRiskShareOf(rules);
    const timers = timersOfCase(timedCaseOfRecord(held), rules, now, atRiskShare);
    const resolutionBreachMs = timers.resolution.stoppedAtMs === null ? timers.resolution.dueAtMs : null;
    const { history, problem } = await this.history(caseId);
    return {
      case: held,
      timers: [...caseTimerList(timers)],
      atRiskShare,
      ladder: ladderPosition(held.escalationLevel, held.entityCode, resolutionBreachMs, rules, now),
      pending: this.sources.outbox
        .list()
        .filter((e) => e.caseId === caseId)
        .map((e) => ({ clientId: e.clientId, command: e.command, state: e.state })),
      history: history?.history ?? null,
      historyFetchedAt: history?.fetchedAt ?? null,
      historyProblem: problem,
    };
  }

  private async history(caseId: string) {
    const signal = AbortSignal.timeout(this.sources.historyTimeoutMs ?? 4000);
    try {
      const fresh = { history: await this.sources.fetchHistory(caseId, signal), fetchedAt: new Date().toISOString() };
      this.histories.delete(caseId);
      this.histories.set(caseId, fresh);
      if (this.histories.size > HISTORIES_KEPT) this.histories.delete(this.histories.keys().next().value!);
      return { history: fresh, problem: null };
    } catch (error) {
      // Offline or refused: the last copy seen, and why it may be old.
      return { history: this.histories.get(caseId) ?? null, problem: (error as Error).message.slice(0, 300) };
    }
  }
}

/**
 * Where the case is on the ladder and when it climbs next. The hub refers it;
 * this only shows the schedule the hub's ladder job follows, from the
 * resolution deadline (null once resolved: no further referral) and with the
 * windows of the case's entity.
 */
export function ladderPosition(
  level: EscalationLevel,
  entityCode: string | null,
  breachMs: number | null,
  rules: Pick<DeskSlaRules, 'ladder' | 'calendar'>,
  nowMs: number,
): LadderPosition {
  if (breachMs === null) return { level, rungs: [], next: null };
  const windows = ladderWindowsFor(rules.ladder, entityCode);
  const rungs = referralSchedule(windows, rules.calendar, breachMs).map((r) => ({
    level: r.level,
    dueAt: new Date(r.dueAtMs).toISOString(),
    reached: escalationRank(level) >= escalationRank(r.level),
  }));
  const next = nextReferral(windows, rules.calendar, breachMs, nowMs);
  // A level the hub has already reached (or passed by hand) is not "next".
  const upcoming = next && escalationRank(next.level) > escalationRank(level) ? next : null;
  return {
    level,
    rungs,
    next: upcoming ? { level: upcoming.level, dueAt: new Date(upcoming.dueAtMs).toISOString() } : null,
  };
}
