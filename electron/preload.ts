import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DESK_IPC, deskEvents, type DeskBridge } from '../shared/contract/deskContract';
import type { CoreCall, CoreEvent, CoreResult } from '../shared/contract/coreChannel';

// The renderer's only door to the core: one generic call and one subscribe,
// typed by the contract, over the MessagePort the shell hands this page (a new
// one each time the core's process starts again). Nothing of ipcRenderer or
// the port itself crosses the bridge.
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let port: MessagePort | null = null;
const waiting: ((port: MessagePort) => void)[] = [];
let portsSeen = 0;
let nextId = 1;

const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));

ipcRenderer.on(DESK_IPC.port, (event: IpcRendererEvent) => {
  const next = event.ports[0];
  if (!next) return;
  // Calls in flight on the old line may or may not have run: they fail, as when any link drops.
  for (const [id, call] of pending) {
    pending.delete(id);
    call.reject(Object.assign(new Error('The console engine restarted; try again.'), { code: 'disconnected' }));
  }
  port?.close();
  port = next;
  next.onmessage = ({ data }: MessageEvent<CoreResult | CoreEvent>) => {
    if (data.type === 'event') return emit(data.event, data.payload);
    const call = pending.get(data.id);
    pending.delete(data.id);
    if (!call) return;
    if (data.ok) call.resolve(data.value);
    else call.reject(Object.assign(new Error(data.error.message), { code: data.error.code }));
  };
  portsSeen++;
  for (const resolve of waiting.splice(0)) resolve(next);
  if (portsSeen > 1) emit('core.restarted', { restarts: portsSeen - 1 });
});

const line = (): Promise<MessagePort> => (port ? Promise.resolve(port) : new Promise((r) => waiting.push(r)));

const bridge = {
  async call(method, input) {
    const to = await line();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      to.postMessage({ type: 'call', id, method, input } satisfies CoreCall);
    });
  },
  subscribe(event, listener) {
    if (!Object.prototype.hasOwnProperty.call(deskEvents, event)) throw new Error(`Unknown event: ${event}`);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const wrapped = (payload: unknown) => listener(payload as never);
    set.add(wrapped);
    return () => set.delete(wrapped);
  },
} satisfies DeskBridge;

contextBridge.exposeInMainWorld('desk', bridge);
