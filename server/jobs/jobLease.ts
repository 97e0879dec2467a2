import type { SqlRunner } from '../db/hubDatabase';

/**
 * A lease on a timed job, held in the database every hub process shares: the
 * holder renews it each tick; another process takes over only once it has
 * lapsed. So a job runs in exactly one process, and a dead holder is replaced.
 */
export async function tryHoldLease(db: SqlRunner, job: string, holder: string, leaseMs: number): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO job_leases (job, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
     ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE job_leases.holder = EXCLUDED.holder OR job_leases.expires_at < now()
     RETURNING holder`,
    [job, holder, leaseMs],
  );
  return rows.length === 1;
}

export async function releaseLease(db: SqlRunner, job: string, holder: string): Promise<void> {
  await db.query('DELETE FROM job_leases WHERE job = $1 AND holder = $2', [job, holder]);
}
