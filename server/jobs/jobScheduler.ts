import { randomUUID } from 'node:crypto';
import type { HubDatabase } from '../db/hubDatabase';
import type { HubLogger } from '../hubLogger';
import { releaseLease, tryHoldLease } from './jobLease';

export interface TimedJob {
  name: string;
  everyMs: number;
  run(db: HubDatabase, now: Date): Promise<unknown>;
}

/** Runs timed jobs in whichever hub process holds each job's lease. */
export class JobScheduler {
  readonly holder = `hub-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly db: HubDatabase,
    private readonly jobs: readonly TimedJob[],
    private readonly log: HubLogger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => void this.tick(job), job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** One attempt at a job: skipped unless this process holds (or takes) its lease. */
  async tick(job: TimedJob): Promise<boolean> {
    if (this.running.has(job.name)) return false;
    this.running.add(job.name);
    try {
      if (!(await tryHoldLease(this.db, job.name, this.holder, job.everyMs * 3))) return false;
      await job.run(this.db, this.clock());
      return true;
    } catch (error) {
      this.log.warn('timed job failed', { job: job.name, error: (error as Error).message.slice(0, 200) });
      return false;
    } finally {
      this.running.delete(job.name);
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const job of this.jobs) await releaseLease(this.db, job.name, this.holder).catch(() => undefined);
  }
}
