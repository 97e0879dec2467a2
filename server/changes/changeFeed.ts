import type { Change } from '../../shared/protocol/syncProtocol';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { CHANGE_CHANNEL, readChangesAfter, readHeadSeq } from './changeLog';
import { coalescingRunner } from '../../shared/async/coalescingRunner';

const PAGE = 1000;
// A notify can be missed (a dropped LISTEN connection): poll as a backstop.
const BACKSTOP_POLL_MS = 2000;

/**
 * Tails the change log for this hub process. Every process runs one, woken by
 * Postgres NOTIFY, so a change committed through any process reaches the
 * consoles connected to every other.
 */
export class ChangeFeed {
  private head = 0;
  private stopListening: (() => Promise<void>) | null = null;
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
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, () => this.poke());
    this.timer = setInterval(() => this.poke(), BACKSTOP_POLL_MS);
    this.timer.unref();
  }

  onBatch(listener: (afterSeq: number, changes: Change[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads whatever was committed past the head; bursts of notifications coalesce (a failed read waits for the backstop poll). */
  readonly poke = coalescingRunner(() => this.drain());

  private async drain(): Promise<void> {
    for (;;) {
      const changes = await readChangesAfter(this.reader, this.head, PAGE);
      if (changes.length === 0) return;
      const afterSeq = this.head;
      this.head = changes.at(-1)!.seq;
      for (const listener of this.listeners) listener(afterSeq, changes);
      if (changes.length < PAGE) return;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.stopListening?.().catch(() => undefined);
    await this.poke();
  }
}
