import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DESK_IPC, deskEvents, type DeskBridge } from '../shared/contract/deskContract';
import { WireError } from '../shared/contract/defineContract';

// The renderer's only door to the core: one generic call and one subscribe,
// typed by the contract. Nothing of ipcRenderer itself crosses the bridge.
const bridge = {
  async call(method, input) {
    const reply = (await ipcRenderer.invoke(DESK_IPC.call, method, input)) as
      { ok: true; value: unknown } | { ok: false; error: WireError };
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.value as never;
  },
  subscribe(event, listener) {
    if (!Object.prototype.hasOwnProperty.call(deskEvents, event)) throw new Error(`Unknown event: ${event}`);
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(DESK_IPC.event, handler);
    return () => ipcRenderer.off(DESK_IPC.event, handler);
  },
} satisfies DeskBridge;

contextBridge.exposeInMainWorld('desk', bridge);
