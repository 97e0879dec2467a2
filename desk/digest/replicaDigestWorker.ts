import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import { beginPinnedRead, lastAppliedSeqOf, registerDigestFunctions, tableDigestSlices } from './replicaDigestRows';
import {
  PIN,
  PIN_STATE,
  PIN_STOP,
  pinSeqView,
  type DigestReply,
  type DigestRequest,
  type DigestWorkerData,
} from './replicaDigestMessages';

// The digest thread: pins the replica on its own connection the moment the main
// thread asks (the main thread waits those few milliseconds), then reads and
// hashes the pinned rows at full speed while the main thread goes on applying
// live changes (see replicaDigestThread.ts).
const { path } = workerData as DigestWorkerData;
const db = new Database(path, { fileMustExist: true });
registerDigestFunctions(db);
// Reads the schema now rather than inside the pin, which the main thread waits on.
lastAppliedSeqOf(db);
const reply = (message: DigestReply) => parentPort!.postMessage(message);

/** Ends the read transaction, so the log can be checkpointed past the pinned rows. */
const endRead = () => db.inTransaction && db.exec('COMMIT');

function pinAndDigest(id: number, tables: readonly SyncedTable[], shared: SharedArrayBuffer): void {
  const state = new Int32Array(shared, 0, 2);
  try {
    pinSeqView(shared)[0] = beginPinnedRead(db);
  } catch {
    // The main thread digests by itself: its own error, if any, is the one reported.
    Atomics.compareExchange(state, PIN_STATE, PIN.pinning, PIN.failed);
    Atomics.notify(state, PIN_STATE);
    return;
  }
  // The main thread may have given up waiting: then these rows are not the ones it asked for.
  if (Atomics.compareExchange(state, PIN_STATE, PIN.pinning, PIN.pinned) !== PIN.pinning) {
    endRead();
    return;
  }
  Atomics.notify(state, PIN_STATE);
  try {
    const digests: Partial<Record<SyncedTable, TableDigest>> = {};
    for (const table of tables) {
      const slices = tableDigestSlices(db, table);
      let step = slices.next();
      for (; !step.done; step = slices.next()) {
        if (Atomics.load(state, PIN_STOP)) {
          endRead();
          return reply({ type: 'aborted', id });
        }
      }
      digests[table] = step.value;
    }
    endRead();
    reply({ type: 'digests', id, digests });
  } catch (error) {
    try {
      endRead();
    } catch {
      // The connection is unusable; closing the thread closes it.
    }
    reply({ type: 'failed', id, message: (error as Error).message });
  }
}

parentPort!.on('message', (request: DigestRequest) => {
  if (request === 'close') {
    endRead();
    db.close();
    reply({ type: 'closed' });
  } else if (request.type === 'pin') pinAndDigest(request.id, request.tables, request.shared);
});
reply({ type: 'ready' });
