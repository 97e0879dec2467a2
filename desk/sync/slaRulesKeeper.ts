import { coalescingRunner } from '../../shared/async/coalescingRunner';
import type { ReplicaStore } from '../replica/replicaStore';
import { SLA_RULES_META } from '../sla/deskSlaRules';
import { heldRulesVersion, keeping, nextHeldRules, readRulesNotice, rulesFetchNeeded } from './slaRulesUpdate';

export interface SlaRulesKeeperEvents {
  /** New rules are held: every countdown now uses them. */
  onReplaced(version: number): void;
  /** What went wrong taking the hub's rules (the held ones stay), or null once all is well again. */
  onProblem(problem: string | null): void;
}

/**
 * Keeps the hub's SLA rules in the replica, so countdowns use the hub's calendar
 * and matrix, offline too. The hub says which version is in force when the
 * desk connects (the sync head) and whenever an administrator saves a new one
 * (the `sla:rules` event, on every socket connection too); a desk holding
 * another version fetches the rules and replaces them in one write. Fetches
 * run one at a time, a burst of notices folded into one more. Nothing that
 * fails validation, and no failed fetch, ever touches the rules held.
 */
export class SlaRulesKeeper {
  constructor(
    private readonly store: ReplicaStore,
    private readonly fetchRules: (signal: AbortSignal) => Promise<unknown>,
    private readonly signal: AbortSignal,
    private readonly events: SlaRulesKeeperEvents,
  ) {}

  /** The version held, or null while the built-in rules stand in. */
  get version(): number | null {
    return heldRulesVersion(this.store.meta(SLA_RULES_META));
  }

  /** On (re)connecting, with the version the hub's head names (undefined from a hub too old to name one). */
  async atConnect(hubVersion: number | undefined): Promise<void> {
    if (rulesFetchNeeded(this.version, hubVersion)) await this.refresh();
  }

  /** A `sla:rules` event, as received: checked here before it can cause a fetch. */
  async heard(raw: unknown): Promise<void> {
    const notice = readRulesNotice(raw, this.version);
    if (!notice.ok) return this.events.onProblem(notice.problem);
    if (rulesFetchNeeded(this.version, notice.version)) await this.refresh();
  }

  /** Fetches whatever the hub holds now, whatever version was announced. */
  fetchNow(): Promise<void> {
    return this.refresh();
  }

  private readonly refresh = coalescingRunner(async () => {
    let fetched: unknown;
    try {
      fetched = await this.fetchRules(this.signal);
    } catch (error) {
      if (this.signal.aborted) return;
      // The next notice, or the next connection, asks again.
      this.events.onProblem(
        `Could not fetch the hub's SLA rules (${(error as Error).message}); ${keeping(this.version)}.`,
      );
      return;
    }
    if (this.signal.aborted) return;
    const decision = nextHeldRules(this.store.meta(SLA_RULES_META), fetched);
    if (decision.action === 'refuse') return this.events.onProblem(decision.problem);
    this.events.onProblem(null);
    if (decision.action === 'keep') return;
    this.store.setMeta(SLA_RULES_META, decision.text);
    this.events.onReplaced(decision.version);
  });
}
