import type { Change } from '../../shared/protocol/syncProtocol';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { CHANGE_CHANNEL, loggedToChanges, readChangesAfter, readHeadSeq, type LoggedChange } from './changeLog';
import { coalescingRunner } from '../../shared/async/coalescingRunner';

const PAGE = 1000;
// A notify can be missed (a dropped LISTEN connection): poll as a backstop.
const BACKSTOP_POLL_MS = 2000;

/**
 * Tails the change log for this hub process. Every process runs one, woken by
 * Postgres NOTIFY, so a change committed through any process reaches the
 * consoles connected to every other.
 *
 * A transaction committed through this process hands its entries over itself
 * once it has committed (recordChanges → notifyOnCommit), sparing its consoles
 * the NOTIFY and the read back. The feed takes such a batch only when it
 * follows on from the head; anything else (another process's commit or a
 * concurrent one of this process got in between) is left to the read, which
 * delivers in order. Everything runs on the one JS thread, so the head a batch
 * is checked against cannot move under it, and a read that was under way when
 * a batch was taken drops what the batch already delivered.
 */
export class ChangeFeed {
  private head = 0;
  private stopListening: (() => Promise<void>) | null = null;
  private stopOffers: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(afterSeq: number, changes: Change[]) => void>();

  /** Its own connection: a burst of commands filling the pool must not hold back the deltas they made. */
  private readonly reader: SqlRunner;

  constructor(private readonly db: HubDatabase) {
    this.reader = db.dedicatedReader();
  }

  get headSeq(): number {
    return this.head;
  }

  async start(): Promise<void> {
    this.head = await readHeadSeq(this.db);
    this.stopOffers = this.db.listenCommitted(CHANGE_CHANNEL, (payloads) =>
      this.offer((payloads as LoggedChange[][]).flat()),
    );
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, (payload) => {
      // The NOTIFY of this process's own commit often lands just before COMMIT's reply (PGlite hands it over
      // inside the COMMIT): looked at a turn later, its batch is already published and needs no read.
      setImmediate(() => {
        if (!(Number(payload) <= this.head)) void this.poke();
      });
    });
    this.timer = setInterval(() => this.poke(), BACKSTOP_POLL_MS);
    this.timer.unref();
  }

  onBatch(listener: (afterSeq: number, changes: Change[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads whatever was committed past the head; bursts of notifications coalesce (a failed read waits for the backstop poll). */
  readonly poke = coalescingRunner(() => this.drain());

  /** A batch this process just committed, in sequence order: published now if it follows on from the head. */
  private offer(logged: LoggedChange[]): void {
    if (logged.length === 0 || logged.at(-1)!.seq <= this.head) return;
    const follows = logged.every((entry, i) => entry.seq === this.head + 1 + i);
    if (follows) this.publish(loggedToChanges(logged));
    else void this.poke();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const read = await readChangesAfter(this.reader, this.head, PAGE);
      // A batch offered while the read was under way may have moved the head: never deliver a change twice.
      const changes = read.filter((change) => change.seq > this.head);
      if (changes.length > 0) this.publish(changes);
      if (read.length < PAGE) return;
    }
  }

  private publish(changes: Change[]): void {
    const afterSeq = this.head;
    this.head = changes.at(-1)!.seq;
    for (const listener of this.listeners) listener(afterSeq, changes);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopOffers?.();
    await this.stopListening?.().catch(() => undefined);
    await this.poke();
  }
}
