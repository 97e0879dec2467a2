import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DeskCore } from '../desk/deskCore';
import { CHILD_ENTRIES, forkNodeChild } from '../launcher/childProcess';
import { CoreSupervisor } from '../launcher/coreSupervisor';
import type { DeskEndpoint } from '../shared/contract/coreChannel';
import { DEMO_ACCOUNT } from '../tests/support/staffSession';
import { startBenchHub } from './benchHub';
import { recordResults } from './resultsFile';

// The process that serves the renderer (Electron's main process; the launcher in browser mode) must
// never stall while the core works. This measures the longest stall of this process's event loop
// while a desk core in its own process bootstraps every case and then takes a first jump into
// selections — beside the same jumps answered by a core inside this process (as before the split),
// and this process idle (the machine's own noise). Part of `npm run bench:console`.
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const JUMP_SELECTIONS = [
  { status: ['assigned', 'inProgress'] },
  { escalationLevel: ['director', 'secretaryGeneral', 'minister'] },
  { sector: ['infrastructure'], importance: ['high', 'critical'] },
  { entityId: ['ent-moh', 'ent-moe', 'ent-gam'] },
];
const say = (line: string) => process.stdout.write(line + '\n');
const dir = mkdtempSync(join(tmpdir(), 'desk-stall-bench-'));

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const stall = (h: ReturnType<typeof monitorEventLoopDelay>) => ({ max_ms: ms(h.max), p99_ms: ms(h.percentile(99)) });
// The baseline in each window: the same measure in a process that does nothing (loopBystander.ts).
const bystander = fork(join(import.meta.dirname, 'loopBystander.ts'), { execArgv: ['--import', 'tsx'] });
await new Promise((resolve) => bystander.once('message', resolve));
const resetBoth = () => {
  loop.reset();
  bystander.send('reset');
};
const bystanderStall = () =>
  new Promise<{ max_ms: number; p99_ms: number }>((resolve) => {
    bystander.once('message', (m: { max: number; p99: number }) =>
      resolve({ max_ms: round(m.max), p99_ms: round(m.p99) }),
    );
    bystander.send('read');
  });

say(`Serving-process stall: starting the hub with ${CASES.toLocaleString()} cases…`);
const hub = await startBenchHub();

resetBoth();
await new Promise((resolve) => setTimeout(resolve, 5_000));
const idle = stall(loop);
say(`Idle for 5 s: longest stall ${idle.max_ms} ms.`);

const supervisor = new CoreSupervisor({
  fork: () => forkNodeChild(CHILD_ENTRIES.core),
  start: { dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT },
});
// The serving process relays what a window would get: every event, and a status read now and then.
let events = 0;
for (const event of ['sync.status', 'queue.changed', 'outbox.changed', 'alerts.raised'])
  supervisor.events.on(event, () => events++);
loop.reset();
const started = performance.now();
await supervisor.start();
// Starting a process (fork and exec) is the host's own one-time cost, reported apart from the bootstrap.
const duringSpawn = stall(loop);
resetBoth();
await waitUntil(async () => (await call(supervisor, 'sync.status', {})).phase === 'live', 250);
const bootstrapSeconds = (performance.now() - started) / 1000;
const duringBootstrap = stall(loop);
const bystanderDuringBootstrap = await bystanderStall();
say(
  `Core in its own process: bootstrapped in ${bootstrapSeconds.toFixed(1)} s; this process's longest stall ` +
    `${duringBootstrap.max_ms} ms (p99 ${duringBootstrap.p99_ms} ms), ${events} events relayed; starting the ` +
    `process ${duringSpawn.max_ms} ms; an idle process beside it ${bystanderDuringBootstrap.max_ms} ms; load ${load()}.`,
);
// The jumps are read once search is built, in both arrangements, so neither competes with the build.
await waitUntil(async () => (await call(supervisor, 'sync.status', {})).searchIndex === null, 250);
const outOfProcessJumps = await firstJumps(supervisor);
say(
  `First jumps, core in its own process: answered in up to ${outOfProcessJumps.slowest_answer_ms} ms; ` +
    `this process's longest stall ${outOfProcessJumps.max_ms} ms.`,
);
await supervisor.stop();

// The same, with the core inside this process, as the shell ran it before: a fresh bootstrap, then the jumps.
const inProcessDir = mkdtempSync(join(tmpdir(), 'desk-stall-bench-in-process-'));
resetBoth();
const inProcess = new DeskCore({ dataDir: inProcessDir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
inProcess.start();
await waitUntil(() => inProcess.sync.current.phase === 'live', 250);
const inProcessBootstrap = stall(loop);
const bystanderInProcessBootstrap = await bystanderStall();
say(
  `Core in this process: this process's longest stall during the bootstrap ${inProcessBootstrap.max_ms} ms ` +
    `(p99 ${inProcessBootstrap.p99_ms} ms); an idle process beside it ${bystanderInProcessBootstrap.max_ms} ms.`,
);
await waitUntil(() => inProcess.sync.current.searchIndex === null, 250);
const inProcessJumps = await firstJumps(inProcess);
say(
  `First jumps, core in this process: answered in up to ${inProcessJumps.slowest_answer_ms} ms; ` +
    `this process's longest stall ${inProcessJumps.max_ms} ms.`,
);
await inProcess.stop();
await hub.close();
bystander.send('stop');

const scale = CASES === 1_000_000 ? '_1m' : '';
const figures = {
  [`serving_stall_bootstrap${scale}_ms`]: {
    value: duringBootstrap.max_ms,
    p99_ms: duringBootstrap.p99_ms,
    bootstrap_s: round(bootstrapSeconds),
    events_relayed: events,
    starting_the_process_max_ms: duringSpawn.max_ms,
    load_average: load(),
    note: 'longest event-loop stall of the process serving the renderer while the core (its own process) bootstraps; goal: none over 16 ms',
    baseline: {
      idle_process_in_the_same_window_max_ms: bystanderDuringBootstrap.max_ms,
      idle_process_in_the_same_window_p99_ms: bystanderDuringBootstrap.p99_ms,
      this_process_idle_before_max_ms: idle.max_ms,
      core_in_serving_process_max_ms: inProcessBootstrap.max_ms,
      core_in_serving_process_p99_ms: inProcessBootstrap.p99_ms,
      idle_process_beside_the_in_process_core_max_ms: bystanderInProcessBootstrap.max_ms,
    },
  },
  [`serving_stall_first_jump${scale}_ms`]: {
    value: outOfProcessJumps.max_ms,
    slowest_answer_ms: outOfProcessJumps.slowest_answer_ms,
    load_average: load(),
    note: 'longest stall of the serving process while the first page and first jump of four new selections are answered by the core in its own process',
    baseline: {
      idle_process_in_the_same_window_max_ms: outOfProcessJumps.idle_process_max_ms,
      core_in_serving_process_max_ms: inProcessJumps.max_ms,
      core_in_serving_process_slowest_answer_ms: inProcessJumps.slowest_answer_ms,
      idle_max_ms: idle.max_ms,
    },
  },
};
recordResults(figures);
say(JSON.stringify(figures, null, 2));
rmSync(dir, { recursive: true, force: true });
rmSync(inProcessDir, { recursive: true, force: true });
process.exit(0);

/**
 * A new selection's first page (which counts it) and first jump, to its middle (which walks its
 * index): the reads that take longest.
 */
async function firstJumps(endpoint: DeskEndpoint) {
  let slowest = 0;
  let worstStall = 0;
  let bystanderWorst = 0;
  for (const filters of JUMP_SELECTIONS) {
    resetBoth();
    let asked = performance.now();
    const { total } = await call(endpoint, 'queue.page', { sort: 'urgent', limit: 100, filters });
    slowest = Math.max(slowest, performance.now() - asked);
    asked = performance.now();
    await call(endpoint, 'queue.page', { sort: 'urgent', limit: 100, filters, offset: Math.floor(total / 2) });
    slowest = Math.max(slowest, performance.now() - asked);
    // Let a stall that ended with the answer show in the histogram.
    await new Promise((resolve) => setTimeout(resolve, 20));
    worstStall = Math.max(worstStall, loop.max);
    bystanderWorst = Math.max(bystanderWorst, (await bystanderStall()).max_ms);
  }
  return { max_ms: ms(worstStall), slowest_answer_ms: round(slowest), idle_process_max_ms: bystanderWorst };
}

async function call(endpoint: DeskEndpoint, method: string, input: unknown) {
  const reply = await endpoint.dispatch(method, input);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value as { phase: string; total: number; searchIndex: unknown };
}

async function waitUntil(check: () => boolean | Promise<boolean>, everyMs: number): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

function ms(nanoseconds: number): number {
  return round(nanoseconds / 1e6);
}
function round(n: number): number {
  return Math.round(n * 100) / 100;
}
function load(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}
