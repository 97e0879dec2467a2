import type { HubDatabase } from '../db/hubDatabase';
import { writeApplications, type Accepted, type ParsedIntake, type WriteOutcome } from './applicationWrite';
import { submitApplication } from './intakeService';

interface Waiting {
  application: ParsedIntake;
  now: Date;
  resolve(accepted: Accepted): void;
  reject(error: unknown): void;
}

/** Enough to empty a second of a busy channel's queue in a few commits, small enough to keep one commit short. */
const MAX_BATCH = 50;

/**
 * Intake's group commit. Every application ends in a commit that holds the
 * change counter's lock through the WAL flush, so one application per
 * transaction caps a hub at one flush per application
 * whatever its cores. Applications that arrive while a commit is under way
 * wait for it and then go together: one transaction, one flush, one stretch
 * under the lock, and the same few statements for the lot (applicationWrite.ts).
 * Nothing waits on a timer, so under light load a
 * batch is one application and costs what it did alone.
 *
 * A batch that fails as a whole (a resend racing in another hub process, a
 * deadlock) is rolled back and each of its applications is tried alone, so
 * one bad application never refuses its neighbours.
 */
export class IntakeBatcher {
  private waiting: Waiting[] = [];
  private running = false;
  /** The largest batch committed so far: the operator's sign that intake has been under pressure. */
  largestBatch = 0;

  constructor(
    private readonly db: HubDatabase,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  submit(application: ParsedIntake, now: Date = new Date()): Promise<Accepted> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ application, now, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) await this.commit(this.waiting.splice(0, this.maxBatch));
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    this.largestBatch = Math.max(this.largestBatch, batch.length);
    if (batch.length === 1) return settle(batch[0]!, submitApplication(this.db, batch[0]!.application, batch[0]!.now));
    let outcomes: WriteOutcome[];
    try {
      outcomes = await this.db.transaction((tx) => writeApplications(tx, batch));
    } catch {
      await Promise.all(batch.map((w) => settle(w, submitApplication(this.db, w.application, w.now))));
      return;
    }
    outcomes.forEach((outcome, i) =>
      'error' in outcome ? batch[i]!.reject(outcome.error) : batch[i]!.resolve(outcome),
    );
  }
}

async function settle(waiting: Waiting, result: Promise<Accepted>): Promise<void> {
  await result.then(waiting.resolve, waiting.reject);
}
