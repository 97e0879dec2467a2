import { randomUUID } from 'node:crypto';
import type { ReplicaDb } from '../replica/openReplicaDatabase';

export type OutboxState = 'queued' | 'refused';

export interface OutboxEntry {
  position: number;
  clientId: string;
  command: string;
  input: Record<string, unknown>;
  caseId: string | null;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  refusal: { code: string; message: string } | null;
  /** What the command was built on, kept on the desk and never sent (replica v011); null if nothing. */
  basis: Record<string, unknown> | null;
}

interface Row {
  position: number;
  client_id: string;
  command: string;
  input: string;
  case_id: string | null;
  queued_at: string;
  state: OutboxState;
  attempts: number;
  refusal_code: string | null;
  refusal_message: string | null;
  /** Absent in a file from before replica v011 (read back by outboxSalvage). */
  basis?: string | null;
}

const toEntry = (r: Row): OutboxEntry => ({
  position: r.position,
  clientId: r.client_id,
  command: r.command,
  input: JSON.parse(r.input) as Record<string, unknown>,
  caseId: r.case_id,
  queuedAt: r.queued_at,
  state: r.state,
  attempts: r.attempts,
  refusal: r.refusal_code ? { code: r.refusal_code, message: r.refusal_message ?? '' } : null,
  basis: r.basis ? (JSON.parse(r.basis) as Record<string, unknown>) : null,
});

/**
 * The operator's commands not yet answered by the hub, durable in SQLite.
 * The client id is minted once, here, so every resend is the same command.
 */
export class Outbox {
  constructor(private readonly db: ReplicaDb) {}

  /** Durable before it returns: the caller may then tell the operator it is queued. */
  enqueue(
    command: string,
    input: Record<string, unknown>,
    caseId: string | null,
    now = new Date(),
    basis: Record<string, unknown> | null = null,
  ): OutboxEntry {
    const clientId = randomUUID();
    const withId = { ...input, clientId };
    this.db
      .prepare(
        `INSERT INTO outbox (client_id, command, input, case_id, queued_at, state, basis) VALUES (?, ?, ?, ?, ?, 'queued', ?)`,
      )
      .run(clientId, command, JSON.stringify(withId), caseId, now.toISOString(), basis && JSON.stringify(basis));
    return this.get(clientId)!;
  }

  /**
   * Puts back commands read from an earlier replica file, as they were: same client
   * ids (so the hub still applies each once), same order, same state. One already
   * here is left alone. Returns how many were restored.
   */
  restore(entries: readonly OutboxEntry[]): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO outbox (client_id, command, input, case_id, queued_at, state, attempts, refusal_code,
         refusal_message, basis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let restored = 0;
    this.db.transaction(() => {
      for (const e of entries) {
        restored += insert.run(
          e.clientId,
          e.command,
          JSON.stringify(e.input),
          e.caseId,
          e.queuedAt,
          e.state,
          e.attempts,
          e.refusal?.code ?? null,
          e.refusal?.message ?? null,
          e.basis && JSON.stringify(e.basis),
        ).changes;
      }
    })();
    return restored;
  }

  get(clientId: string): OutboxEntry | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE client_id = ?').get(clientId) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  list(): OutboxEntry[] {
    return (this.db.prepare('SELECT * FROM outbox ORDER BY position').all() as Row[]).map(toEntry);
  }

  /** The next command to send, oldest first; refused ones wait for the operator. */
  next(): OutboxEntry | null {
    const row = this.db.prepare(`SELECT * FROM outbox WHERE state = 'queued' ORDER BY position LIMIT 1`).get() as
      Row | undefined;
    return row ? toEntry(row) : null;
  }

  countPending(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  }

  noteAttempt(clientId: string): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE client_id = ?').run(clientId);
  }

  /** The hub accepted it (first time or replay): it leaves the outbox. */
  answered(clientId: string): void {
    this.db.prepare('DELETE FROM outbox WHERE client_id = ?').run(clientId);
  }

  /** The hub refused it: it stays, with the hub's reason, until the operator retries or discards it. */
  refused(clientId: string, code: string, message: string): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'refused', refusal_code = ?, refusal_message = ? WHERE client_id = ?`)
      .run(code, message, clientId);
  }

  /** Sends a refused command again: same client id, same command. */
  retry(clientId: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE outbox SET state = 'queued', refusal_code = NULL, refusal_message = NULL WHERE client_id = ? AND state = 'refused'`,
        )
        .run(clientId).changes === 1
    );
  }

  /**
   * A refused command replaced by a new one (a new client id, at the end of the
   * queue), in one transaction: never both, never neither. Null when the
   * command is not (or no longer) refused.
   */
  replaceRefused(
    clientId: string,
    input: Record<string, unknown>,
    basis: Record<string, unknown> | null,
    now = new Date(),
  ): OutboxEntry | null {
    return this.db.transaction(() => {
      const refused = this.get(clientId);
      if (!refused || refused.state !== 'refused' || !this.discard(clientId)) return null;
      return this.enqueue(refused.command, input, refused.caseId, now, basis);
    })();
  }

  discard(clientId: string): boolean {
    return this.db.prepare(`DELETE FROM outbox WHERE client_id = ? AND state = 'refused'`).run(clientId).changes === 1;
  }

  /** Case ids with commands not yet answered: the queue marks them pending. */
  pendingByCase(): Map<string, string[]> {
    const rows = this.db
      .prepare('SELECT case_id, command FROM outbox WHERE case_id IS NOT NULL ORDER BY position')
      .all() as {
      case_id: string;
      command: string;
    }[];
    const byCase = new Map<string, string[]>();
    for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r.command]);
    return byCase;
  }
}
