import { monitorEventLoopDelay } from 'node:perf_hooks';

// A process with nothing to do but keep its own event loop turning, started beside the serving
// process: what its loop suffers is the machine's scheduling alone, the baseline for the serving
// process's stalls in the same window (see servingStall.ts).
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
process.on('message', (message) => {
  if (message === 'reset') loop.reset();
  else if (message === 'read') process.send!({ max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 });
  else if (message === 'stop') process.exit(0);
});
process.send!('ready');
