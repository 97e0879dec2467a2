import { parentPort } from 'node:worker_threads';
import type { SyncedTable } from '../../../shared/protocol/syncProtocol';
import { SnapshotPageDecoder } from './snapshotPageDecoder';
import type { DecodeRequest, DecodeReply } from './snapshotDecodeThread';

// The decode thread: parses and validates snapshot pages while the main thread
// writes the previous one, so SQLite never waits on JSON or zod (see snapshotDecodeThread.ts).
const decoders = new Map<number, SnapshotPageDecoder>();
parentPort!.on('message', (request: DecodeRequest) => {
  if (request.type === 'begin') decoders.set(request.id, new SnapshotPageDecoder(request.table as SyncedTable));
  else if (request.type === 'bytes') decoders.get(request.id)?.push(request.bytes);
  else if (request.type === 'cancel') decoders.delete(request.id);
  else {
    const decoder = decoders.get(request.id);
    decoders.delete(request.id);
    if (!decoder) return;
    const reply: DecodeReply = { id: request.id, result: decoder.finish() };
    parentPort!.postMessage(reply);
  }
});
