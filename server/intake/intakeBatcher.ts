import type { IntakeAccepted } from '../../shared/domain/intakeApplication';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { recordChanges } from '../changes/changeLog';
import { HubError } from '../http/hubError';
import { insertCase, submitApplication, type ParsedIntake, type WrittenCase } from './intakeService';

type Accepted = IntakeAccepted & { replayed: boolean };

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
 * change counter's lock through the WAL flush (3.5 ms on this machine's disk),
 * so one application per transaction caps a hub at one flush per application
 * whatever its cores. Applications that arrive while a commit is under way
 * wait for it and then go together: one transaction, one flush, one stretch
 * under the lock for the lot. Nothing waits on a timer, so under light load a
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
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction((tx) => writeBatch(tx, batch));
    } catch {
      await Promise.all(batch.map((w) => settle(w, submitApplication(this.db, w.application, w.now))));
      return;
    }
    outcomes.forEach((outcome, i) =>
      'error' in outcome ? batch[i]!.reject(outcome.error) : batch[i]!.resolve(outcome),
    );
  }
}

type Outcome = Accepted | { error: HubError };

async function writeBatch(tx: SqlRunner, batch: Waiting[]): Promise<Outcome[]> {
  const written: (WrittenCase | { error: HubError } | { sameAs: number })[] = [];
  const firstByClientId = new Map<string, number>();
  for (const [i, { application, now }] of batch.entries()) {
    // A resend inside the same batch answers with the first's result: its row has no seq until the batch is stamped.
    const first = firstByClientId.get(application.clientId);
    if (first !== undefined) {
      written.push({ sameAs: first });
      continue;
    }
    firstByClientId.set(application.clientId, i);
    try {
      written.push(await insertCase(tx, application, now));
    } catch (error) {
      // Refused before writing anything (an unknown entity): the transaction is still good for the rest.
      if (!(error instanceof HubError)) throw error;
      written.push({ error });
    }
  }
  const fresh = written.flatMap((w) => ('replayed' in w && !w.replayed ? [w] : []));
  const seqs = await recordChanges(
    tx,
    fresh.map((w) => ({ table: 'cases' as const, id: w.id })),
  );
  const seqOf = new Map(fresh.map((w, i) => [w.id, seqs[i]!]));
  const outcomes: Outcome[] = [];
  for (const w of written) {
    if ('sameAs' in w) {
      const first = outcomes[w.sameAs]!;
      outcomes.push('error' in first ? first : { ...first, replayed: true });
    } else if ('error' in w) outcomes.push(w);
    else outcomes.push(w.replayed ? w : { id: w.id, number: w.number, seq: seqOf.get(w.id)!, replayed: false });
  }
  return outcomes;
}

async function settle(waiting: Waiting, result: Promise<Accepted>): Promise<void> {
  await result.then(waiting.resolve, waiting.reject);
}
