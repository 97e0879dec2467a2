import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface RawInsertBaseline {
  rows: number;
  /** The rows, one transaction. */
  insertSeconds: number;
  /** The secondary indexes, built after the load. */
  indexSeconds: number;
  /** Rows and indexes: what a bootstrap does before the queue is usable. */
  totalSeconds: number;
  /** The search text of every row, one transaction: the baseline of the background search build. */
  searchSeconds: number;
}

/**
 * Raw better-sqlite3 inserts of the rows a bootstrapped cache holds into a
 * fresh cache of the same schema (see rawInsertBaseline.ts), in a child
 * process with room for a million rows in memory.
 */
export function measureRawInsert(
  sourceReplicaPath: string,
  scratchPath: string,
  /** The first this many cases by rowid: those the bootstrap wrote, not those live traffic added since. */
  rowCount: number,
): Promise<RawInsertBaseline> {
  const child = fork(
    join(import.meta.dirname, 'rawInsertBaseline.ts'),
    [sourceReplicaPath, scratchPath, String(rowCount)],
    {
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
      stdio: 'inherit',
    },
  );
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as RawInsertBaseline));
    child.once('exit', (code) => code !== 0 && reject(new Error(`The raw insert baseline exited with ${code}.`)));
  });
}
