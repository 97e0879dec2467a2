import { z } from 'zod';
import { CoreCall, CoreEvent, CoreResult } from './coreChannel';

/**
 * Frames of the loopback WebSocket bridge (browser mode and end-to-end tests):
 * the same call, result and event frames the core's process answers on its
 * own channel and on Electron's MessagePort, one JSON frame each.
 */
export const BridgeRequest = CoreCall;
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export const BridgeReply = z.union([CoreResult, CoreEvent]);
export type BridgeReply = z.infer<typeof BridgeReply>;

/** Where the launcher listens for the browser bridge; the token rides in the query string. */
export const BRIDGE_PATH = '/desk-bridge';
export const BRIDGE_MAX_FRAME_BYTES = 1_000_000;
