import { z } from 'zod';
import { WireError } from './defineContract';

/**
 * Frames of the loopback WebSocket bridge (browser mode and end-to-end tests):
 * the same calls and events as Electron IPC, one JSON frame each.
 */
export const BridgeRequest = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict();
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export const BridgeReply = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: WireError }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type BridgeReply = z.infer<typeof BridgeReply>;

/** Where the desk core listens for the browser bridge; the token rides in the query string. */
export const BRIDGE_PATH = '/desk-bridge';
export const BRIDGE_MAX_FRAME_BYTES = 1_000_000;
