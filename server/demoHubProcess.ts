import { DemoHubHostMessage, type DemoHubMessage } from '../shared/contract/demoHubChannel';
import { startHub, type RunningHub } from './hubServer';

// The embedded demo hub in a process of its own (a Node child of the launcher,
// or an Electron utilityProcess): PGlite, demo data, simulated traffic. The
// console's processes never load the hub's code.
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort;
const tell = (message: DemoHubMessage) => {
  if (parentPort) parentPort.postMessage(message);
  else if (process.connected) process.send?.(message);
};
const onMessage = (listener: (message: unknown) => void) => {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
};

let hub: RunningHub | null = null;
let starting: Promise<void> | null = null;
let stopping: Promise<void> | null = null;

onMessage((raw) => {
  const message = DemoHubHostMessage.safeParse(raw);
  if (!message.success) return;
  const m = message.data;
  if (m.type === 'start') {
    starting ??= startHub({
      pgliteDataDir: m.dataDir,
      seed: { cases: m.cases },
      simulate: m.simulate ? {} : false,
      port: m.port,
      logLevel: 'warn',
    }).then(
      (running) => {
        hub = running;
        tell({ type: 'ready', url: running.url });
      },
      (error: unknown) => {
        tell({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        setTimeout(() => process.exit(1), 100).unref();
      },
    );
  } else void stop();
});
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

function stop(): Promise<void> {
  stopping ??= (async () => {
    await starting?.catch(() => undefined);
    await hub?.close();
    tell({ type: 'stopped' });
    setTimeout(() => process.exit(0), 50).unref();
    process.disconnect?.();
  })();
  return stopping;
}
