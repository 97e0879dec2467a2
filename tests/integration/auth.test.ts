import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import fc from 'fast-check';
import type { RunningHub } from '../../server/hubServer';
import { hubFixture } from '../support/hubFixture';
import { verifyAuditChain } from '../../server/audit/auditLog';
import { DEMO_PASSWORD } from '../../server/auth/demoStaff';
import { hubTargets } from '../support/hubDatabaseTargets';
import { authorized } from '../support/staffSession';

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, string> };
};

describe.each(await hubTargets())('staff sign-in and roles on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 200, seed: 6 } });
  let hub: RunningHub;
  beforeAll(() => {
    hub = fixture.hub;
  });
  const login = (username: string, password = DEMO_PASSWORD) =>
    post(`${hub.url}/api/auth/login`, { username, password });

  it('signs in, and says the same for an unknown user as for a wrong password', async () => {
    const ok = await login('huda');
    expect(ok.status).toBe(200);
    expect(ok.json.accessToken!.split('.')).toHaveLength(3);
    const wrong = await login('huda', 'not-it');
    const unknown = await login('nobody-here');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json.message).toBe(unknown.json.message);
  });

  it('locks an account after five failures, even against the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('lina', 'guess-' + i)).status).toBe(401);
    const locked = await login('lina');
    expect(locked.status).toBe(423);
    expect(locked.json.message).toMatch(/locked/);
  });

  it('rotates refresh tokens, and ends the session when a spent one comes back', async () => {
    const first = (await login('omar')).json;
    const second = await post(`${hub.url}/api/auth/refresh`, { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.json.refreshToken).not.toBe(first.refreshToken);
    // The spent token is replayed (stolen?): the whole family ends, the newer token too.
    expect((await post(`${hub.url}/api/auth/refresh`, { refreshToken: first.refreshToken })).status).toBe(401);
    expect((await post(`${hub.url}/api/auth/refresh`, { refreshToken: second.json.refreshToken })).status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const tokens = (await login('khaled')).json;
    expect((await post(`${hub.url}/api/auth/logout`, { refreshToken: tokens.refreshToken })).status).toBe(200);
    expect((await post(`${hub.url}/api/auth/refresh`, { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it.each([
    ['no token', undefined],
    ['a forged signature', 'forged'],
    ['alg none', 'none'],
    ['an expired token', 'expired'],
  ])('refuses the sync stream with %s', async (_what, kind) => {
    let header: string | undefined;
    if (kind === 'forged') {
      header = `Bearer ${await new SignJWT({ role: 'administrator' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('admin')
        .setIssuer('bekhedmetkom-hub')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('x'.repeat(40)))}`;
    } else if (kind === 'none') {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      header = `Bearer ${part({ alg: 'none' })}.${part({ sub: 'admin', role: 'administrator', iss: 'bekhedmetkom-hub' })}.`;
    } else if (kind === 'expired') {
      const [row] = (await hub.db.query(`SELECT value FROM hub_meta WHERE key = 'token_secret'`)) as {
        value: string;
      }[];
      header = `Bearer ${await new SignJWT({ role: 'operator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('huda').setIssuer('bekhedmetkom-hub').setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_600).sign(new TextEncoder().encode(row!.value))}`;
    }
    const response = await fetch(`${hub.url}/api/sync/head`, { headers: header ? { authorization: header } : {} });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(5);
  });

  it('checks the role on the hub for every command: an operator may not reassign', async () => {
    const [c] = (await hub.db.query(
      `SELECT id::text AS id, version FROM cases WHERE status IN ('assigned', 'inProgress', 'reopened') ORDER BY id LIMIT 1`,
    )) as {
      id: string;
      version: number;
    }[];
    const body = {
      clientId: randomUUID(),
      caseId: c!.id,
      expectedVersion: c!.version,
      toEntityCode: 'GAM',
      reason: 'x',
    };
    expect((await post(`${hub.url}/api/commands/reassignCase`, body, await authorized(hub.url, 'huda'))).status).toBe(
      403,
    );
    expect((await post(`${hub.url}/api/commands/reassignCase`, body)).status).toBe(401);
    expect((await post(`${hub.url}/api/commands/reassignCase`, body, await authorized(hub.url, 'rana'))).status).toBe(
      200,
    );
  });

  it('shows a focal point only their entity, and support staff no applicant contact', async () => {
    const [fp] = (await hub.db.query(`SELECT id, entity_id FROM focal_points ORDER BY id LIMIT 1`)) as {
      id: string;
      entity_id: string;
    }[];
    const rows = async (username: string) => {
      const response = await fetch(`${hub.url}/api/sync/snapshot/cases?limit=1000`, {
        headers: await authorized(hub.url, username),
      });
      return (await response.text())
        .trim()
        .split('\n')
        .slice(0, -1)
        .map((l) => JSON.parse(l) as { entityId: string; applicantPhone: string });
    };
    const theirs = await rows(fp!.id);
    expect(theirs.every((r) => r.entityId === fp!.entity_id)).toBe(true);
    const support = await rows('sami');
    expect(support.length).toBeGreaterThan(theirs.length);
    expect(support.every((r) => r.applicantPhone === '')).toBe(true);
    expect((await rows('huda')).every((r) => r.applicantPhone.startsWith('+962'))).toBe(true);
  });

  it('keeps an audit chain that verifies, and names the first edited entry', async () => {
    const intact = await verifyAuditChain(hub.db);
    expect(intact.ok).toBe(true);
    expect(intact.entries).toBeGreaterThan(5);
    const [victim] = (await hub.db.query(`SELECT id::int AS id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2`)) as {
      id: number;
    }[];
    await hub.db.query(`UPDATE audit_log SET actor = 'user:someone-else' WHERE id = $1`, [victim!.id]);
    expect(await verifyAuditChain(hub.db)).toMatchObject({ ok: false, firstBadId: victim!.id });
  });

  it('answers generated garbage at sign-in and refresh with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/auth/login', '/api/auth/refresh', '/api/auth/logout'),
        fc.jsonValue({ maxDepth: 2 }),
        async (path, body) => {
          const response = await fetch(hub.url + path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('rate limits', () => {
  const fixture = hubFixture(
    { name: 'pglite', create: async () => ({ config: {}, dispose: async () => undefined }) },
    { seed: { cases: 5, seed: 1 } },
  );
  it('slows a password-guessing client down with a 429 after 20 sign-ins a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const response = await fetch(`${fixture.hub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `guess-${i}`, password: 'x' }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
