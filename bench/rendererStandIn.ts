import WebSocket from 'ws';
import { BRIDGE_PATH } from '../shared/contract/webSocketBridgeProtocol';
import { sharedClockMs, type RendererReport } from './liveBenchClock';

// The live bench's renderer, in its own process as Chromium's is: on the real
// browser bridge (WebSocket, the page's contract and events), it re-reads its
// queue page on each `queue.changed`, one read at a time as the store does.
// Forked by liveToRenderer.ts; told when to stop by the position to wait for.
const [port, token] = process.argv.slice(2) as [string, string];
const socket = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}?token=${token}`, {
  origin: `http://127.0.0.1:${port}`,
});
await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));

const report: RendererReport = { reads: [] };
let highestAnnounced = 0;
let nextId = 1;
let reading: { id: number; upTo: number } | null = null;
let readAgain = false;
let waitFor: { seq: number; deadline: number } | null = null;

const readPage = () => {
  if (reading) {
    readAgain = true;
    return;
  }
  reading = { id: nextId++, upTo: highestAnnounced };
  socket.send(
    JSON.stringify({ type: 'call', id: reading.id, method: 'queue.page', input: { sort: 'newest', limit: 100 } }),
  );
};
const finishIfDone = () => {
  if (!waitFor) return;
  const covered = (report.reads.at(-1)?.upTo ?? 0) >= waitFor.seq;
  if (covered || Date.now() > waitFor.deadline) {
    waitFor = null;
    socket.close();
    process.send!(report, () => process.exit(0));
  }
};

socket.on('message', (data) => {
  const frame = JSON.parse(String(data)) as { type: string; id?: number; event?: string; payload?: unknown };
  const current = reading as { id: number; upTo: number } | null;
  if (frame.type === 'result' && current && frame.id === current.id) {
    report.reads.push({ upTo: current.upTo, at: sharedClockMs() });
    reading = null;
    if (readAgain) {
      readAgain = false;
      readPage();
    }
    finishIfDone();
  } else if (frame.event === 'queue.changed') {
    const { lastAppliedSeq, searchTextOnly } = frame.payload as { lastAppliedSeq: number; searchTextOnly?: true };
    highestAnnounced = Math.max(highestAnnounced, lastAppliedSeq);
    // As the store: a queue without a search does not read again for search text alone.
    if (!searchTextOnly) readPage();
  }
});
process.on('message', (message: { waitForSeq: number }) => {
  waitFor = { seq: message.waitForSeq, deadline: Date.now() + 30_000 };
  finishIfDone();
  setInterval(finishIfDone, 100).unref();
});
// A renderer shows its page from the moment the desk is usable, long before this run's traffic: it
// reads it once before saying it is ready, so the run does not time the selection's first count.
const opening = nextId++;
socket.send(JSON.stringify({ type: 'call', id: opening, method: 'queue.page', input: { sort: 'newest', limit: 100 } }));
await new Promise<void>((resolve) => {
  const opened = (data: WebSocket.RawData) => {
    const frame = JSON.parse(String(data)) as { type: string; id?: number };
    if (frame.type !== 'result' || frame.id !== opening) return;
    socket.off('message', opened);
    resolve();
  };
  socket.on('message', opened);
});
process.send!('ready');
