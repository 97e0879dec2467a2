import type { SlaReapplyResult } from '../../shared/contract/slaRulesContract';
import type { DeskHandlers } from '../deskHandlers';
import type { OutboxDeps } from '../outbox/outboxHandlers';
import { reapplyPlan } from './ruleReapply';
import { isSlaRuleCommand, slaRulesState } from './slaRulesState';

/** How long "apply again" waits to hear whether newer rules were saved since the refusal. */
const REFRESH_WAIT_MS = 3000;

export interface SlaHandlerDeps extends Pick<OutboxDeps, 'outbox' | 'changed' | 'drain' | 'slaRules'> {
  /** Fetches the hub's rules now. */
  refreshSlaRules(): Promise<void>;
}

/** The SLA rules this desk holds with its own edits on top, and "apply again" for an edit refused as stale. */
export function slaHandlers(deps: SlaHandlerDeps): DeskHandlers<'sla.rules' | 'sla.reapply'> {
  return {
    'sla.rules': async () => slaRulesState(deps.slaRules(), deps.outbox.list()),
    'sla.reapply': async ({ clientId }) => reapplyRuleEdit(deps, clientId),
  };
}

/** A rule edit refused because the rules changed first, applied again to the rules as they are now (ruleReapply.ts). */
async function reapplyRuleEdit(deps: SlaHandlerDeps, clientId: string): Promise<SlaReapplyResult> {
  const { outbox } = deps;
  const refused = outbox.get(clientId);
  if (!refused || refused.state !== 'refused' || !isSlaRuleCommand(refused.command)) return { outcome: 'cannot' };
  // Fetched when the refusal came; asked again (briefly) in case newer rules have been saved since.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.refreshSlaRules(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, REFRESH_WAIT_MS);
      }),
    ]);
  } finally {
    // Not left running once the rules came: a stopping desk holds no timer for an answer already given.
    clearTimeout(timer);
  }
  const plan = reapplyPlan(refused, refused.command, slaRulesState(deps.slaRules(), outbox.list()));
  if (plan.outcome === 'clash') return { outcome: 'clash', parts: plan.parts, problem: plan.problem };
  if (plan.outcome === 'cannot') return plan;
  if (plan.outcome === 'alreadyApplied') {
    outbox.discard(clientId);
    deps.changed();
    return plan;
  }
  const entry = outbox.replaceRefused(clientId, plan.input, plan.basis);
  if (!entry) return { outcome: 'cannot' };
  deps.changed();
  deps.drain();
  return { outcome: 'queued', clientId: entry.clientId };
}
