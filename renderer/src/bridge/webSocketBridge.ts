import type { z } from 'zod';
import { deskEvents, type DeskBridge, type DeskEvents } from '../../../shared/contract/deskContract';
import { BRIDGE_PATH, BridgeReply, type BridgeRequest } from '../../../shared/contract/webSocketBridgeProtocol';

const TOKEN_KEY = 'desk-bridge-token';

/** The per-run token from `?token=`, kept for this tab and taken out of the address bar. */
function bridgeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Listener = (payload: unknown) => void;

/**
 * The browser-mode bridge: the same contract as Electron IPC over a loopback
 * WebSocket. Reconnects with backoff when the core restarts; calls made while
 * disconnected wait for the connection rather than fail.
 */
export function createWebSocketBridge(): DeskBridge {
  const token = bridgeToken();
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket> | null = null;
  let attempt = 0;

  const connect = (): Promise<WebSocket> => {
    open ??= new Promise((resolve) => {
      const ws = new WebSocket(`ws://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`);
      ws.onopen = () => {
        attempt = 0;
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (message) => receive(String(message.data));
      ws.onclose = () => {
        socket = null;
        open = null;
        for (const call of pending.values()) call.reject(new Error('The console core went away; try again.'));
        pending.clear();
        const delay = Math.min(10_000, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2);
        setTimeout(() => void connect().then(resolve), delay);
      };
    });
    return open;
  };

  const receive = (raw: string) => {
    let frame: BridgeReply;
    try {
      frame = BridgeReply.parse(JSON.parse(raw));
    } catch {
      return; // not ours: ignore rather than act on it
    }
    if (frame.type === 'event') {
      const schema = deskEvents[frame.event as keyof DeskEvents];
      const parsed = schema?.safeParse(frame.payload);
      if (!parsed?.success) return;
      for (const listener of listeners.get(frame.event) ?? []) listener(parsed.data);
      return;
    }
    const call = pending.get(frame.id);
    if (!call) return;
    pending.delete(frame.id);
    if (frame.ok) call.resolve(frame.value);
    else call.reject(Object.assign(new Error(frame.error.message), { code: frame.error.code }));
  };

  void connect();
  return {
    async call(method, input) {
      const ws = socket ?? (await connect());
      const id = nextId++;
      const request: BridgeRequest = { type: 'call', id, method, input };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        ws.send(JSON.stringify(request));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  } satisfies DeskBridge;
}

export type EventPayload<K extends keyof DeskEvents> = z.output<DeskEvents[K]>;
