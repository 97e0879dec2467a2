import type { DeskContract } from '../shared/contract/deskContract';
import type { ContractHandlers, ContractSpec } from '../shared/contract/defineContract';

/**
 * The handlers of some of the contract's methods: what each feature's
 * *Handlers.ts returns, as each of Actual Budget's features registers its own
 * methods. The desk core composes them with composeHandlers.
 */
export type DeskHandlers<K extends keyof DeskContract> = Pick<ContractHandlers<DeskContract>, K>;

/** Every method some part handles. */
type Handled<P> = P extends readonly [infer Head, ...infer Rest] ? keyof Head | Handled<Rest> : never;
/** Every method more than one part handles. */
type HandledTwice<P, Seen = never> = P extends readonly [infer Head, ...infer Rest]
  ? (keyof Head & Seen) | HandledTwice<Rest, Seen | keyof Head>
  : never;

/**
 * `unknown` (no constraint) when the parts handle every method exactly once;
 * otherwise a property the parts lack, whose name says what is wrong and whose
 * type names the methods, so the compiler's error reads e.g.
 * "Property 'handled twice' is missing … : { 'handled twice': \"queue.page\" }".
 */
type ExactlyOnce<C, P> = [HandledTwice<P>] extends [never]
  ? [Exclude<keyof C, Handled<P>>] extends [never]
    ? unknown
    : { 'without a handler': Exclude<keyof C, Handled<P>> }
  : { 'handled twice': HandledTwice<P> };

/**
 * One handler map from the features' parts. The compiler proves every method
 * of the contract is handled by exactly one part: a method left out, or
 * handled by two parts, does not compile. The same is checked when it runs,
 * for parts built past the type system.
 */
export function composeHandlers<C extends ContractSpec, const P extends readonly Partial<ContractHandlers<C>>[]>(
  contract: C,
  parts: P & ExactlyOnce<C, P>,
): ContractHandlers<C> {
  const handlers: Partial<Record<keyof C, unknown>> = {};
  for (const part of parts as readonly Partial<ContractHandlers<C>>[]) {
    for (const method of Object.keys(part) as (keyof C & string)[]) {
      if (!Object.prototype.hasOwnProperty.call(contract, method)) throw new Error(`${method} is not in the contract.`);
      if (method in handlers) throw new Error(`${method} is handled twice.`);
      handlers[method] = part[method];
    }
  }
  const missing = Object.keys(contract).filter((method) => !(method in handlers));
  if (missing.length) throw new Error(`Without a handler: ${missing.join(', ')}.`);
  return handlers as ContractHandlers<C>;
}
