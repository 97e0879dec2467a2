import { z } from 'zod';

/**
 * One typed main↔renderer contract. The Electron IPC bridge and the loopback
 * WebSocket bridge are both derived from a contract made with these helpers,
 * so the list of calls exists once.
 */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
export type ContractSpec = Record<string, CallSpec>;
export type EventSpec = Record<string, z.ZodType>;

export type CallInput<C extends ContractSpec, K extends keyof C> = z.input<C[K]['input']>;
export type CallOutput<C extends ContractSpec, K extends keyof C> = z.output<C[K]['output']>;

/** What the receiving side implements: one async function per call, given validated input. */
export type ContractHandlers<C extends ContractSpec> = {
  [K in keyof C]: (input: z.output<C[K]['input']>) => Promise<CallOutput<C, K>>;
};

/** What the calling side holds: the bridge object (window.desk in Electron, a WebSocket client in a browser). */
export interface ContractBridge<C extends ContractSpec, E extends EventSpec> {
  call<K extends keyof C & string>(method: K, input: CallInput<C, K>): Promise<CallOutput<C, K>>;
  subscribe<K extends keyof E & string>(event: K, listener: (payload: z.output<E[K]>) => void): () => void;
}

export class ContractError extends Error {
  constructor(
    readonly code: 'unknownMethod' | 'badInput' | 'failed' | 'forbidden' | 'disconnected',
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Serialisable error shape that crosses either bridge. */
export const WireError = z.object({
  code: z.enum(['unknownMethod', 'badInput', 'failed', 'forbidden', 'disconnected']),
  message: z.string(),
});
export type WireError = z.infer<typeof WireError>;

/**
 * The receiving side of any bridge: refuses unknown methods, validates input
 * with the contract's schema, and turns every failure into a WireError, so a
 * bad call from a compromised or buggy renderer never reaches a handler.
 */
export function createDispatcher<C extends ContractSpec>(contract: C, handlers: ContractHandlers<C>) {
  return async function dispatch(
    method: unknown,
    rawInput: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: WireError }> {
    if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(contract, method)) {
      return { ok: false, error: { code: 'unknownMethod', message: `Unknown call: ${String(method).slice(0, 80)}` } };
    }
    const spec = contract[method as keyof C]!;
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'badInput', message: `Invalid input for ${method}: ${z.prettifyError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[method as keyof C] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ContractError) return { ok: false, error: { code: error.code, message: error.message } };
      return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
