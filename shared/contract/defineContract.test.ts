import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractError, createDispatcher } from './defineContract';

const contract = {
  'math.double': { input: z.object({ n: z.number().int() }).strict(), output: z.number() },
  'math.fail': { input: z.object({}).strict(), output: z.number() },
};
const dispatch = createDispatcher(contract, {
  'math.double': async ({ n }) => n * 2,
  'math.fail': async () => {
    throw new ContractError('forbidden', 'Supervisors only.');
  },
});

describe('createDispatcher', () => {
  it.each([
    ['a valid call', 'math.double', { n: 21 }, { ok: true, value: 42 }],
    ['an unknown method', 'fs.readFile', {}, { ok: false, code: 'unknownMethod' }],
    ['a prototype key', '__proto__', {}, { ok: false, code: 'unknownMethod' }],
    ['a non-string method', 42, {}, { ok: false, code: 'unknownMethod' }],
    ['a wrong type', 'math.double', { n: 'twenty' }, { ok: false, code: 'badInput' }],
    ['an unknown field', 'math.double', { n: 1, admin: true }, { ok: false, code: 'badInput' }],
    ['no input at all', 'math.double', undefined, { ok: false, code: 'badInput' }],
    ['a refusal from the handler', 'math.fail', {}, { ok: false, code: 'forbidden' }],
  ])('%s', async (_what, method, input, expected) => {
    const result = await dispatch(method, input);
    if (!('code' in expected)) expect(result).toEqual(expected);
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(expected.code);
        expect(result.error.message.length).toBeGreaterThan(5);
      }
    }
  });
});
