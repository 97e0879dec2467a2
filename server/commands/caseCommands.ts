import { v7 as uuidv7 } from 'uuid';
import type { CommandInput, CommandName } from '../../shared/domain/commands';
import { recordChanges } from '../changes/changeLog';
import { applyTransition } from '../cases/caseTransitions';
import { leastLoadedFocalPoint } from '../cases/focalPointPick';
import type { SqlRunner } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { actorLabel, type Actor } from './actor';
import { describeChangesSince, lockCase, recordCaseEvent } from './caseAccess';
import type { CommandEffect } from './commandRunner';
import { keepNextReferral } from '../cases/nextReferral';
import { loadSlaRules } from '../sla/slaRulesStore';

export type CommandHandler<N extends CommandName> = (
  tx: SqlRunner,
  input: CommandInput<N>,
  actor: Actor,
  now: Date,
) => Promise<CommandEffect>;

async function entityByCode(tx: SqlRunner, code: string): Promise<string> {
  const [entity] = await tx.query<{ id: string }>('SELECT id FROM entities WHERE code = $1', [code]);
  if (!entity) throw new HubError(422, 'unknownEntity', `No government entity has the code "${code}".`);
  return entity.id;
}

async function caseChanged(tx: SqlRunner, caseId: string): Promise<number> {
  const [seq] = await recordChanges(tx, [{ table: 'cases', id: caseId }]);
  return seq!;
}

/** A focal point acts on a case of their own entity; staff act on any. */
function transitionCommand(
  to: 'inProgress' | 'awaitingCitizen' | 'answered' | 'closed',
  field?: 'answer' | 'question',
) {
  return async (
    tx: SqlRunner,
    input: { caseId: string; answer?: string; question?: string },
    actor: Actor,
    now: Date,
  ) => {
    await lockCase(tx, input.caseId, actor);
    const data = field && input[field] ? { [field]: input[field] } : {};
    return {
      seq: await applyTransition(tx, input.caseId, { to, actor: actorLabel(actor), at: now, data }),
      id: input.caseId,
    };
  };
}

export const CASE_COMMAND_HANDLERS = {
  async reassignCase(tx, input, actor, now) {
    const current = await lockCase(tx, input.caseId, actor);
    if (current.version !== input.expectedVersion) {
      throw new HubError(409, 'staleVersion', await describeChangesSince(tx, current, input.expectedVersion));
    }
    if (current.status === 'closed') throw new HubError(409, 'caseClosed', `Case ${current.number} is closed.`);
    const entityId = await entityByCode(tx, input.toEntityCode);
    let focalPointId = input.toFocalPointId;
    if (focalPointId) {
      const [fp] = await tx.query('SELECT 1 FROM focal_points WHERE id = $1 AND entity_id = $2 AND active', [
        focalPointId,
        entityId,
      ]);
      if (!fp)
        throw new HubError(
          422,
          'unknownFocalPoint',
          `Focal point ${focalPointId} is not an active focal point of ${input.toEntityCode}.`,
        );
    } else focalPointId = await leastLoadedFocalPoint(tx, entityId);
    await tx.query(
      `UPDATE cases SET entity_id = $2, focal_point_id = $3, escalation_level = 'focalPoint',
         status = CASE WHEN status IN ('submitted','referred') AND $3::text IS NOT NULL THEN 'assigned' ELSE status END,
         version = version + 1, updated_at = $4 WHERE id = $1::uuid`,
      [input.caseId, entityId, focalPointId, now.toISOString()],
    );
    // Back with the focal point, under the new entity's ladder windows.
    await keepNextReferral(tx, input.caseId, await loadSlaRules(tx));
    await recordCaseEvent(
      tx,
      input.caseId,
      'reassigned',
      actorLabel(actor),
      {
        from: { entityId: current.entity_id, focalPointId: current.focal_point_id },
        to: { entityId, focalPointId },
        reason: input.reason,
      },
      now,
    );
    return { seq: await caseChanged(tx, input.caseId), id: input.caseId };
  },

  async chaseFocalPoint(tx, input, actor, now) {
    const current = await lockCase(tx, input.caseId, actor);
    if (!current.focal_point_id)
      throw new HubError(422, 'noFocalPoint', `Case ${current.number} has no focal point to chase yet.`);
    const id = uuidv7();
    await tx.query(
      `INSERT INTO chases (id, case_id, focal_point_id, channel, template, message, sent_by, sent_at)
       VALUES ($1, $2::uuid, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        input.caseId,
        current.focal_point_id,
        input.channel,
        input.template,
        input.message,
        actorLabel(actor),
        now.toISOString(),
      ],
    );
    await recordCaseEvent(
      tx,
      input.caseId,
      'chased',
      actorLabel(actor),
      { chaseId: id, channel: input.channel, template: input.template },
      now,
    );
    return { seq: null, id };
  },

  async addNote(tx, input, actor, now) {
    await lockCase(tx, input.caseId, actor);
    const id = uuidv7();
    await tx.query('INSERT INTO case_notes (id, case_id, author, body, at) VALUES ($1, $2::uuid, $3, $4, $5)', [
      id,
      input.caseId,
      actorLabel(actor),
      input.body,
      now.toISOString(),
    ]);
    await recordCaseEvent(tx, input.caseId, 'note', actorLabel(actor), { noteId: id }, now);
    return { seq: null, id };
  },

  async claimCase(tx, input, actor, now) {
    const current = await lockCase(tx, input.caseId, actor);
    const me = actorLabel(actor);
    if (input.claim && current.claimed_by && current.claimed_by !== me) {
      throw new HubError(
        409,
        'alreadyClaimed',
        `${current.claimed_by} is already on case ${current.number} (since ${current.claimed_at}).`,
      );
    }
    if (!input.claim && current.claimed_by && current.claimed_by !== me && actor.role !== 'supervisor') {
      throw new HubError(403, 'notYourClaim', `Only ${current.claimed_by} or a supervisor can release this claim.`);
    }
    // A claim is not a change to the case itself: it leaves the version (and reassign conflicts) alone.
    await tx.query('UPDATE cases SET claimed_by = $2, claimed_at = $3 WHERE id = $1::uuid', [
      input.caseId,
      input.claim ? me : null,
      input.claim ? now.toISOString() : null,
    ]);
    await recordCaseEvent(tx, input.caseId, input.claim ? 'claimed' : 'released', me, {}, now);
    return { seq: await caseChanged(tx, input.caseId), id: input.caseId };
  },

  async acknowledgeAlert(tx, input, actor, now) {
    const [alert] = await tx.query<{ acknowledged_by: string | null }>(
      'SELECT acknowledged_by FROM alerts WHERE id = $1::uuid FOR UPDATE',
      [input.alertId],
    );
    if (!alert) throw new HubError(404, 'noSuchAlert', `No alert ${input.alertId}.`);
    if (!alert.acknowledged_by) {
      await tx.query('UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3 WHERE id = $1::uuid', [
        input.alertId,
        actorLabel(actor),
        now.toISOString(),
      ]);
      const [seq] = await recordChanges(tx, [{ table: 'alerts', id: input.alertId }]);
      return { seq: seq!, id: input.alertId };
    }
    return { seq: null, id: input.alertId };
  },

  acceptCase: transitionCommand('inProgress'),
  answerCase: transitionCommand('answered', 'answer'),
  askCitizen: transitionCommand('awaitingCitizen', 'question'),
  closeCase: transitionCommand('closed'),

  async referCase(tx, input, actor, now) {
    const current = await lockCase(tx, input.caseId, actor);
    const entityId = await entityByCode(tx, input.toEntityCode);
    if (entityId === current.entity_id) throw new HubError(422, 'sameEntity', 'A case is referred to another entity.');
    await applyTransition(tx, input.caseId, {
      to: 'referred',
      actor: actorLabel(actor),
      at: now,
      data: { toEntityId: entityId, reason: input.reason },
    });
    await tx.query(`UPDATE cases SET entity_id = $2, focal_point_id = $3 WHERE id = $1::uuid`, [
      input.caseId,
      entityId,
      await leastLoadedFocalPoint(tx, entityId),
    ]);
    // The entity it went to has its own ladder windows.
    await keepNextReferral(tx, input.caseId, await loadSlaRules(tx));
    return { seq: await caseChanged(tx, input.caseId), id: input.caseId };
  },

  async replyToChase(tx, input, actor, now) {
    const [chase] = await tx.query<{ focal_point_id: string; case_id: string }>(
      'SELECT focal_point_id, case_id::text AS case_id FROM chases WHERE id = $1::uuid FOR UPDATE',
      [input.chaseId],
    );
    if (!chase || (actor.role === 'focalPoint' && chase.focal_point_id !== actor.focalPointId)) {
      throw new HubError(404, 'noSuchChase', `No chase ${input.chaseId}.`);
    }
    await tx.query(
      'UPDATE chases SET answered_at = COALESCE(answered_at, $2), answer = COALESCE(answer, $3) WHERE id = $1::uuid',
      [input.chaseId, now.toISOString(), input.answer],
    );
    await recordCaseEvent(tx, chase.case_id, 'chaseAnswered', actorLabel(actor), { chaseId: input.chaseId }, now);
    return { seq: null, id: input.chaseId };
  },
} satisfies { [N in CaseCommandName]: CommandHandler<N> };

type CaseCommandName = Exclude<
  CommandName,
  | 'openSupportTicket'
  | 'replyToTicket'
  | 'assignTicket'
  | 'resolveTicket'
  | 'updateWorkingCalendar'
  | 'updateSlaMatrix'
  | 'updateLadderWindows'
>;
