import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { SnapshotPageEnd, SyncedTable } from '../../shared/protocol/syncProtocol';
import { SnapshotPageDecoder, isDecodeFailure, type DecodedSnapshotPage } from './snapshotPageDecoder';

/** Where a snapshot page is, and the headers that prove who asks (built by HubHttpClient.snapshotPageRequest). */
export interface SnapshotPageRequest {
  url: string;
  headers: Record<string, string>;
}

/** Why a page could not be had, as plain data (it may cross a thread boundary). */
export type SnapshotPageFailure =
  | { kind: 'malformed' | 'endedEarly' | 'unreachable'; message: string }
  /** The hub answered, but not with the page: its status and the start of what it said. */
  | { kind: 'refused'; status: number; message: string };

/**
 * What fetching one page reports, in this order: the hub answered; rows seen
 * so far (a running count, for progress); the page's closing line, as soon as
 * its bytes are in (the next page's request needs its last key); then the
 * decoded page or why there is none. `decoded` always comes, and comes last.
 */
export type SnapshotPageEvent =
  | { type: 'answered' }
  | { type: 'lines'; lines: number }
  | { type: 'ended'; end: SnapshotPageEnd }
  | { type: 'decoded'; result: DecodedSnapshotPage | SnapshotPageFailure };

const LINES_EVERY_MS = 100;

/**
 * Fetches one snapshot page and decodes it as its bytes arrive (see
 * snapshotPageDecoder.ts). Runs on the snapshot thread (snapshotPageWorker.ts),
 * so bytes keep flowing and decoding while the main thread is busy writing the
 * page before; or inline, where no thread can start.
 */
export async function fetchSnapshotPage(
  table: SyncedTable,
  request: SnapshotPageRequest,
  signal: AbortSignal,
  emit: (event: SnapshotPageEvent) => void,
): Promise<void> {
  const fail = (result: SnapshotPageFailure) => emit({ type: 'decoded', result });
  let response: IncomingMessage;
  try {
    response = await get(request, signal);
  } catch (error) {
    return fail({ kind: 'unreachable', message: (error as Error).message });
  }
  const body = inflated(response);
  if (response.statusCode !== 200) {
    const text = await textOf(body).catch(() => '');
    return fail({ kind: 'refused', status: response.statusCode ?? 0, message: text.slice(0, 200) });
  }
  emit({ type: 'answered' });
  const decoder = new SnapshotPageDecoder(table);
  let lines = 0;
  let reportedAt = performance.now();
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      decoder.push(chunk);
      lines += countLines(chunk);
      if (performance.now() - reportedAt >= LINES_EVERY_MS) {
        emit({ type: 'lines', lines });
        lines = 0;
        reportedAt = performance.now();
      }
    }
  } catch (error) {
    return fail({
      kind: 'unreachable',
      message: `The snapshot page of ${table} broke off: ${(error as Error).message}`,
    });
  }
  if (lines) emit({ type: 'lines', lines });
  const result = decoder.finish();
  if (!isDecodeFailure(result)) emit({ type: 'ended', end: result.end });
  emit({ type: 'decoded', result });
}

/**
 * A GET with node's own client rather than fetch, inflated in large steps:
 * undici's stream handling and 16 KiB inflate steps cost several times the
 * CPU per page.
 */
function get(request: SnapshotPageRequest, signal: AbortSignal): Promise<IncomingMessage> {
  const send = request.url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    send(request.url, { headers: { ...request.headers, 'accept-encoding': 'gzip' }, signal }, resolve).once(
      'error',
      reject,
    );
  });
}

const INFLATE_CHUNK_BYTES = 1024 * 1024;

/** The response's bytes, gzip undone; an error or early end of either stream ends the other with it. */
function inflated(response: IncomingMessage): Readable {
  if (response.headers['content-encoding'] !== 'gzip') return response;
  return pipeline(response, createGunzip({ chunkSize: INFLATE_CHUNK_BYTES }), () => undefined);
}

async function textOf(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Newlines in a chunk (native memchr through a Buffer view; the bytes are not copied). */
function countLines(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lines = 0;
  for (let at = view.indexOf(10); at !== -1; at = view.indexOf(10, at + 1)) lines++;
  return lines;
}
