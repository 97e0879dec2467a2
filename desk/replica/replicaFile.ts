import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** The replica's file in a desk's data folder. */
export const REPLICA_FILE = 'replica.sqlite';
/** What earlier versions called it; moved once, with its write-ahead log, so nothing is downloaded again. */
const EARLIER_NAME = 'desk-cache.sqlite';

/**
 * Where this desk's replica lives, moving a replica an earlier version left
 * under its old name. Runs before anything opens the file, so no connection
 * holds the log or shared-memory files being moved.
 */
export function replicaFileIn(dataDir: string): string {
  const path = join(dataDir, REPLICA_FILE);
  const earlier = join(dataDir, EARLIER_NAME);
  if (!existsSync(path) && existsSync(earlier)) {
    // The log first: a main file without its log would open as an older state.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(earlier + suffix)) renameSync(earlier + suffix, path + suffix);
    }
    renameSync(earlier, path);
  }
  return path;
}
