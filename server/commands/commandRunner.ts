import type { CommandResult } from '../../shared/domain/commands';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { actorLabel, type Actor } from './actor';
import { appendAudit } from '../audit/auditLog';

export interface CommandEffect {
  /** Change-log position of the effect on a synced row, if any. */
  seq: number | null;
  /** The id of what the command created or changed. */
  id: string | null;
}

/**
 * Runs a command exactly once per client id. The effect and the client id's
 * record commit in one transaction, so a resend — after a lost reply, a
 * reconnect, a retrying socket — returns the first result and changes nothing.
 */
export async function runCommand(
  db: HubDatabase,
  command: string,
  actor: Actor,
  clientId: string,
  work: (tx: SqlRunner) => Promise<CommandEffect>,
): Promise<CommandResult> {
  try {
    return await db.transaction(async (tx) => {
      // Resends of one command queue behind each other here, so the second reads the
      // first's committed result instead of racing it to the case (and seeing a false conflict).
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7301))', [clientId]);
      const first = await firstResult(tx, command, actor, clientId);
      if (first) return first;
      const effect = await work(tx);
      const result: CommandResult = { ok: true, command, seq: effect.seq, id: effect.id, replayed: false };
      await tx.query(
        `INSERT INTO command_log (client_id, command, actor, status_code, result) VALUES ($1, $2, $3, 200, $4)`,
        [clientId, command, actorLabel(actor), JSON.stringify(result)],
      );
      await appendAudit(tx, {
        at: new Date(),
        actor: actorLabel(actor),
        action: `command.${command}`,
        subject: effect.id,
        payload: { clientId, seq: effect.seq },
      });
      return result;
    });
  } catch (error) {
    // Two resends raced: the loser reads the winner's result.
    if ((error as { code?: string }).code === '23505') {
      const first = await firstResult(db, command, actor, clientId);
      if (first) return first;
    }
    throw error;
  }
}

async function firstResult(
  tx: SqlRunner,
  command: string,
  actor: Actor,
  clientId: string,
): Promise<CommandResult | null> {
  const [logged] = await tx.query<{ command: string; actor: string; result: CommandResult }>(
    'SELECT command, actor, result FROM command_log WHERE client_id = $1',
    [clientId],
  );
  if (!logged) return null;
  if (logged.command !== command || logged.actor !== actorLabel(actor)) {
    throw new HubError(409, 'clientIdReused', `Client id ${clientId} was already used for another command.`);
  }
  return { ...logged.result, replayed: true };
}
