import type { DeskBridge } from '../../../shared/contract/deskContract';
import { createWebSocketBridge } from './webSocketBridge';

let bridge: DeskBridge | null = null;

/** Electron's preload bridge where it exists; the loopback WebSocket bridge in a plain browser. */
export function getDeskBridge(): DeskBridge {
  bridge ??= window.desk ?? createWebSocketBridge();
  return bridge;
}

export const inBrowserMode = () => !window.desk;
