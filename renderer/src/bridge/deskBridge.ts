import type { DeskBridge } from '../../../shared/contract/deskContract';
import { createWebSocketBridge, type ReconnectingBridge } from './webSocketBridge';

let bridge: ReconnectingBridge | null = null;

/** Electron's preload bridge where it exists; the loopback WebSocket bridge in a plain browser. */
export function getDeskBridge(): DeskBridge {
  if (window.desk) return window.desk;
  bridge ??= createWebSocketBridge();
  return bridge;
}

export const inBrowserMode = () => !window.desk;

/**
 * Told true whenever the link to the core is (re)established and false when it
 * drops. IPC to Electron's own main process never drops: it is up at once, for good.
 */
export function watchBridgeConnection(listener: (up: boolean) => void): () => void {
  if (window.desk) {
    listener(true);
    return () => undefined;
  }
  getDeskBridge();
  return bridge!.onConnection(listener);
}
