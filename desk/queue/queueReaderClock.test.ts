import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from './queueReader';
import { QueueQuery, type QueuePage } from '../../shared/contract/deskContract';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import type { Change } from '../../shared/protocol/syncProtocol';
import { createSeedRandom } from '../../shared/random/seedRandom';
import { DEFAULT_SLA_MATRIX } from '../../shared/sla';
import {
  CLOCK_ENTITIES,
  CLOCK_RULES,
  clockCases,
  clockTruth,
  type ClockCase,
} from '../../tests/support/clockCaseFixture';
import { buildSearch } from '../../tests/support/buildSearch';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 14:50 in Amman: ten minutes before the working day ends, nine hours before midnight. */
const START = Date.parse('2026-11-30T11:50:00.000Z');
const PAGE = 100;

const QUERIES: [string, ClockCase][] = [
  ['breached', { sort: 'urgent', openOnly: false, filters: {}, clock: { slaState: ['breached'] } }],
  ['at risk', { sort: 'urgent', openOnly: false, filters: {}, clock: { slaState: ['atRisk'] } }],
  [
    'on track or at risk, one entity',
    { sort: 'urgent', openOnly: false, filters: { entityId: ['ent-a'] }, clock: { slaState: ['running', 'atRisk'] } },
  ],
  [
    'met, one sector',
    { sort: 'urgent', openOnly: false, filters: { sector: ['health'] }, clock: { slaState: ['met'] } },
  ],
  ['paused', { sort: 'urgent', openOnly: false, filters: {}, clock: { slaState: ['paused'] } }],
  [
    "a focal point's open late cases (the bulk chase)",
    { sort: 'urgent', openOnly: true, filters: { focalPointId: ['fp-001'] }, clock: { slaState: ['breached'] } },
  ],
  ['breached today', { sort: 'urgent', openOnly: false, filters: {}, clock: { breachedToday: true } }],
  ['stalled three days', { sort: 'urgent', openOnly: true, filters: {}, clock: { unchangedDays: 3 } }],
  [
    'stalled two days and late',
    { sort: 'urgent', openOnly: false, filters: {}, clock: { unchangedDays: 2, slaState: ['breached'] } },
  ],
  ['breached, newest first', { sort: 'newest', openOnly: false, filters: {}, clock: { slaState: ['breached'] } }],
  [
    'at risk or paused, newest first',
    { sort: 'newest', openOnly: false, filters: {}, clock: { slaState: ['atRisk', 'paused'] } },
  ],
  ['breached today, newest first', { sort: 'newest', openOnly: true, filters: {}, clock: { breachedToday: true } }],
];

/** A replica of clock cases, the reader on it with a clock the test moves, and the cases as the hub holds them. */
function clockQueue(count = 6000) {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  const cases = clockCases(count, 41, START);
  store.beginBootstrap('e', 1, { keepRows: false });
  store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
  store.writeSnapshotPage('cases', cases, null, true);
  store.completeBootstrap();
  const clock = { now: START, rules: CLOCK_RULES as typeof CLOCK_RULES };
  const reader = new QueueReader(
    db,
    () => clock.now,
    () => clock.rules,
  );
  const held = new Map(cases.map((row) => [row.id, row]));
  const ask = (query: ClockCase, extra: object = {}) =>
    reader.page(QueueQuery.parse({ ...query, limit: PAGE, ...extra }));
  const truth = (query: ClockCase) => clockTruth([...held.values()], query, clock.now, clock.rules);
  const apply = (rows: CaseRecord[], deleted: string[] = []) => {
    const seq = store.lastAppliedSeq;
    const changes: Change[] = [
      ...rows.map((row, i) => ({ seq: seq + i + 1, table: 'cases' as const, op: 'upsert' as const, id: row.id, row })),
      ...deleted.map((id, i) => ({
        seq: seq + rows.length + i + 1,
        table: 'cases' as const,
        op: 'delete' as const,
        id,
        row: null,
      })),
    ];
    store.applyChanges(seq, changes);
    for (const row of rows) held.set(row.id, row);
    for (const id of deleted) held.delete(id);
  };
  return { db, reader, clock, held, ask, truth, apply };
}

const numbers = (page: QueuePage) => page.rows.map((row) => row.number);

/**
 * What an operator sees of a selection at one moment: jumps and End land on
 * the right rows, paging forward by key from the first page and back by key
 * from the last shows every case once, in the queue's order, and every page
 * says the right total. Jumps first, so they use what the windows kept from
 * before the clock moved.
 */
function seeWhole(queue: ReturnType<typeof clockQueue>, query: ClockCase, what: string) {
  const expected = queue.truth(query);
  const n = expected.length;
  for (const position of [Math.floor(n / 2), 37, n - PAGE, n - 1, 2 * PAGE + 3]) {
    if (position < 0 || position >= n) continue;
    const page = queue.ask(query, { offset: position });
    expect(numbers(page), `${what}: jump to ${position} of ${n}`).toEqual(expected.slice(position, position + PAGE));
    expect(page.total, `${what}: total`).toBe(n);
  }
  let page = queue.ask(query);
  const forward = numbers(page);
  expect(page.total, `${what}: total`).toBe(n);
  while (page.last && page.rows.length === PAGE) {
    page = queue.ask(query, { after: page.last, offset: forward.length });
    expect(page.total, `${what}: total`).toBe(n);
    forward.push(...numbers(page));
  }
  expect(forward, `${what}: forward by key`).toEqual(expected);
  page = queue.ask(query, { offset: Math.max(0, n - PAGE) });
  const backward = numbers(page);
  while (page.first && page.rows.length === PAGE) {
    page = queue.ask(query, { before: page.first, offset: Math.max(0, n - backward.length - PAGE) });
    expect(page.total, `${what}: total`).toBe(n);
    backward.unshift(...numbers(page));
  }
  expect(backward, `${what}: back by key`).toEqual(expected);
}

describe('queue pages under clock filters', () => {
  it('selects a spread of cases for each query: large, small and empty ones alike', () => {
    const queue = clockQueue();
    const sizes = QUERIES.map(([, query]) => queue.truth(query).length);
    // Some selections are past the size where every key is held (2,000), so ladders with steps are walked too.
    expect(Math.max(...sizes)).toBeGreaterThan(2000);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
  });

  it.each(QUERIES)('%s: every case once, in order, forward and back, with the right total', (what, query) => {
    seeWhole(clockQueue(), query, what);
  });

  it.each(QUERIES)('%s: stays exact as time passes', (what, query) => {
    const queue = clockQueue();
    seeWhole(queue, query, what);
    // A minute; past the end of the working day (every at-risk edge leaps to the next one); hours on; across
    // midnight in Amman ("breached today" starts again); a step back (the hub's offset measured again); days on.
    for (const step of [MINUTE, 15 * MINUTE, 5 * HOUR, 4 * HOUR, -2 * MINUTE, 2 * 24 * HOUR + 17 * MINUTE]) {
      queue.clock.now += step;
      seeWhole(queue, query, `${what} at ${new Date(queue.clock.now).toISOString()}`);
    }
  });

  it.each(QUERIES)(
    '%s: paging on while the clock moves shows each case at most once, in order, each selected when shown',
    (what, query) => {
      const queue = clockQueue();
      const start = queue.truth(query);
      queue.ask(query, { offset: Math.floor(start.length / 2) }); // the window and its ladder exist before time moves
      const seen: string[] = [];
      const everyTime: Set<string>[] = [];
      let page = queue.ask(query);
      for (;;) {
        const selected = queue.truth(query);
        everyTime.push(new Set(selected));
        expect(page.total, `${what}: total`).toBe(selected.length);
        for (const number of numbers(page)) expect(selected, `${what}: ${number} shown`).toContain(number);
        seen.push(...numbers(page));
        if (!page.last || page.rows.length < PAGE) break;
        queue.clock.now += 7 * MINUTE;
        page = queue.ask(query, { after: page.last, offset: seen.length });
      }
      expect(new Set(seen).size, `${what}: no case twice`).toBe(seen.length);
      // Sort keys do not move with time: what was shown is in the order the whole selection has now.
      const order = new Map(queue.truth({ ...query, clock: {} }).map((number, i) => [number, i] as const));
      const positions = seen.map((number) => order.get(number)!);
      expect(positions, `${what}: in order`).toEqual([...positions].sort((a, b) => a - b));
      // A case selected all along the walk was shown.
      const always = [...everyTime[0]!].filter((number) => everyTime.every((selected) => selected.has(number)));
      expect(seen, `${what}: every case selected throughout`).toEqual(expect.arrayContaining(always));
    },
  );

  it('stays exact through live changes as well as time: new cases, answers, pauses, touches and deletions', () => {
    const queue = clockQueue();
    for (const [what, query] of QUERIES) seeWhole(queue, query, what);
    const rng = createSeedRandom(5);
    let serial = 100_000;
    for (let round = 0; round < 4; round++) {
      queue.clock.now += rng.int(1, 90) * MINUTE;
      const ids = [...queue.held.keys()];
      const changed: CaseRecord[] = clockCases(30, 200 + round, queue.clock.now, serial);
      serial += 30;
      for (let i = 0; i < 60; i++) {
        const row = queue.held.get(rng.pick(ids))!;
        const at = new Date(queue.clock.now).toISOString();
        const change = rng.pick(['answer', 'pause', 'touch', 'reopen', 'postpone'] as const);
        changed.push({
          ...row,
          ...(change === 'answer' && { status: 'answered' as const, answeredAt: at }),
          ...(change === 'pause' && { status: 'awaitingCitizen' as const }),
          ...(change === 'reopen' && { status: 'reopened' as const, answeredAt: null }),
          ...(change === 'postpone' &&
            row.dueAt && { dueAt: new Date(Date.parse(row.dueAt) + 2 * HOUR).toISOString() }),
          updatedAt: at,
          version: row.version + 1,
        });
      }
      const deleted = Array.from({ length: 10 }, () => rng.pick(ids)).filter(
        (id) => !changed.some((row) => row.id === id),
      );
      queue.apply(changed, [...new Set(deleted)]);
      for (const [what, query] of QUERIES) seeWhole(queue, query, `${what}, round ${round}`);
    }
  });

  it('counts what the views show exactly, without reading a page', () => {
    const queue = clockQueue();
    for (const step of [0, 3 * HOUR, 9 * HOUR]) {
      queue.clock.now += step;
      for (const [what, query] of QUERIES) {
        expect(queue.reader.count(QueueQuery.parse({ ...query, limit: 1 })), what).toBe(queue.truth(query).length);
      }
    }
  });

  it('counts a selection the first time exactly: late and met from the outcome counters, the rest by the clock', () => {
    const queue = clockQueue();
    // A reader that holds no window: every count is a first count.
    const firstCount = (query: ClockCase) =>
      new QueueReader(
        queue.db,
        () => queue.clock.now,
        () => queue.clock.rules,
      ).count(QueueQuery.parse({ ...query, limit: 1 }));
    const settledRecount = () =>
      queue.db
        .prepare(
          `SELECT (SELECT json_group_array(json_array(status, type, channel, pillar, importance, escalation_level, outcome, n))
                     FROM (SELECT * FROM queue_outcomes_by_kind WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7)) AS kept,
                  (SELECT json_group_array(json_array(status, type, channel, pillar, importance, escalation_level, outcome, n))
                     FROM (SELECT status, type, channel, pillar, importance, escalation_level,
                             CASE WHEN status IN ('answered', 'closed') AND answered_at IS NOT NULL
                               THEN CASE WHEN answered_at <= due_at THEN 'met' ELSE 'late' END ELSE 'unanswered' END AS outcome,
                             count(*) AS n
                           FROM cases WHERE is_open = 0 AND due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7))
                    AS counted`,
        )
        .get() as { kept: string; counted: string };
    const query = (clock: ClockCase['clock'], filters: ClockCase['filters'] = {}, more: Partial<ClockCase> = {}) => ({
      sort: 'urgent' as const,
      openOnly: false,
      filters,
      clock,
      ...more,
    });
    const counted: [string, ClockCase][] = [
      ['late', query({ slaState: ['breached'] })],
      ['met', query({ slaState: ['met'] })],
      ['late or met', query({ slaState: ['breached', 'met'] })],
      ['late or on track', query({ slaState: ['breached', 'running'] })],
      ['late, paused or at risk', query({ slaState: ['breached', 'paused', 'atRisk'] })],
      ['every state', query({ slaState: ['breached', 'met', 'paused', 'atRisk', 'running'] })],
      ['met or at risk', query({ slaState: ['met', 'atRisk'] })],
      ['late, newest first', query({ slaState: ['breached'] }, {}, { sort: 'newest' })],
      ['met, newest first', query({ slaState: ['met'] }, {}, { sort: 'newest' })],
      ['late and closed', query({ slaState: ['breached'] }, { status: ['closed'] })],
      ['late, high or critical', query({ slaState: ['breached'] }, { importance: ['high', 'critical'] })],
      ['met, one sector', query({ slaState: ['met'] }, { sector: ['health'] })],
      ['late, one entity, high', query({ slaState: ['breached'] }, { entityId: ['ent-b'], importance: ['high'] })],
      ['late, a focal point', query({ slaState: ['breached'] }, { focalPointId: ['fp-002'] })],
      // No counter table covers entity and type together: counted on the index, as before.
      ['late, an entity and a type', query({ slaState: ['breached'] }, { entityId: ['ent-a'], type: ['report'] })],
      ['late, open only', query({ slaState: ['breached'] }, {}, { openOnly: true })],
    ];
    const check = (when: string) => {
      const recount = settledRecount();
      expect(JSON.parse(recount.kept), `${when}: outcome counters`).toEqual(JSON.parse(recount.counted));
      for (const [what, chosen] of counted) {
        expect(firstCount(chosen), `${what}, ${when}`).toBe(queue.truth(chosen).length);
      }
    };
    check('as loaded');
    const rng = createSeedRandom(23);
    let serial = 200_000;
    for (let round = 0; round < 5; round++) {
      queue.clock.now += [7 * MINUTE, 3 * HOUR, -2 * MINUTE, 26 * HOUR, 4 * 24 * HOUR][round]!;
      check(`round ${round}, the clock moved`);
      const ids = [...queue.held.keys()];
      const at = (shift: number) => new Date(queue.clock.now + shift).toISOString();
      const changed: CaseRecord[] = clockCases(20, 300 + round, queue.clock.now, serial);
      serial += 20;
      for (let i = 0; i < 80; i++) {
        const row = queue.held.get(rng.pick(ids))!;
        const change = rng.pick([
          'answer on time',
          'answer late',
          'close unanswered',
          'await the citizen',
          'reopen',
          'postpone',
          'move entity',
          'raise importance',
        ] as const);
        const dueMs = row.dueAt ? Date.parse(row.dueAt) : queue.clock.now;
        changed.push({
          ...row,
          ...(change === 'answer on time' && {
            status: 'answered' as const,
            answeredAt: new Date(dueMs - HOUR).toISOString(),
          }),
          ...(change === 'answer late' && {
            status: 'closed' as const,
            answeredAt: new Date(dueMs + HOUR).toISOString(),
          }),
          ...(change === 'close unanswered' && { status: 'closed' as const, answeredAt: null }),
          ...(change === 'await the citizen' && { status: 'awaitingCitizen' as const, answeredAt: null }),
          ...(change === 'reopen' && { status: 'reopened' as const, answeredAt: null }),
          ...(change === 'postpone' && row.dueAt && { dueAt: new Date(dueMs + rng.int(1, 72) * HOUR).toISOString() }),
          ...(change === 'move entity' && { entityId: rng.pick(CLOCK_ENTITIES).id }),
          ...(change === 'raise importance' && { importance: 'critical' as const }),
          updatedAt: at(0),
          version: row.version + 1,
        });
      }
      const deleted = Array.from({ length: 15 }, () => rng.pick(ids)).filter(
        (id) => !changed.some((row) => row.id === id),
      );
      queue.apply(changed, [...new Set(deleted)]);
      check(`round ${round}, after live changes`);
    }
  });

  it('counts afresh when the SLA rules change: every at-risk edge moves', () => {
    const queue = clockQueue();
    const atRisk = QUERIES.find(([what]) => what === 'at risk')![1];
    seeWhole(queue, atRisk, 'at risk');
    // Every target doubled: more time left, so fewer cases at risk.
    queue.clock.rules = {
      ...CLOCK_RULES,
      matrix: {
        ...DEFAULT_SLA_MATRIX,
        rules: DEFAULT_SLA_MATRIX.rules.map((rule) => ({
          ...rule,
          targets: { ...rule.targets, resolutionMinutes: rule.targets.resolutionMinutes * 2 },
        })),
      },
    };
    // At the same instant as the last read: the rules alone moved the edges.
    seeWhole(queue, atRisk, 'at risk under new rules');
    queue.clock.now += MINUTE;
    seeWhole(queue, atRisk, 'at risk under new rules, a minute on');
  });

  it('reads at risk by the rules’ share: a hub that lowers it has more cases at risk, as their rows show', () => {
    const queue = clockQueue();
    const atRisk = QUERIES.find(([what]) => what === 'at risk')![1];
    const onTrack = QUERIES.find(([what]) => what === 'on track or at risk, one entity')![1];
    const running: ClockCase = { ...atRisk, clock: { slaState: ['running'] } };
    const before = queue.truth(atRisk).length;
    for (const query of [atRisk, onTrack, running]) seeWhole(queue, query, 'under the default share');
    queue.clock.rules = { ...CLOCK_RULES, matrix: { ...DEFAULT_SLA_MATRIX, atRiskShare: 0.5 } };
    expect(queue.truth(atRisk).length).toBeGreaterThan(before);
    for (const step of [0, MINUTE, 15 * MINUTE, 5 * HOUR]) {
      queue.clock.now += step;
      for (const [what, query] of [
        ['at risk', atRisk],
        ['on track or at risk', onTrack],
        ['running', running],
      ] as const) {
        seeWhole(queue, query, `${what} at half the target, ${new Date(queue.clock.now).toISOString()}`);
        const page = queue.ask(query);
        for (const row of page.rows) expect(query.clock.slaState, row.number).toContain(row.sla?.state);
      }
    }
  });

  it('narrows a search by the clock, as by the other filters', () => {
    const queue = clockQueue(3000);
    buildSearch(queue.db);
    const query: ClockCase = { sort: 'urgent', openOnly: false, filters: {}, clock: { slaState: ['breached'] } };
    const breached = new Set(queue.truth(query));
    const page = queue.ask(query, { search: 'الموعد', limit: 500 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((row) => breached.has(row.number) && row.sla?.state === 'breached')).toBe(true);
  });
});
