import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A process the launcher or the shell starts and talks to by message: a Node
 * child process here, an Electron utilityProcess in the shell. The supervisors
 * see only this.
 */
export interface ChildLine {
  readonly pid: number | undefined;
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Where the launcher finds the entries it forks: beside it in the source tree. */
export const CHILD_ENTRIES = {
  core: fileURLToPath(new URL('../desk/coreProcess.ts', import.meta.url)),
  demoHub: fileURLToPath(new URL('../server/demoHubProcess.ts', import.meta.url)),
} as const;

/**
 * A Node child process on a TypeScript entry (run through tsx, as `npm start`
 * runs everything from source), with an IPC channel that carries structured
 * clones — what an Electron utilityProcess carries too.
 */
export function forkNodeChild(entry: string): ChildLine {
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx', ...process.execArgv.filter((arg) => arg.startsWith('--max-old-space-size'))],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A message to a child that has just died is lost, not thrown: its supervisor learns of the exit.
  child.on('error', () => undefined);
  return {
    get pid() {
      return child.pid;
    },
    post: (message) => {
      if (child.connected) child.send(message as never, (error) => void error);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
