import { z } from 'zod';
import { ContractError } from '../../shared/contract/defineContract';
import { RULE_KIND_OF } from '../../shared/contract/slaRulesContract';
import { COMMAND_INPUTS } from '../../shared/domain/commands';
import type { DeskHandlers } from '../deskHandlers';
import type { ReplicaStore } from '../replica/replicaStore';
import type { DeskSlaRules } from '../sla/deskSlaRules';
import { isSlaRuleCommand, slaRulesState } from '../sla/slaRulesState';
import type { Outbox, OutboxEntry } from './outbox';

/** The outbox and what must follow any change to it. */
export interface OutboxDeps {
  outbox: Outbox;
  /** The outbox changed: the views hear it (outbox.changed, and the queue's pending marks). */
  changed(): void;
  /** Something waits to be sent: the drainer sends it now if it can. */
  drain(): void;
  /** The SLA rules this desk holds: a rule edit is built on them. */
  slaRules: () => DeskSlaRules;
  store: Pick<ReplicaStore, 'caseVersion'>;
}

/** Commands queued on this desk, sent in order, and the operator's decisions on those the hub refused. */
export function outboxHandlers(
  deps: OutboxDeps,
): DeskHandlers<'outbox.queue' | 'outbox.list' | 'outbox.retry' | 'outbox.rebase' | 'outbox.discard'> {
  const { outbox } = deps;
  return {
    'outbox.queue': async ({ command, input: given, basis: givenBasis }) => {
      let input = given;
      let basis = givenBasis ?? null;
      if (isSlaRuleCommand(command) && given.basedOn === undefined) {
        // A rule edit that does not say what it was built on is built on the draft this desk holds now.
        const { draft, basedOn } = slaRulesState(deps.slaRules(), outbox.list());
        const kind = RULE_KIND_OF[command];
        input = { ...given, basedOn: basedOn[kind] };
        basis = { [kind]: draft[kind] };
      }
      // Checked here against the hub's own schema, so a bad command is refused now, not after a day offline.
      const checked = COMMAND_INPUTS[command].safeParse({ ...input, clientId: 'checked-before-queueing' });
      if (!checked.success) throw new ContractError('badInput', z.prettifyError(checked.error));
      const caseId = typeof input.caseId === 'string' ? input.caseId : null;
      const entry = outbox.enqueue(command, input, caseId, undefined, basis);
      deps.changed();
      deps.drain();
      return outboxEntryView(entry);
    },
    'outbox.list': async () => outbox.list().map(outboxEntryView),
    'outbox.retry': async ({ clientId }) => {
      const retried = outbox.retry(clientId);
      deps.changed();
      deps.drain();
      return retried;
    },
    'outbox.rebase': async ({ clientId }) => {
      const refused = outbox.get(clientId);
      if (!refused || refused.state !== 'refused' || typeof refused.input.caseId !== 'string') return null;
      const version = deps.store.caseVersion(refused.input.caseId);
      if (version === null) return null;
      const { clientId: _old, ...input } = refused.input;
      outbox.discard(clientId);
      const entry = outbox.enqueue(refused.command, { ...input, expectedVersion: version }, refused.caseId);
      deps.changed();
      deps.drain();
      return outboxEntryView(entry);
    },
    'outbox.discard': async ({ clientId }) => {
      const discarded = outbox.discard(clientId);
      deps.changed();
      return discarded;
    },
  };
}

/** What the renderer is shown of an entry (the contract's OutboxEntryView). */
export const outboxEntryView = (entry: OutboxEntry) => ({
  clientId: entry.clientId,
  command: entry.command,
  caseId: entry.caseId,
  queuedAt: entry.queuedAt,
  state: entry.state,
  attempts: entry.attempts,
  refusal: entry.refusal,
  input: entry.input,
});
