import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** A clean shutdown (SIGTERM). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, no shutdown handlers, connections cut mid-flight. */
  kill(): Promise<void>;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
}

/**
 * Starts `npm run hub`'s entry point (or another, e.g. tests/support/faultyHubMain.ts)
 * as its own OS process and waits for it to listen.
 */
export function startHubProcess(env: Record<string, string>, entry = 'server/main.ts'): Promise<HubProcess> {
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, PORT: '0', HUB_SIMULATE: 'off', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  const end = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolvePromise, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`hub process did not start: ${buffered.slice(-500)}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"msg":"hub listening","url":"([^"]+)"/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1]!, child, stop: () => end('SIGTERM'), kill: () => end('SIGKILL'), exited });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub process exited with ${code}: ${buffered.slice(-500)}`));
    });
  });
}
