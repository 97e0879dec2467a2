import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RunningHub } from '../../server/hubServer';
import { SyncHead } from '../../shared/protocol/syncProtocol';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';
import { authorized } from '../support/staffSession';

// Throws generated payloads at every route the OpenAPI document lists and checks
// that each gets a clear 4xx (never a 5xx), and that no rejected call changes data.
describe('every hub route under generated bad input', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 30, seed: 1 } });
  let hub: RunningHub;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    hub = fixture.hub;
    const doc = (await (await fetch(`${hub.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });

  const head = async () =>
    SyncHead.parse(await (await fetch(`${hub.url}/api/sync/head`, { headers: await authorized(hub.url) })).json());

  it('answers every generated request with a JSON 4xx or a 2xx read, and leaves the data as it was', async () => {
    expect(routes.length).toBeGreaterThan(5);
    const before = await head();
    const segment = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("' OR 1=1 --", '../../etc/passwd', '%00', 'cases'),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constant('{"clientId":'),
    );
    const authorization = fc.option(
      fc.constantFrom('Bearer x.y.z', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer eyJhbGciOiJub25lIn0.e30.'),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), segment, body, authorization, async (routeIndex, part, payload, auth) => {
        const route = routes[routeIndex % routes.length]!;
        const url =
          hub.url + route.path.replace(/\{[^}]+\}/g, encodeURIComponent(part)) + `?limit=${encodeURIComponent(part)}`;
        const response = await fetch(url, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          ...(route.method === 'POST' ? { body: payload } : {}),
        });
        const text = await response.text();
        expect(response.status, `${route.method} ${url} → ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400) expect(() => JSON.parse(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
    const after = await head();
    expect(after.headSeq).toBe(before.headSeq);
    expect(after.counts).toEqual(before.counts);
  });
});
