import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBrowserBridge } from '../electron/core/api/browserBridgeServer';
import type { DeskCore } from '../electron/core/deskCore';
import { BRIDGE_PATH } from '../shared/contract/webSocketBridgeProtocol';
import { sampleApplication } from '../tests/support/sampleApplication';
import { BENCH_CHANNEL_KEY } from './benchHub';
import { percentile } from './baselines';

export interface LiveToRendererResult {
  changes: number;
  achievedPerSecond: number;
  /** From the hub acknowledging the commit (the intake reply) to the renderer's store holding the page. */
  p50: number;
  p99: number;
  /** The same from the moment the request was sent: an upper bound that includes the hub's own work. */
  p99FromSent: number;
  /** Changes that had reached the renderer before their intake reply did (counted as 0 ms). */
  beforeReply: number;
}

/**
 * Live latency as an operator sees it: intake posted at a steady rate to the
 * hub; the desk core applies the deltas; a renderer stand-in on the real
 * browser bridge (WebSocket, same contract and events as the page) re-reads
 * its queue page on each `queue.changed`, one read at a time as the store
 * does. A change counts as arrived when a page read that began after the
 * event announcing it has returned.
 */
export async function measureLiveToRenderer(
  core: DeskCore,
  hubUrl: string,
  options: { perSecond: number; seconds: number },
): Promise<LiveToRendererResult> {
  // The bridge serves the page too; the bench needs only its WebSocket.
  const pageDir = mkdtempSync(join(tmpdir(), 'bench-page-'));
  writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>bench</title>');
  const bridge = await startBrowserBridge(core, { rendererDir: pageDir, port: 0 });
  const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}${BRIDGE_PATH}?token=${bridge.token}`, {
    origin: `http://127.0.0.1:${bridge.port}`,
  });
  await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));

  let nextId = 1;
  const calls = new Map<number, () => void>();
  const committed = new Map<number, { sent: number; replied: number | null }>();
  const arrived = new Map<number, number>();
  let highestAnnounced = 0;
  /** Each completed page read: the position it covered and when it returned (both only grow). */
  const reads: { upTo: number; at: number }[] = [];
  let reading = false;
  let readAgain = false;

  const readPage = () => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    const upTo = highestAnnounced;
    const id = nextId++;
    calls.set(id, () => {
      const now = performance.now();
      reads.push({ upTo, at: now });
      for (const seq of committed.keys()) if (seq <= upTo && !arrived.has(seq)) arrived.set(seq, now);
      reading = false;
      if (readAgain) {
        readAgain = false;
        readPage();
      }
    });
    socket.send(JSON.stringify({ type: 'call', id, method: 'queue.page', input: { sort: 'newest', limit: 100 } }));
  };
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; id?: number; event?: string; payload?: unknown };
    if (frame.type === 'result') {
      calls.get(frame.id!)?.();
      calls.delete(frame.id!);
    } else if (frame.event === 'queue.changed') {
      highestAnnounced = Math.max(highestAnnounced, (frame.payload as { lastAppliedSeq: number }).lastAppliedSeq);
      readPage();
    }
  });

  const refused: string[] = [];
  const total = Math.round(options.perSecond * options.seconds);
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    // Paced by the wall clock: a slow reply does not slow the sending.
    const due = started + (i * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    const post = postAsChannel(hubUrl, sampleApplication()).then((reply) => {
      if (reply.status !== 201 && reply.status !== 200) {
        refused.push(`${reply.status} ${JSON.stringify(reply.json).slice(0, 200)}`);
        return;
      }
      const seq = reply.json.seq as number;
      committed.set(seq, { sent, replied: performance.now() });
      // Already on screen before its reply came back: it arrived with the first read that covered it.
      const covering = reads.find((r) => r.upTo >= seq);
      if (covering) arrived.set(seq, covering.at);
    });
    inFlight.add(post);
    void post.finally(() => inFlight.delete(post));
  }
  await Promise.all(inFlight);
  const sendingSeconds = (performance.now() - started) / 1000;
  if (refused.length) throw new Error(`The hub refused ${refused.length} of ${total} applications, e.g. ${refused[0]}`);
  const deadline = performance.now() + 30_000;
  while (arrived.size < committed.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  socket.close();
  await bridge.close();

  const fromReply: number[] = [];
  const fromSent: number[] = [];
  let beforeReply = 0;
  for (const [seq, times] of committed) {
    const at = arrived.get(seq);
    if (at === undefined) continue;
    const latency = at - times.replied!;
    if (latency < 0) beforeReply++;
    fromReply.push(Math.max(0, latency));
    fromSent.push(at - times.sent);
  }
  if (fromReply.length < committed.size) {
    const missing = [...committed.keys()].filter((seq) => !arrived.has(seq)).slice(0, 5);
    throw new Error(
      `${committed.size - fromReply.length} changes never reached the renderer within 30 s (seq ${missing.join(', ')}; ` +
        `announced up to ${highestAnnounced}, last read covered ${reads.at(-1)?.upTo ?? 0}, desk at ${core.store.lastAppliedSeq}).`,
    );
  }
  return {
    changes: committed.size,
    achievedPerSecond: committed.size / sendingSeconds,
    p50: percentile(fromReply, 0.5),
    p99: percentile(fromReply, 0.99),
    p99FromSent: percentile(fromSent, 0.99),
    beforeReply,
  };
}

async function postAsChannel(
  hubUrl: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${hubUrl}/api/intake/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': BENCH_CHANNEL_KEY },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
