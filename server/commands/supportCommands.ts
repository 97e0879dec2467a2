import { v7 as uuidv7 } from 'uuid';
import type { SqlRunner } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { actorLabel } from './actor';
import type { CommandHandler } from './caseCommands';

async function lockTicket(tx: SqlRunner, ticketId: string): Promise<{ status: string }> {
  const [ticket] = await tx.query<{ status: string }>(
    'SELECT status FROM support_tickets WHERE id = $1::uuid FOR UPDATE',
    [ticketId],
  );
  if (!ticket) throw new HubError(404, 'noSuchTicket', `No support ticket ${ticketId}.`);
  return ticket;
}

async function addMessage(tx: SqlRunner, ticketId: string, author: string, body: string, at: Date): Promise<void> {
  await tx.query('INSERT INTO support_messages (id, ticket_id, author, body, at) VALUES ($1, $2::uuid, $3, $4, $5)', [
    uuidv7(),
    ticketId,
    author,
    body,
    at.toISOString(),
  ]);
}

/** Focal points ask the operation room's support staff for help with the system. */
export const SUPPORT_COMMAND_HANDLERS = {
  async openSupportTicket(tx, input, actor, now) {
    if (!actor.focalPointId) throw new HubError(403, 'focalPointsOnly', 'Support tickets are opened by focal points.');
    const id = uuidv7();
    await tx.query(
      `INSERT INTO support_tickets (id, focal_point_id, category, priority, status, subject, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $6)`,
      [id, actor.focalPointId, input.category, input.priority, input.subject, now.toISOString()],
    );
    await addMessage(tx, id, actorLabel(actor), input.message, now);
    return { seq: null, id };
  },
  async replyToTicket(tx, input, actor, now) {
    await lockTicket(tx, input.ticketId);
    await addMessage(tx, input.ticketId, actorLabel(actor), input.message, now);
    await tx.query(`UPDATE support_tickets SET status = 'answered', updated_at = $2 WHERE id = $1::uuid`, [
      input.ticketId,
      now.toISOString(),
    ]);
    return { seq: null, id: input.ticketId };
  },
  async assignTicket(tx, input, _actor, now) {
    await lockTicket(tx, input.ticketId);
    await tx.query(`UPDATE support_tickets SET assignee = $2, updated_at = $3 WHERE id = $1::uuid`, [
      input.ticketId,
      input.assignee,
      now.toISOString(),
    ]);
    return { seq: null, id: input.ticketId };
  },
  async resolveTicket(tx, input, actor, now) {
    const ticket = await lockTicket(tx, input.ticketId);
    if (ticket.status === 'resolved') return { seq: null, id: input.ticketId };
    await addMessage(tx, input.ticketId, actorLabel(actor), input.message, now);
    await tx.query(`UPDATE support_tickets SET status = 'resolved', updated_at = $2 WHERE id = $1::uuid`, [
      input.ticketId,
      now.toISOString(),
    ]);
    return { seq: null, id: input.ticketId };
  },
} satisfies {
  openSupportTicket: CommandHandler<'openSupportTicket'>;
  replyToTicket: CommandHandler<'replyToTicket'>;
  assignTicket: CommandHandler<'assignTicket'>;
  resolveTicket: CommandHandler<'resolveTicket'>;
};
