import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface BenchHub {
  url: string;
  /** Which database the hub ran on: the figures depend on it. */
  hub: 'postgres' | 'pglite';
  /** Whether the hub's snapshot pages were built before the desk asked ('warm') or not kept at all ('cold'). */
  pages: 'warm' | 'cold';
  readySeconds: number;
  close(): Promise<void>;
}

/** The bench posts as one keyed channel (a portal), whose intake budget a live run at 200 a second fits in. */
export const BENCH_CHANNEL_KEY = 'bench-portal-key-0123456789';

/** Starts the bench's hub in a child process (see benchHubProcess.ts) and waits for its address. */
export async function startBenchHub(): Promise<BenchHub> {
  const child = fork(join(import.meta.dirname, 'benchHubProcess.ts'), {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_HUB_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
    stdio: 'inherit',
  });
  const ready = await new Promise<Omit<BenchHub, 'close'>>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Omit<BenchHub, 'close'>));
    child.once('exit', (code) => reject(new Error(`The bench hub exited with ${code} before it was ready.`)));
  });
  return {
    ...ready,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
