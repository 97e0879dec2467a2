import { z } from 'zod';
import { WireError } from './defineContract';

/**
 * What the desk core's process and its host say to each other. The host is the
 * Electron main process (the core is its utilityProcess) or the launcher (the
 * core is its Node child process). Both carry messages by structured clone, so
 * the same frames cross either. Renderer ports (Electron's MessagePort) carry
 * the `call` and `result`/`event` frames only.
 */

/** How the core starts: where its replica lives, which hub it follows, and what it may sign in with. */
export const CoreStart = z.object({
  type: z.literal('start'),
  dataDir: z.string().min(1),
  hubUrl: z.url({ protocol: /^https?$/ }),
  /** The embedded demo hub's supervisor; never set for a real hub. */
  demoAccount: z.object({ username: z.string(), password: z.string() }).optional(),
  /**
   * Set when the host keeps the session's secrets (Electron: sealed by the OS
   * keychain). The core is handed what is stored and tells the host each change.
   */
  hostSecrets: z.record(z.string(), z.string()).optional(),
});
export type CoreStart = z.infer<typeof CoreStart>;

export const CoreCall = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict();
export type CoreCall = z.infer<typeof CoreCall>;

/** Host → core. */
export const HostMessage = z.discriminatedUnion('type', [CoreStart, CoreCall, z.object({ type: z.literal('stop') })]);
export type HostMessage = z.infer<typeof HostMessage>;

export const CoreResult = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: WireError }),
]);
export type CoreResult = z.infer<typeof CoreResult>;

export const CoreEvent = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });
export type CoreEvent = z.infer<typeof CoreEvent>;

/** Core → host. */
export const CoreMessage = z.union([
  CoreResult,
  CoreEvent,
  /** The core has opened its replica and answers calls. */
  z.object({ type: z.literal('ready'), replicaPath: z.string() }),
  /** The core could not start (bad start message, a replica from a newer version…): it exits after this. */
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('secret.set'), key: z.string(), value: z.string() }),
  z.object({ type: z.literal('secret.delete'), key: z.string() }),
  /** Everything is closed; the process exits next. */
  z.object({ type: z.literal('stopped') }),
]);
export type CoreMessage = z.infer<typeof CoreMessage>;

/** What serves the renderer: the core itself (in tests) or a host relaying to the core's process. */
export interface DeskEndpoint {
  dispatch(method: unknown, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: WireError }>;
  events: {
    on(event: string, listener: (payload: never) => void): unknown;
    off(event: string, listener: (payload: never) => void): unknown;
  };
}
