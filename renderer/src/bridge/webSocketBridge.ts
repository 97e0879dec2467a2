import { ContractError } from '../../../shared/contract/defineContract';
import { deskEvents, type DeskBridge, type DeskEvents } from '../../../shared/contract/deskContract';
import { BRIDGE_PATH, BridgeReply, type BridgeRequest } from '../../../shared/contract/webSocketBridgeProtocol';

const TOKEN_KEY = 'desk-bridge-token';
const MAX_BACKOFF_MS = 10_000;

/** The per-run token from `?token=`, kept for this tab (a reload still works) and taken out of the address bar. */
function bridgeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Listener = (payload: unknown) => void;

/** A bridge whose link can drop and come back, unlike Electron IPC. */
export interface ReconnectingBridge extends DeskBridge {
  /** Told true on every (re)connection and false on every drop; events sent meanwhile are lost. */
  onConnection(listener: (up: boolean) => void): () => void;
}

/**
 * The browser-mode bridge: the same contract as Electron IPC over a loopback
 * WebSocket. Reconnects with backoff when the core restarts; calls made while
 * disconnected wait for the connection rather than fail, calls in flight when
 * it drops fail, since the core may or may not have run them.
 */
export function createWebSocketBridge(): ReconnectingBridge {
  const token = bridgeToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const address = `${scheme}://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  const connectionListeners = new Set<(up: boolean) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let attempt = 0;

  const tellConnection = (up: boolean) => {
    for (const listener of connectionListeners) listener(up);
  };

  // One promise per outage: it settles only when a socket is open, however many attempts that takes.
  const connect = (): Promise<WebSocket> => {
    opening ??= new Promise((resolve) => {
      const tryOnce = () => {
        const ws = new WebSocket(address);
        let opened = false;
        ws.onopen = () => {
          opened = true;
          attempt = 0;
          socket = ws;
          opening = null;
          resolve(ws);
          tellConnection(true);
        };
        ws.onmessage = (message) => {
          if (typeof message.data === 'string') receive(message.data);
        };
        ws.onclose = () => {
          if (opened) {
            socket = null;
            const error = new ContractError('disconnected', 'The console core went away before answering; try again.');
            for (const call of pending.values()) call.reject(error);
            pending.clear();
            tellConnection(false);
            void connect();
            return;
          }
          // Jitter keeps several tabs from hammering a core that is still starting, all at once.
          const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2);
          setTimeout(tryOnce, delay);
        };
      };
      tryOnce();
    });
    return opening;
  };

  const receive = (raw: string) => {
    let frame: BridgeReply;
    try {
      frame = BridgeReply.parse(JSON.parse(raw));
    } catch {
      return; // not a frame of ours: ignore rather than act on it
    }
    if (frame.type === 'event') {
      if (!Object.hasOwn(deskEvents, frame.event)) return;
      const parsed = deskEvents[frame.event as keyof DeskEvents].safeParse(frame.payload);
      if (!parsed.success) return;
      for (const listener of listeners.get(frame.event) ?? []) listener(parsed.data);
      return;
    }
    const call = pending.get(frame.id);
    if (!call) return;
    pending.delete(frame.id);
    if (frame.ok) call.resolve(frame.value);
    else call.reject(new ContractError(frame.error.code, frame.error.message));
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
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      return () => void set.delete(listener as Listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      if (socket) listener(true);
      return () => void connectionListeners.delete(listener);
    },
  };
}
