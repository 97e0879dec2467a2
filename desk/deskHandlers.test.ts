import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, type ContractHandlers, type ContractSpec } from '../shared/contract/defineContract';
import { composeHandlers } from './deskHandlers';

const contract = {
  'a.get': { input: z.object({}).strict(), output: z.number() },
  'a.set': { input: z.object({ n: z.number() }).strict(), output: z.number() },
  'b.get': { input: z.object({}).strict(), output: z.string() },
} as const satisfies ContractSpec;
type Handlers = ContractHandlers<typeof contract>;

const aHandlers = (): Pick<Handlers, 'a.get' | 'a.set'> => ({
  'a.get': async () => 1,
  'a.set': async ({ n }) => n,
});
const bHandlers = (): Pick<Handlers, 'b.get'> => ({ 'b.get': async () => 'b' });
const aGetAgain = (): Pick<Handlers, 'a.get'> => ({ 'a.get': async () => 2 });

describe('composeHandlers', () => {
  it('composes the features’ parts into one dispatcher', async () => {
    const dispatch = createDispatcher(contract, composeHandlers(contract, [aHandlers(), bHandlers()]));
    expect(await dispatch('a.set', { n: 7 })).toEqual({ ok: true, value: 7 });
    expect(await dispatch('b.get', {})).toEqual({ ok: true, value: 'b' });
  });

  // The compile-time proof: `npm run typecheck` fails if any of these lines compiles.
  it.each([
    {
      name: 'a method without a handler',
      // @ts-expect-error 'b.get' has no handler.
      compose: () => composeHandlers(contract, [aHandlers()]),
      message: /Without a handler: b\.get/,
    },
    {
      name: 'a method handled twice',
      // @ts-expect-error 'a.get' is handled by two parts.
      compose: () => composeHandlers(contract, [aHandlers(), bHandlers(), aGetAgain()]),
      message: /a\.get is handled twice/,
    },
    {
      name: 'no parts at all',
      // @ts-expect-error Every method is without a handler.
      compose: () => composeHandlers(contract, []),
      message: /Without a handler: a\.get, a\.set, b\.get/,
    },
  ])('refuses $name, at compile time and when it runs', ({ compose, message }) => {
    expect(compose).toThrow(message);
  });

  it('refuses, when it runs, a method the contract does not have', () => {
    const stray = { 'c.get': async () => 0 } as unknown as Pick<Handlers, 'b.get'>;
    expect(() => composeHandlers(contract, [aHandlers(), stray])).toThrow(/c\.get is not in the contract/);
  });
});
