import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_LADDER_WINDOWS, DEFAULT_SLA_MATRIX } from '../../shared/sla';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { SLA_RULES_META, deskSlaRules } from '../sla/deskSlaRules';
import { HubHttpClient } from './hubHttpClient';
import { SlaRulesKeeper } from './slaRulesKeeper';

// The keeper against a real replica file and a real HTTP server standing in for
// the hub's GET /api/sla/rules, whose answer each test sets.
describe('the SLA rules a desk holds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-rules-keeper-'));
  let server: Server;
  let answer: { status: number; body: string } = { status: 200, body: '{}' };
  let requests = 0;
  let store: ReplicaStore;
  let keeper: SlaRulesKeeper;
  const replaced: number[] = [];
  const problems: (string | null)[] = [];
  let file = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests++;
      response.writeHead(request.url === '/api/sla/rules' ? answer.status : 404, {
        'content-type': 'application/json',
      });
      response.end(answer.body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    store?.db.close();
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    store?.db.close();
    store = new ReplicaStore(openReplicaDatabase(join(dir, `replica-${++file}.sqlite`)).db);
    const http = new HubHttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    keeper = new SlaRulesKeeper(store, (signal) => http.slaRules(signal), new AbortController().signal, {
      onReplaced: (version) => replaced.push(version),
      onProblem: (problem) => problems.push(problem),
    });
    replaced.length = 0;
    problems.length = 0;
    requests = 0;
  });

  const closure = (date: string) => ({
    kind: 'closure' as const,
    id: `closure-${date}`,
    source: 'Prime Ministry circular',
    name: { ar: 'عطلة', en: 'Closure' },
    period: { type: 'wholeDays' as const, date, spanDays: 1 },
  });
  const rules = (version: number, closedOn?: string) => ({
    version,
    calendar: closedOn
      ? { ...DEFAULT_JORDAN_CALENDAR, entries: [...DEFAULT_JORDAN_CALENDAR.entries, closure(closedOn)] }
      : DEFAULT_JORDAN_CALENDAR,
    matrix: DEFAULT_SLA_MATRIX,
    ladder: DEFAULT_LADDER_WINDOWS,
  });
  const serve = (body: unknown, status = 200) => {
    answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
  };
  /** Holds version 3 (with a closure on 2031-01-05), as a desk that synced earlier would. */
  const holdVersion3 = async () => {
    serve(rules(3, '2031-01-05'));
    await keeper.atConnect(3);
    expect(keeper.version).toBe(3);
    replaced.length = 0;
    problems.length = 0;
    requests = 0;
    return store.meta(SLA_RULES_META);
  };

  it('takes a newer version on a notice, and every reader counts with it at once', async () => {
    const read = deskSlaRules(store);
    await holdVersion3();
    expect(read().calendar.entries.map((e) => e.id)).toContain('closure-2031-01-05');

    serve(rules(4, '2031-02-02'));
    await keeper.heard({ version: 4 });
    expect(keeper.version).toBe(4);
    expect(replaced).toEqual([4]);
    expect(problems).toEqual([null]);
    // The same reader, memoised on the text held, sees the new calendar without being told.
    const ids = read().calendar.entries.map((e) => e.id);
    expect(ids).toContain('closure-2031-02-02');
    expect(ids).not.toContain('closure-2031-01-05');
  });

  it('fetches nothing for the version it holds', async () => {
    await holdVersion3();
    await keeper.heard({ version: 3 });
    await keeper.atConnect(3);
    expect(requests).toBe(0);
    expect(replaced).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a version as text', { version: '4' }],
    ['a negative version', { version: -4 }],
    ['the rules themselves', rules(4)],
    ['nothing', undefined],
  ])('refuses a malformed notice (%s) without fetching or touching the rules held', async (_name, raw) => {
    const held = await holdVersion3();
    await keeper.heard(raw);
    expect(requests).toBe(0);
    expect(store.meta(SLA_RULES_META)).toBe(held);
    expect(problems).toEqual([expect.stringMatching(/unknown shape.*keeping the rules held \(version 3\)/)]);
  });

  it.each<[string, unknown, number]>([
    ['rules without a matrix', { ...rules(4), matrix: undefined }, 200],
    [
      'a calendar with no working day',
      { ...rules(4), calendar: { ...DEFAULT_JORDAN_CALENDAR, weekendDays: [0, 1, 2, 3, 4, 5, 6] } },
      200,
    ],
    ['a version as text', { ...rules(4), version: '4' }, 200],
    ['a body that is not JSON', '{"version":4,', 200],
    ['an error from the hub', { error: 'internal', message: 'down' }, 500],
  ])('refuses %s, keeps the rules held byte for byte, and says why', async (_name, body, status) => {
    const read = deskSlaRules(store);
    const held = await holdVersion3();
    const before = read();
    serve(body, status);
    await keeper.heard({ version: 4 });
    expect(requests).toBe(1);
    expect(store.meta(SLA_RULES_META)).toBe(held);
    expect(keeper.version).toBe(3);
    expect(read()).toBe(before);
    expect(replaced).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('keeping the rules held (version 3)')]);

    // Once the hub sends good rules, the next notice takes them and the problem clears.
    serve(rules(4, '2031-02-02'));
    await keeper.heard({ version: 4 });
    expect(keeper.version).toBe(4);
    expect(problems.at(-1)).toBeNull();
  });

  it('folds a burst of notices into one more fetch', async () => {
    await holdVersion3();
    serve(rules(6));
    await Promise.all([4, 5, 6].map((version) => keeper.heard({ version })));
    await keeper.heard({ version: 6 });
    expect(requests).toBeLessThanOrEqual(2);
    expect(keeper.version).toBe(6);
    expect(replaced).toEqual([6]);
  });
});
