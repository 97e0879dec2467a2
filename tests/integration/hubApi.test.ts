import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { RunningHub } from '../../server/hubServer';
import { SyncHead } from '../../shared/protocol/syncProtocol';
import { CaseRecord } from '../../shared/domain/caseRecord';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import { authorized } from '../support/staffSession';

describe.each(await hubTargets())('hub API on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 120, seed: 3 } });
  let hub: RunningHub;
  beforeAll(() => {
    hub = fixture.hub;
  });

  const head = async () =>
    SyncHead.parse(await (await fetch(`${hub.url}/api/sync/head`, { headers: await authorized(hub.url) })).json());

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${hub.url}/healthz`)).json()).toEqual({ ok: true, database: target.name });
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
  });

  it('publishes an OpenAPI document that names the intake route and its schema', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read loosely
    const doc = (await (await fetch(`${hub.url}/api/openapi.json`)).json()) as any;
    expect(doc.openapi).toMatch(/^3\./);
    const intake = doc.paths['/api/intake/applications'].post;
    expect(Object.keys(intake.requestBody.content['application/json'].schema.properties)).toContain('entityCode');
    expect(doc.paths['/api/sync/snapshot/{table}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['table', 'after', 'limit']),
    );
  });

  it('numbers an application, logs one change, and returns the first result to a resend', async () => {
    const before = await head();
    const application = sampleApplication();
    const first = await postApplication(hub.url, application);
    expect(first.status).toBe(201);
    expect(first.json.number).toMatch(/^BK-\d{2}-\d{7}$/);
    expect(first.json.seq).toBe(before.headSeq + 1);

    const again = await postApplication(hub.url, application);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const after = await head();
    expect(after.headSeq).toBe(before.headSeq + 1);
    expect(after.counts.cases).toBe(before.counts.cases + 1);
  });

  it.each([
    ['malformed JSON', '{"type": "complaint",', 400],
    ['an unknown field', { ...sampleApplication(), isAdmin: true }, 400],
    ['a wrong type', { ...sampleApplication(), type: 'praise' }, 400],
    ['an unknown entity', sampleApplication({ entityCode: 'NOPE' }), 422],
    ['a missing applicant', { ...sampleApplication(), applicant: undefined }, 400],
    ['SQL-looking text in the entity code', sampleApplication({ entityCode: "MOH'; DROP TABLE cases;--" }), 422],
  ])('refuses %s with a clear 4xx and changes nothing', async (_what, body, status) => {
    const before = await head();
    const answer = await postApplication(hub.url, body);
    expect(answer.status).toBe(status);
    expect(answer.json.message).toEqual(expect.any(String));
    expect((await head()).headSeq).toBe(before.headSeq);
    expect((await head()).counts.cases).toBe(before.counts.cases);
  });

  it('refuses a body over 1 MiB', async () => {
    const answer = await fetch(`${hub.url}/api/intake/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...sampleApplication(), body: 'ب'.repeat(1_100_000) }),
    });
    expect(answer.status).toBe(413);
  });

  it('pages a snapshot by key: pages join up to every case exactly once, each row valid', async () => {
    const total = (await head()).counts.cases;
    const seen = new Set<string>();
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const query = new URLSearchParams({ limit: '50', ...(after ? { after } : {}) });
      const response = await fetch(`${hub.url}/api/sync/snapshot/cases?${query}`, {
        headers: await authorized(hub.url),
      });
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = (await response.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const end = lines.pop();
      for (const row of lines) {
        const record = CaseRecord.parse(row);
        expect(seen.has(record.id)).toBe(false);
        seen.add(record.id);
      }
      expect(end.kind).toBe('pageEnd');
      after = end.lastKey;
      if (end.done) break;
    }
    expect(seen.size).toBe(total);
  });

  it('sends the snapshot gzip-compressed when asked', async () => {
    const { request } = await import('node:http');
    const auth = await authorized(hub.url);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(
        `${hub.url}/api/sync/snapshot/entities?limit=5`,
        { headers: { 'accept-encoding': 'gzip', ...auth } },
        (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
        },
      )
        .on('error', reject)
        .end();
    });
    const lines = gunzipSync(raw).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
  });

  it('refuses an unknown snapshot table', async () => {
    expect((await fetch(`${hub.url}/api/sync/snapshot/users`)).status).toBe(400);
  });
});

describe.each(await hubTargets())('intake resends racing on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 10, seed: 1 } });
  it('gives every concurrent resend the same first result and creates one case', async () => {
    const { hub } = fixture;
    const application = sampleApplication();
    const answers = await Promise.all(Array.from({ length: 8 }, () => postApplication(hub.url, application)));
    expect(new Set(answers.map((a) => a.json.number)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const head = SyncHead.parse(
      await (await fetch(`${hub.url}/api/sync/head`, { headers: await authorized(hub.url) })).json(),
    );
    expect(head.counts.cases).toBe(11);
  });
});

describe('channel credentials on intake', () => {
  describe('with one channel key', () => {
    const fixture = hubFixture(inMemoryPglite, {
      seed: { cases: 5, seed: 2 },
      channelKeys: ['call-centre-key-0123456789'],
    });
    it('refuses intake without a configured channel key, and accepts it with one', async () => {
      const post = (headers: Record<string, string>) =>
        fetch(`${fixture.hub.url}/api/intake/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(sampleApplication()),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-channel-key': 'guessed-key-0123456789xx' })).status).toBe(401);
      expect((await post({ 'x-channel-key': 'call-centre-key-0123456789' })).status).toBe(201);
    });
  });

  describe('with two keyed channels and small budgets', () => {
    const keys = ['web-portal-key-0123456789', 'call-centre-key-0123456789'];
    const fixture = hubFixture(inMemoryPglite, {
      seed: { cases: 5, seed: 2 },
      channelKeys: keys,
      intakeRates: { keyedPerMinute: 4, unkeyedPerMinute: 2 },
    });
    it('gives each keyed channel its own budget, larger than an unkeyed address gets', async () => {
      const post = (headers: Record<string, string>) =>
        fetch(`${fixture.hub.url}/api/intake/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(sampleApplication()),
        }).then((r) => r.status);
      const statuses = async (headers: Record<string, string>, n: number) => {
        const seen: number[] = [];
        for (let i = 0; i < n; i++) seen.push(await post(headers));
        return seen;
      };
      expect(await statuses({}, 3)).toEqual([401, 401, 429]);
      // The portal spends its own budget, not the address's, and the call centre's is untouched by it.
      expect(await statuses({ 'x-channel-key': keys[0]! }, 5)).toEqual([201, 201, 201, 201, 429]);
      expect(await statuses({ 'x-channel-key': keys[1]! }, 1)).toEqual([201]);
    });
  });
});
