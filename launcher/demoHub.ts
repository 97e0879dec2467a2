import { DemoHubMessage, type DemoHubStart } from '../shared/contract/demoHubChannel';
import type { ChildLine } from './childProcess';

export interface DemoHub {
  url: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 10 * 60_000; // the first start seeds the demo country

/** Starts the embedded demo hub in its own process and waits until it answers on loopback. */
export async function startDemoHub(fork: () => ChildLine, options: Omit<DemoHubStart, 'type'>): Promise<DemoHub> {
  const child = fork();
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.onExit(() => {
      exited = true;
      resolve();
    }),
  );
  const stopped = new Promise<void>((resolve) =>
    child.onMessage((raw) => DemoHubMessage.safeParse(raw).data?.type === 'stopped' && resolve()),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The demo hub did not start in time.')), START_TIMEOUT_MS);
    child.onMessage((raw) => {
      const message = DemoHubMessage.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === 'ready') {
        clearTimeout(timer);
        resolve(message.data.url);
      } else if (message.data.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`The demo hub could not start: ${message.data.message}`));
      }
    });
    void gone.then(() => {
      clearTimeout(timer);
      reject(new Error('The demo hub stopped while starting.'));
    });
    child.post({ type: 'start', ...options } satisfies DemoHubStart);
  });
  return {
    url,
    async close() {
      if (exited) return;
      child.post({ type: 'stop' });
      const timer = setTimeout(() => child.kill(), 15_000);
      await Promise.race([gone, stopped.then(() => gone)]);
      clearTimeout(timer);
    },
  };
}
