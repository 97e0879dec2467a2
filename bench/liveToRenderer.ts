import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserBridge } from '../launcher/browserBridgeServer';
import type { DeskCore } from '../desk/deskCore';
import { percentile } from './baselines';
import type { RendererReport, TrafficReport } from './liveBenchClock';

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
  /** p99 in each 5-second stretch of the run, in order: whether the tail is steady or a few stalls. */
  p99ByFiveSeconds: number[];
}

/**
 * Live latency as an operator sees it, with each part in its own process as
 * in production: intake posted at a steady rate to the hub by a channel
 * (intakeTraffic.ts); the desk core, here, applies the deltas; a renderer
 * stand-in (rendererStandIn.ts) on the real browser bridge re-reads its queue
 * page on each `queue.changed`. A change counts as arrived when a page read
 * that began after the event announcing it has returned. Times are compared
 * on the machine's clock (liveBenchClock.ts).
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
  const renderer = benchChild('rendererStandIn.ts', [String(bridge.port), bridge.token]);
  await nextMessage(renderer);

  const traffic = benchChild('intakeTraffic.ts', [hubUrl, String(options.perSecond), String(options.seconds)]);
  const sent = (await nextMessage(traffic)) as TrafficReport;
  if (sent.refused.length) {
    renderer.kill();
    await bridge.close();
    throw new Error(`The hub refused ${sent.refused.length} applications, e.g. ${sent.refused[0]}`);
  }
  const lastSeq = Math.max(0, ...sent.committed.map((c) => c.seq));
  renderer.send({ waitForSeq: lastSeq });
  const { reads } = (await nextMessage(renderer)) as RendererReport;
  await bridge.close();

  const fromReply: number[] = [];
  const fromSent: number[] = [];
  const byStretch: number[][] = [];
  const firstSent = Math.min(...sent.committed.map((c) => c.sent));
  let beforeReply = 0;
  const missing: number[] = [];
  for (const change of sent.committed) {
    const arrived = reads.find((read) => read.upTo >= change.seq)?.at;
    if (arrived === undefined) {
      missing.push(change.seq);
      continue;
    }
    const latency = arrived - change.replied;
    if (latency < 0) beforeReply++;
    fromReply.push(Math.max(0, latency));
    fromSent.push(arrived - change.sent);
    (byStretch[Math.floor((change.sent - firstSent) / 5000)] ??= []).push(Math.max(0, latency));
  }
  if (missing.length) {
    throw new Error(
      `${missing.length} changes never reached the renderer within 30 s (seq ${missing.slice(0, 5).join(', ')}; ` +
        `last read covered ${reads.at(-1)?.upTo ?? 0}, desk at ${core.store.lastAppliedSeq}).`,
    );
  }
  return {
    changes: sent.committed.length,
    achievedPerSecond: sent.committed.length / sent.sendingSeconds,
    p50: percentile(fromReply, 0.5),
    p99: percentile(fromReply, 0.99),
    p99FromSent: percentile(fromSent, 0.99),
    beforeReply,
    p99ByFiveSeconds: byStretch.map((stretch) => Math.round(percentile(stretch ?? [0], 0.99))),
  };
}

function benchChild(file: string, args: string[]): ChildProcess {
  // BENCH_CHILD_PROF=dir profiles the channel and the renderer stand-in, as BENCH_HUB_PROF does the hub.
  const profile = process.env.BENCH_CHILD_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHILD_PROF}`] : [];
  return fork(join(import.meta.dirname, file), args, { execArgv: ['--import', 'tsx', ...profile], stdio: 'inherit' });
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`A bench process exited (${code}) before it reported.`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message);
    });
  });
}
