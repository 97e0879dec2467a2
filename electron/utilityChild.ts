import { utilityProcess, type UtilityProcess } from 'electron';
import type { ChildLine } from '../launcher/childProcess';

/**
 * An Electron utilityProcess as the supervisors see a child: Node without a
 * window, its messages structured clones, killed with the app. `transfer`
 * hands it MessagePorts (a renderer's line to the core).
 */
export function forkUtilityChild(entry: string, serviceName: string): ChildLine & { raw: UtilityProcess } {
  const child = utilityProcess.fork(entry, [], { serviceName, stdio: 'inherit' });
  let alive = true;
  child.on('exit', () => (alive = false));
  return {
    raw: child,
    get pid() {
      return child.pid;
    },
    post: (message) => {
      if (alive) child.postMessage(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}
