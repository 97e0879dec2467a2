import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointWorkerData } from './walCheckpointer';

// The checkpoint thread: copies the cache's write-ahead log into the database
// file on a connection of its own, so the main thread's commits never wait on
// that copy and its fsync (see walCheckpointer.ts).
const { path, everyMs, restartFrames } = workerData as CheckpointWorkerData;
const db = new Database(path);
// Waits for nothing: a checkpoint that meets a busy writer copies what it can and tries again next time.
db.pragma('busy_timeout = 0');

type CheckpointResult = { busy: number; log: number; checkpointed: number };

const timer = setInterval(() => {
  try {
    const [copied] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    let restarted = false;
    // SQLite starts its log again from the top only when a writer finds every frame copied back,
    // which under steady writes it almost never does: the log grew to 3 GB while search was built,
    // and the main connection's first commit at a quiet moment cut its file back, for 1.6 s. A
    // TRUNCATE here, once nearly everything is copied, takes the writer's lock only for the rest
    // and cuts the file on this thread; the next writer starts the log from the top.
    if (copied && copied.log > restartFrames) {
      const [restart] = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
      restarted = restart?.busy === 0;
    }
    parentPort!.postMessage({
      type: 'checkpointed',
      frames: copied?.checkpointed ?? 0,
      log: copied?.log ?? 0,
      restarted,
    });
  } catch {
    // SQLITE_BUSY or a file being set aside: the next tick tries again, the main thread's fallback covers the rest.
  }
}, everyMs);

parentPort!.on('message', (message: unknown) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.postMessage({ type: 'closed' });
});
