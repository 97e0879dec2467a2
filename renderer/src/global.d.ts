import type { DeskBridge } from '../../shared/contract/deskContract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    desk?: DeskBridge;
  }
}
