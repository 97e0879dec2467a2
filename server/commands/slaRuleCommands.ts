import type { CommandResult, RuleBasis } from '../../shared/domain/commands';
import {
  type LadderWindows,
  type RuleKind,
  ruleChangesText,
  ruleDocumentChanges,
  ruleKindName,
} from '../../shared/sla';
import { formatAmman } from '../../shared/time/ammanTime';
import { HubError } from '../http/hubError';
import { requestRecompute } from '../sla/recomputeDeadlines';
import { loadSlaRules, readSlaRulesVersion, saveSlaRuleVersion } from '../sla/slaRulesStore';
import type { SqlRunner } from '../db/hubDatabase';
import { actorLabel, type Actor } from './actor';
import type { CommandHandler } from './caseCommands';

const COMMAND_OF: Record<RuleKind, string> = {
  calendar: 'updateWorkingCalendar',
  matrix: 'updateSlaMatrix',
  ladder: 'updateLadderWindows',
};

/**
 * Refuses an edit built on a version of its document older than the one in
 * force, with a 409 that says what changed since, who changed it, when and
 * why: two administrators editing at once never silently overwrite each
 * other. Only the edited document counts (a calendar edit is not stale
 * because the ladder changed). Called under the rules' lock, so no save can
 * come between this check and the caller's own.
 */
async function refuseStaleBasis(tx: SqlRunner, kind: RuleKind, basedOn: RuleBasis): Promise<void> {
  const name = ruleKindName(kind);
  const again = `This edit was not applied: apply it again on the current ${name}, or discard it.`;
  let version: number;
  if ('clientId' in basedOn) {
    // Built on an earlier edit from the same desk: on the version that edit saved, if the hub applied it.
    const [logged] = await tx.query<{ command: string; result: CommandResult }>(
      'SELECT command, result FROM command_log WHERE client_id = $1',
      [basedOn.clientId],
    );
    const saved = logged?.command === COMMAND_OF[kind] ? Number(logged.result.id) : Number.NaN;
    if (!Number.isInteger(saved)) {
      throw new HubError(
        409,
        'rulesChanged',
        `This edit of the ${name} was built on an earlier edit from the same desk that the hub has not applied. ${again}`,
      );
    }
    version = saved;
  } else version = basedOn.version;

  const newer = await tx.query<{ id: number; changed_by: string; reason: string; changed_at: string }>(
    `SELECT id::int AS id, changed_by, reason, iso_ms(changed_at) AS changed_at FROM sla_rule_versions
     WHERE kind = $1 AND id > $2 ORDER BY id DESC`,
    [kind, version],
  );
  const latest = newer[0];
  if (!latest) {
    const current = await readSlaRulesVersion(tx);
    if (version <= current) return;
    // A hub restored from an older backup: the edit was built on rules this hub never had.
    throw new HubError(
      409,
      'rulesChanged',
      `This edit of the ${name} was built on version ${version} of the rules, and this hub's newest is ${current}. ${again}`,
    );
  }
  const [before, after] = [(await loadSlaRules(tx, version))[kind], (await loadSlaRules(tx))[kind]];
  const what = ruleChangesText(ruleDocumentChanges(kind, before, after));
  const which = newer.length === 1 ? `version ${latest.id}` : `${newer.length} versions, the latest ${latest.id}`;
  throw new HubError(
    409,
    'rulesChanged',
    `The ${name} changed after version ${version}, which this edit was built on: ${which}, saved by ` +
      `${latest.changed_by} at ${formatAmman(latest.changed_at, 'en')} Amman time, reason “${latest.reason}”. ` +
      `${what ? `Since then: ${what}. ` : ''}${again}`,
  );
}

async function changeRules(
  tx: SqlRunner,
  kind: RuleKind,
  document: unknown,
  basedOn: RuleBasis,
  reason: string,
  actor: Actor,
  now: Date,
) {
  // One change to the rules at a time, across every hub process.
  await tx.query(`SELECT pg_advisory_xact_lock(730004)`);
  await refuseStaleBasis(tx, kind, basedOn);
  const version = await saveSlaRuleVersion(tx, kind, document, actorLabel(actor), reason);
  // Open deadlines and referral instants follow in the background, in batches (recomputeDeadlines.ts): moving every
  // open case here held the change counter's lock, and with it every writer on the platform, for the whole recompute.
  // A ladder change moves no deadline, but it moves when cases are next referred up.
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

/**
 * Administrators edit the SLA rules, each edit on the basis it was built on (a
 * stale one is refused); open cases' deadlines follow (a run the recompute job works), history stays. */
export const SLA_RULE_COMMAND_HANDLERS = {
  updateWorkingCalendar: (tx, input, actor, now) =>
    changeRules(tx, 'calendar', input.calendar, input.basedOn, input.reason, actor, now),
  updateSlaMatrix: (tx, input, actor, now) =>
    changeRules(tx, 'matrix', input.matrix, input.basedOn, input.reason, actor, now),
  updateLadderWindows: async (tx, input, actor, now) => {
    await refuseUnknownEntities(tx, input.ladder);
    return changeRules(tx, 'ladder', input.ladder, input.basedOn, input.reason, actor, now);
  },
} satisfies {
  updateWorkingCalendar: CommandHandler<'updateWorkingCalendar'>;
  updateSlaMatrix: CommandHandler<'updateSlaMatrix'>;
  updateLadderWindows: CommandHandler<'updateLadderWindows'>;
};
