import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointWorkerData } from './walCheckpointer';

// The checkpoint thread: copies the replica's write-ahead log into the database
// file on a connection of its own, so the main thread's commits never wait on
// that copy and its fsync (see walCheckpointer.ts).
const { path, everyMs } = workerData as CheckpointWorkerData;
const db = new Database(path);
// Waits for nothing: a checkpoint that meets a busy writer copies what it can and tries again next time.
db.pragma('busy_timeout = 0');

const checkpoint = () => {
  try {
    // PASSIVE only: a checkpoint that starts the log again (RESTART, TRUNCATE) changes it under
    // the main connection's read-then-write transactions, which then fail with SQLITE_BUSY_SNAPSHOT.
    // The main connection starts the log again itself, at its next write after everything is copied.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    parentPort!.postMessage({ type: 'checkpointed', frames: result?.checkpointed ?? 0, log: result?.log ?? 0 });
  } catch {
    // SQLITE_BUSY or a file being set aside: the next tick tries again, the main thread's fallback covers the rest.
  }
};
let timer = setInterval(checkpoint, everyMs);

parentPort!.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && 'everyMs' in message) {
    clearInterval(timer);
    timer = setInterval(checkpoint, Number((message as { everyMs: number }).everyMs));
    return;
  }
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.postMessage({ type: 'closed' });
});
