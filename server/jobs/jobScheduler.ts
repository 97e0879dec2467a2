import { randomUUID } from 'node:crypto';
import type { HubDatabase } from '../db/hubDatabase';
import type { HubLogger } from '../hubLogger';
import { releaseLease, tryHoldLease } from './jobLease';

/** What a run may ask of the scheduler that started it. */
export interface JobContext {
  /** The scheduler's clock, read afresh: each step of a long run happens at its own time. */
  now(): Date;
  /**
   * Between the steps of a long run: renews this process's lease, and says
   * whether to go on (false once the lease is lost or the scheduler is stopping).
   */
  carryOn(): Promise<boolean>;
}

export interface TimedJob {
  name: string;
  everyMs: number;
  /**
   * A cheap read, asked before the lease: when it says there is nothing to do,
   * the tick neither writes the lease nor runs. For jobs that tick often and
   * are idle nearly always.
   */
  hasWork?(db: HubDatabase): Promise<boolean>;
  run(db: HubDatabase, now: Date, context: JobContext): Promise<unknown>;
}

/** Runs timed jobs in whichever hub process holds each job's lease. */
export class JobScheduler {
  readonly holder = `hub-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();
  private readonly kicked = new Set<string>();
  private readonly inFlight = new Set<Promise<boolean>>();
  private stopping = false;

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

  /**
   * Ticks a job now rather than at its next interval (this process heard of
   * work for it). A tick already running is ticked again once it ends, so work
   * that arrived while it was finishing is not left for the interval.
   */
  kick(name: string): void {
    const job = this.jobs.find((j) => j.name === name);
    if (!job || this.stopping) return;
    if (this.running.has(name)) this.kicked.add(name);
    else void this.tick(job);
  }

  /** One attempt at a job: skipped unless this process holds (or takes) its lease. */
  tick(job: TimedJob): Promise<boolean> {
    if (this.running.has(job.name) || this.stopping) return Promise.resolve(false);
    this.running.add(job.name);
    const attempt = this.attempt(job).finally(() => {
      this.running.delete(job.name);
      this.inFlight.delete(attempt);
      if (this.kicked.delete(job.name)) this.kick(job.name);
    });
    this.inFlight.add(attempt);
    return attempt;
  }

  private async attempt(job: TimedJob): Promise<boolean> {
    try {
      if (job.hasWork && !(await job.hasWork(this.db))) return false;
      const leaseMs = job.everyMs * 3;
      if (!(await tryHoldLease(this.db, job.name, this.holder, leaseMs))) return false;
      await job.run(this.db, this.clock(), {
        now: this.clock,
        carryOn: async () => !this.stopping && (await tryHoldLease(this.db, job.name, this.holder, leaseMs)),
      });
      return true;
    } catch (error) {
      this.log.warn('timed job failed', { job: job.name, error: (error as Error).message.slice(0, 200) });
      return false;
    }
  }

  /** Stops ticking, lets runs in flight reach their next stopping point, and gives up the leases. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.allSettled([...this.inFlight]);
    for (const job of this.jobs) await releaseLease(this.db, job.name, this.holder).catch(() => undefined);
  }
}
