/**
 * The core's line to the process that started it, whichever that is: an
 * Electron utilityProcess has `process.parentPort` (messages arrive as
 * `{ data, ports }`, ports being renderer MessagePorts handed over); a Node
 * child process started with an IPC channel has `process.send`. Both carry
 * structured clones (the launcher forks with `serialization: 'advanced'`).
 */

/** A renderer's port (Electron's MessagePortMain): call frames in, results and events out. */
export interface RendererPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

export interface HostChannel {
  post(message: unknown): void;
  onMessage(listener: (message: unknown, ports: readonly RendererPort[]) => void): void;
  /** The host went away (Node IPC only: a utilityProcess dies with its parent). */
  onGone(listener: () => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports?: RendererPort[] }) => void): unknown;
}

export function openHostChannel(): HostChannel {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data, event.ports ?? [])),
      onGone: () => undefined,
    };
  }
  if (!process.send) throw new Error('The desk core must be started by its host (no IPC channel).');
  return {
    post: (message) => {
      // A host that is already gone cannot be told; the disconnect handler stops the core.
      if (process.connected) process.send!(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message, [])),
    onGone: (listener) => process.on('disconnect', listener),
  };
}
