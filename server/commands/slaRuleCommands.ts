import { recomputeOpenDeadlines } from '../sla/recomputeDeadlines';
import { loadSlaRules, saveSlaRuleVersion } from '../sla/slaRulesStore';
import type { SqlRunner } from '../db/hubDatabase';
import { actorLabel, type Actor } from './actor';
import type { CommandHandler } from './caseCommands';

async function changeRules(
  tx: SqlRunner,
  kind: 'calendar' | 'matrix' | 'ladder',
  document: unknown,
  reason: string,
  actor: Actor,
  now: Date,
) {
  // One change to the rules at a time, across every hub process.
  await tx.query(`SELECT pg_advisory_xact_lock(730004)`);
  const version = await saveSlaRuleVersion(tx, kind, document, actorLabel(actor), reason);
  if (kind !== 'ladder') await recomputeOpenDeadlines(tx, await loadSlaRules(tx), actorLabel(actor), reason, now);
  return { seq: null, id: String(version) };
}

/** Administrators edit the SLA rules; open cases' deadlines follow, history stays. */
export const SLA_RULE_COMMAND_HANDLERS = {
  updateWorkingCalendar: (tx, input, actor, now) =>
    changeRules(tx, 'calendar', input.calendar, input.reason, actor, now),
  updateSlaMatrix: (tx, input, actor, now) => changeRules(tx, 'matrix', input.matrix, input.reason, actor, now),
  updateLadderWindows: (tx, input, actor, now) => changeRules(tx, 'ladder', input.ladder, input.reason, actor, now),
} satisfies {
  updateWorkingCalendar: CommandHandler<'updateWorkingCalendar'>;
  updateSlaMatrix: CommandHandler<'updateSlaMatrix'>;
  updateLadderWindows: CommandHandler<'updateLadderWindows'>;
};
