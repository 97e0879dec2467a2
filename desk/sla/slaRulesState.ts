import {
  RULE_KIND_OF,
  SLA_RULE_COMMANDS,
  SlaRuleCommand,
  type SlaRuleEdit,
  type SlaRuleSet,
  type SlaRulesState,
} from '../../shared/contract/slaRulesContract';
import { COMMAND_INPUTS } from '../../shared/domain/commands';
import type { DeskSlaRules } from './deskSlaRules';
import type { OutboxEntry } from '../outbox/outbox';

export const isSlaRuleCommand = (command: string): command is SlaRuleCommand =>
  (SLA_RULE_COMMANDS as readonly string[]).includes(command);

/**
 * The rules screen's data: the rules held, this desk's rule commands still in
 * the outbox, and the draft the next edit starts from. A command replaces a
 * whole document, so the draft takes the newest queued document of each kind;
 * a refused one is left out (the hub did not take it, and a later edit must
 * not carry it through unseen).
 */
export function slaRulesState(held: DeskSlaRules, outbox: readonly OutboxEntry[]): SlaRulesState {
  const rules: SlaRuleSet = { calendar: held.calendar, matrix: held.matrix, ladder: held.ladder };
  const draft: SlaRuleSet = { ...rules };
  // The built-in defaults are the hub's version 0: an edit built on them is stale once any version is saved.
  const version = { version: held.version ?? 0 };
  const basedOn: SlaRulesState['basedOn'] = { calendar: version, matrix: version, ladder: version };
  const edits: SlaRuleEdit[] = [];
  for (const entry of outbox) {
    if (!isSlaRuleCommand(entry.command)) continue;
    edits.push({
      clientId: entry.clientId,
      command: entry.command,
      state: entry.state,
      reason: typeof entry.input.reason === 'string' ? entry.input.reason : '',
      queuedAt: entry.queuedAt,
      refusal: entry.refusal,
    });
    if (entry.state !== 'queued') continue;
    // Checked when queued; parsed again so an entry from an older desk can never break the screen.
    const parsed = COMMAND_INPUTS[entry.command].safeParse(entry.input);
    if (!parsed.success) continue;
    const input = parsed.data;
    if ('calendar' in input) draft.calendar = input.calendar;
    if ('matrix' in input) draft.matrix = input.matrix;
    if ('ladder' in input) draft.ladder = input.ladder;
    // The draft's document is now this edit's: the next edit of it is built on this one's result.
    basedOn[RULE_KIND_OF[entry.command]] = { clientId: entry.clientId };
  }
  return { version: held.version ?? null, held: rules, draft, basedOn, edits };
}
