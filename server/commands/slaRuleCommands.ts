import type { LadderWindows } from '../../shared/sla';
import { HubError } from '../http/hubError';
import { requestRecompute } from '../sla/recomputeDeadlines';
import { saveSlaRuleVersion } from '../sla/slaRulesStore';
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
  // Open deadlines follow in the background, in batches (recomputeDeadlines.ts): moving every open case here held
  // the change counter's lock, and with it every writer on the platform, for the whole recompute.
  if (kind !== 'ladder')
    await requestRecompute(tx, { rulesVersion: version, kind, actor: actorLabel(actor), reason, at: now });
  return { seq: null, id: String(version) };
}

/** An override under a code no entity has would never apply: a typo must not pass for an agreed window. */
async function refuseUnknownEntities(tx: SqlRunner, ladder: LadderWindows) {
  const codes = Object.keys(ladder.entities ?? {});
  if (codes.length === 0) return;
  const known = new Set(
    (await tx.query<{ code: string }>('SELECT code FROM entities WHERE code = ANY($1::text[])', [codes])).map(
      (r) => r.code,
    ),
  );
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) {
    const named = unknown.slice(0, 5).map((code) => `"${code}"`);
    throw new HubError(422, 'unknownEntity', `No government entity has the code ${named.join(', ')}.`);
  }
}

/** Administrators edit the SLA rules; open cases' deadlines follow (a run the recompute job works), history stays. */
export const SLA_RULE_COMMAND_HANDLERS = {
  updateWorkingCalendar: (tx, input, actor, now) =>
    changeRules(tx, 'calendar', input.calendar, input.reason, actor, now),
  updateSlaMatrix: (tx, input, actor, now) => changeRules(tx, 'matrix', input.matrix, input.reason, actor, now),
  updateLadderWindows: async (tx, input, actor, now) => {
    await refuseUnknownEntities(tx, input.ladder);
    return changeRules(tx, 'ladder', input.ladder, input.reason, actor, now);
  },
} satisfies {
  updateWorkingCalendar: CommandHandler<'updateWorkingCalendar'>;
  updateSlaMatrix: CommandHandler<'updateSlaMatrix'>;
  updateLadderWindows: CommandHandler<'updateLadderWindows'>;
};
