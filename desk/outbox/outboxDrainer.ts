import type { Outbox, OutboxEntry } from './outbox';
import { coalescingRunner } from '../../shared/async/coalescingRunner';

export type CommandReply =
  { ok: true; replayed?: boolean } | { ok: false; status: number; error: string; message: string };

/** How commands reach the hub: socket.io with acknowledgements. Throws when the hub cannot be reached. */
export interface CommandChannel {
  send(command: string, input: Record<string, unknown>): Promise<CommandReply>;
}

/** A refusal the operator must see and decide on; anything else is the network's, and is retried. */
export const isRefusal = (reply: CommandReply) =>
  !reply.ok && reply.status >= 400 && reply.status < 500 && ![401, 408, 429].includes(reply.status);

/**
 * Sends queued commands in order, one at a time, each with its client id. An
 * answered command leaves the outbox; a refused one stays with the hub's
 * reason; a lost connection stops the drain until the next kick, and the
 * same command (same client id) is sent again — the hub applies it once.
 */
export class OutboxDrainer {
  constructor(
    private readonly outbox: Outbox,
    private readonly channel: CommandChannel,
    private readonly onChange: () => void,
    /**
     * Runs after the hub has applied a command and before it leaves the outbox,
     * so what depends on the answer (the desk's copy of the SLA rules) is in
     * place before the command stops showing as pending. Its failure is ignored.
     */
    private readonly beforeAnswered: (entry: OutboxEntry) => Promise<void> = async () => undefined,
    /**
     * Runs when the hub has refused a command and before it shows as refused, so
     * what the refusal is about (the rules an edit was stale against) is held by
     * the time the operator reads it. Its failure is ignored.
     */
    private readonly beforeRefused: (entry: OutboxEntry, code: string) => Promise<void> = async () => undefined,
  ) {}

  /** Drains now, or once more after the drain under way: a kick is never lost. */
  readonly kick = coalescingRunner(() => this.drain());

  private async drain(): Promise<void> {
    for (let entry = this.outbox.next(); entry; entry = this.outbox.next()) {
      this.outbox.noteAttempt(entry.clientId);
      let reply: CommandReply;
      try {
        reply = await this.channel.send(entry.command, entry.input);
      } catch {
        return; // offline or timed out: kept, sent again on the next kick
      }
      if (reply.ok) {
        await this.beforeAnswered(entry).catch(() => undefined);
        this.outbox.answered(entry.clientId);
      } else if (isRefusal(reply)) {
        await this.beforeRefused(entry, reply.error).catch(() => undefined);
        this.outbox.refused(entry.clientId, reply.error, reply.message);
      } else return; // signed out or a hub fault: try again later, in order
      this.onChange();
    }
  }
}
