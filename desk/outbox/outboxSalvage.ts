import Database from 'better-sqlite3';
import { Outbox, type OutboxEntry } from './outbox';

export interface OutboxSalvage {
  /** Commands read back from the damaged file and queued again. */
  restored: number;
  /** Why the damaged file's commands could not be read back, if they could not. */
  problem: string | null;
}

/**
 * A replica file found corrupt is set aside and rebuilt (see replica/openReplicaDatabase.ts).
 * The hub refills the replica, but not the outbox: those commands exist only in
 * that file. So they are read back from the set-aside copy wherever SQLite can
 * still read the outbox's own pages (damage elsewhere in the file does not
 * stop it), and queued again with their client ids: a command the hub applied
 * before the damage is answered from its first result, never applied twice.
 * The set-aside file is only read, never changed.
 */
export function salvageOutbox(setAsideAs: string, into: Outbox): OutboxSalvage {
  let entries: OutboxEntry[];
  let damaged: Database.Database | null = null;
  try {
    damaged = new Database(setAsideAs, { readonly: true, fileMustExist: true });
    entries = new Outbox(damaged).list();
  } catch (error) {
    return {
      restored: 0,
      problem: `The damaged replica file (kept as ${setAsideAs}) could not be read for queued commands: ${(error as Error).message}`,
    };
  } finally {
    damaged?.close();
  }
  return { restored: into.restore(entries), problem: null };
}
