import { RULE_KIND_OF, type SlaRuleCommand, type SlaRulesState } from '../../shared/contract/slaRulesContract';
import { mergeRuleDocuments, type RulePart } from '../../shared/sla';
import type { OutboxEntry } from '../outbox/outbox';

export type ReapplyPlan =
  /** Queue this in place of the refused edit: its own changes on the draft, built on the draft's basis. */
  | { outcome: 'queue'; input: Record<string, unknown>; basis: Record<string, unknown> }
  /** The draft already holds every change the edit made: nothing to send. */
  | { outcome: 'alreadyApplied' }
  /** The newer rules changed some of the same parts differently: the person decides. */
  | { outcome: 'clash'; parts: RulePart[]; problem: string | null }
  /** Nothing to re-apply: no document, or no record of what the edit was built on (an older desk's). */
  | { outcome: 'cannot' };

/**
 * A rule edit the hub refused because its document changed first, re-applied
 * to what the next edit would build on now (`view.draft`, which leaves refused
 * edits out): the parts the edit changed from the document it was built on
 * (kept on the desk as its basis) are put into the current document, and the
 * parts it left alone stay as they are now. The new command carries the
 * draft's basis, so the hub checks it afresh; the reason stays the person's.
 */
export function reapplyPlan(refused: OutboxEntry, command: SlaRuleCommand, view: SlaRulesState): ReapplyPlan {
  const kind = RULE_KIND_OF[command];
  const mine = refused.input[kind];
  const base = refused.basis?.[kind];
  if (mine === undefined || base === undefined) return { outcome: 'cannot' };
  const merged = mergeRuleDocuments(kind, base, mine, view.draft[kind]);
  if (!merged.ok) return { outcome: 'clash', parts: merged.clashes, problem: merged.problem };
  if (merged.unchanged) return { outcome: 'alreadyApplied' };
  const { clientId: _sent, basedOn: _stale, ...rest } = refused.input;
  return {
    outcome: 'queue',
    input: { ...rest, [kind]: merged.document, basedOn: view.basedOn[kind] },
    basis: { [kind]: view.draft[kind] },
  };
}
