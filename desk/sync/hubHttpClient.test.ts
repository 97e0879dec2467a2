import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_FORM } from '../../shared/protocol/syncDigest';
import { HubHttpClient } from './hubHttpClient';

/** A hub stand-in answering the digest route with whatever the test sets, recording what it was asked. */
let server: Server;
let answer: object = {};
const asked: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(request.url!);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const digests = { hubEpoch: 'e1', seq: 7, tables: { cases: { rows: 2, digest: '12' } } };

describe('the hub digest as the console reads it', () => {
  const client = () => new HubHttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  it('asks for its own form and takes an answer in it', async () => {
    answer = { form: DIGEST_FORM, ...digests };
    expect(await client().digest(['cases'])).toEqual({ form: DIGEST_FORM, ...digests });
    expect(asked.at(-1)).toBe(`/api/sync/digest?form=${DIGEST_FORM}&tables=cases`);
  });

  // Figures of another form would make every table look unequal: no verdict, a reason.
  it.each([
    ['a hub that predates named forms (id:seq)', digests, /an older form \(id:seq only\)/],
    ['a hub of another form', { form: 'content-9', ...digests }, /form content-9 and this console in form/],
  ])('refuses the figures of %s', async (_label, body, message) => {
    answer = body;
    await expect(client().digest(['cases'])).rejects.toThrow(message);
  });
});
