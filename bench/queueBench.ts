import { loadavg } from 'node:os';
import { openReplicaDatabase } from '../desk/replica/openReplicaDatabase';
import { ReplicaStore } from '../desk/replica/replicaStore';
import { buildSearch } from '../tests/support/buildSearch';
import { QueueReader } from '../desk/queue/queueReader';
import { ammanDayStart } from '../desk/queue/queueClock';
import { selectionWhere } from '../desk/queue/queueFilters';
import { QueueQuery, type QueueFilters, type QueuePage, type QueueSort } from '../shared/contract/deskContract';
import type { ClockFilters } from '../shared/contract/clockFilters';
import {
  addWorkingMinutes,
  DEFAULT_AT_RISK_THRESHOLD,
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  DEFAULT_SLA_MATRIX,
  slaTargetsFor,
} from '../shared/sla';
import { APPLICATION_TYPES, IMPORTANCE_LEVELS, PILLARS } from '../shared/domain/taxonomy';
import { createSeedRandom } from '../shared/random/seedRandom';
import { searchTerms } from '../shared/text/arabicNormalize';
import { searchMatch } from '../desk/search/searchMatch';
import { percentile } from './baselines';

/** Filter combinations an operator would use, from none to four facets at once. */
const FILTER_MIX: QueueFilters[] = [
  {},
  { status: ['assigned', 'inProgress'] },
  { escalationLevel: ['director', 'secretaryGeneral', 'minister'] },
  { importance: ['critical'] },
  { entityId: ['ent-moh'] },
  { entityId: ['ent-moh', 'ent-moe', 'ent-gam'] },
  { sector: ['health'] },
  { sector: ['infrastructure'], importance: ['high', 'critical'] },
  { type: ['complaint'], channel: ['callCentre'] },
  { pillar: ['deliveryTime'], status: ['reopened', 'referred'] },
  { focalPointId: ['fp-001'] },
  { entityId: ['ent-mwi'], status: ['inProgress'], importance: ['high'], type: ['complaint'] },
  { status: ['closed'] },
  { channel: ['chatbot'], escalationLevel: ['minister'] },
];

/**
 * The clock filters (SLA state, breached today, unchanged for days), alone and
 * with facets: the views rail's built-ins, the filter bar's SLA states, and
 * the bulk chase's question (a focal point's open, late cases).
 */
const CLOCK_MIX: { clock: ClockFilters; filters: QueueFilters; sort?: QueueSort }[] = [
  { clock: { slaState: ['breached'] }, filters: {} },
  { clock: { slaState: ['atRisk'] }, filters: {} },
  { clock: { slaState: ['running', 'atRisk'] }, filters: { entityId: ['ent-moh'] } },
  { clock: { slaState: ['met'] }, filters: { sector: ['health'] } },
  { clock: { slaState: ['paused'] }, filters: {} },
  { clock: { slaState: ['breached'] }, filters: { focalPointId: ['fp-001'] } },
  { clock: { slaState: ['breached'] }, filters: { importance: ['high', 'critical'] } },
  { clock: { breachedToday: true }, filters: {} },
  { clock: { unchangedDays: 3 }, filters: {} },
  { clock: { slaState: ['breached'] }, filters: {}, sort: 'newest' },
  { clock: { unchangedDays: 3 }, filters: {}, sort: 'newest' },
];
/** The fill's "now" (queueReplicaFill.ts); the clock pages see time pass from there. */
const FILLED_AT = Date.parse('2026-11-30T10:00:00.000Z');
const RULES = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX, ladder: DEFAULT_LADDER_WINDOWS };

/**
 * Searches an operator types: common and rare words, two words, a case number
 * (and a phone number, read from the cache); bare words the cases mostly
 * hold with the article or a preposition attached (المواطن, للمواطن), and a
 * word typed with one (بالشارع), so matching by stems is in the figure.
 */
const SEARCHES = [
  'المياه',
  'مستشفى',
  'تأخر الموعد',
  'جواز',
  'الكهرباء',
  'طريق',
  'water',
  'BK-26-0000123',
  'شكوى الانتظار',
  'كهرباء',
  'مواطن',
  'نفايات',
  'بالشارع',
];
/** What a search may take at the 99th percentile on a million cases. */
const FTS_P99_BUDGET_MS = 50;

/**
 * The queue's figures on a filled cache: pages of 100 sorted by deadline over
 * every filter combination above, read as the console reads them (first page,
 * next pages by key, jumps by position, the end), and ranked searches. Each
 * beside a baseline on the same file: the reads as the queue made them
 * before (OFFSET, count(*) per page, the outbox aggregated per row), and an
 * unranked FTS5 match of the same words.
 */
export async function measureQueue(replicaPath: string, options: { rounds?: number; baseline?: boolean } = {}) {
  const { db, needsReindex } = openReplicaDatabase(replicaPath);
  // A kept cache filled by an older version is migrated here: its search is written again before it is measured.
  if (needsReindex) {
    new ReplicaStore(db).requestSearchRebuild();
    buildSearch(db);
  }
  const reader = new QueueReader(db, () => Date.parse('2026-11-30T10:00:00.000Z'));
  const rng = createSeedRandom(11);
  const pageTimes: number[] = [];
  const firstPageTimes: number[] = [];
  const firstJumpTimes: number[] = [];
  const baselineTimes: number[] = [];
  /** The slowest reads, named, so a figure's tail can be traced to what caused it. */
  const slowest: [number, string][] = [];
  let label = '';
  /** CPU time of each read (user + system), which other processes on a shared machine do not inflate. */
  const cpuTimes = new Map<number[], number[]>();
  const timed = (times: number[], read: () => QueuePage, what = '') => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const page = read();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    times.push(ms);
    cpuTimes.set(times, [...(cpuTimes.get(times) ?? []), (used.user + used.system) / 1000]);
    slowest.push([ms, `${label} ${what}`]);
    slowest.sort((a, b) => b[0] - a[0]).splice(8);
    return page;
  };
  const rounds = options.rounds ?? 3;
  for (let round = 0; round < rounds; round++) {
    for (const filters of FILTER_MIX) {
      for (const openOnly of [false, true]) {
        const ask = (extra: object) =>
          reader.page(QueueQuery.parse({ sort: 'urgent', limit: 100, openOnly, filters, ...extra }));
        label = `${JSON.stringify(filters)}${openOnly ? ' open' : ''}`;
        // The first page of a selection also counts it (from the counter tables, or once on its index).
        let page = timed(
          round === 0 ? firstPageTimes : pageTimes,
          () => ask({}),
          round === 0 ? 'first page' : 'page 0',
        );
        const total = page.total;
        for (let i = 0; i < 5 && page.last; i++) {
          const after = page.last;
          page = timed(pageTimes, () => ask({ after, offset: (i + 1) * 100 }), 'next by key');
        }
        for (let i = 0; i < 4; i++) {
          // The first jump goes to the middle, where a selection's ladder must be built; later ones anywhere.
          const position = i === 0 ? Math.floor(total / 2) : Math.floor(rng.next() * Math.max(0, total - 100));
          // The first jump into a selection builds its ladder as far as the position: a one-time walk, kept apart.
          timed(
            round === 0 && i === 0 ? firstJumpTimes : pageTimes,
            () => ask({ offset: position }),
            `jump ${position}`,
          );
        }
        timed(pageTimes, () => ask({ offset: Math.max(0, total - 100) }), 'end');
        if (round === 0 && options.baseline !== false) {
          baselineTimes.push(...offsetBaseline(db, openOnly, filters, total, rng.next()));
        }
      }
    }
  }
  // An operator who picks filters and then, a moment later, drags the thumb: the selection's ladder was
  // built between calls meanwhile, so the jump reads from it. Fresh selections (the newest sort), each
  // given two seconds; the jump must not wait for a walk.
  const pausedJumpTimes: number[] = [];
  for (const filters of FILTER_MIX) {
    label = `${JSON.stringify(filters)} newest`;
    const ask = (extra: object) => reader.page(QueueQuery.parse({ sort: 'newest', limit: 100, filters, ...extra }));
    const total = ask({}).total;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    timed(pausedJumpTimes, () => ask({ offset: Math.floor(total / 2) }), 'jump after a pause');
  }
  const clock = measureClockPages(db, options, rounds, rng, timed, (what) => (label = what));
  const searchTimes: number[] = [];
  const searchBaseline: number[] = [];
  // A phone number as an operator types it (07…), one a citizen in the cache has: a fixed one may be nobody's.
  const phone = db
    .prepare('SELECT applicant_phone FROM cases WHERE rowid = (SELECT max(rowid) / 2 FROM cases)')
    .pluck()
    .get() as string;
  const searches = [...SEARCHES, `0${phone.slice(-9)}`];
  // A figure over an empty search index would be meaningless: every search by words must find cases.
  for (const search of searches.filter((text) => !/^BK-/.test(text))) {
    const found = reader.page(QueueQuery.parse({ sort: 'urgent', limit: 100, search })).total;
    if (found === 0) throw new Error(`The search "${search}" found nothing: is the search index built?`);
  }
  for (let round = 0; round < rounds * 5; round++) {
    for (const search of searches) {
      label = 'search';
      timed(searchTimes, () => reader.page(QueueQuery.parse({ sort: 'urgent', limit: 100, search })), search);
      const match = searchMatch(searchTerms(search));
      const started = performance.now();
      db.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? LIMIT 100').all(match);
      searchBaseline.push(performance.now() - started);
    }
  }
  const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  db.close();
  const ftsP99 = percentile(searchTimes, 0.99);
  if (ftsP99 >= FTS_P99_BUDGET_MS) {
    process.stderr.write(
      `Search p99 is ${round2(ftsP99)} ms on ${cases.toLocaleString()} cases: over its ${FTS_P99_BUDGET_MS} ms budget.\n`,
    );
  }
  const all = [...firstPageTimes, ...pageTimes];
  const cpu = (times: number[]) => cpuTimes.get(times) ?? [];
  const allCpu = [...cpu(firstPageTimes), ...cpu(pageTimes)];
  return {
    queue_page_p99_ms: {
      value: round2(percentile(all, 0.99)),
      cases,
      p50: round2(percentile(all, 0.5)),
      cpu_p99_ms: round2(percentile(allCpu, 0.99)),
      cpu_p50_ms: round2(percentile(allCpu, 0.5)),
      first_jump_cpu_p99_ms: round2(percentile(cpu(firstJumpTimes), 0.99)),
      jump_after_a_pause_p99_ms: round2(percentile(pausedJumpTimes, 0.99)),
      jump_after_a_pause_cpu_p99_ms: round2(percentile(cpu(pausedJumpTimes), 0.99)),
      load_average: loadavg()[0]!.toFixed(1),
      pages: all.length,
      first_page_of_a_selection_p99_ms: round2(percentile(firstPageTimes, 0.99)),
      first_jump_of_a_selection_p99_ms: round2(percentile(firstJumpTimes, 0.99)),
      slowest: slowest.map(([ms, what]) => `${round2(ms)} ms ${what}`),
      baseline: {
        offset_and_count_p99_ms: round2(percentile(baselineTimes, 0.99)),
        p50: round2(percentile(baselineTimes, 0.5)),
      },
    },
    clock_queue_page_p99_ms: {
      value: round2(percentile(clock.pages, 0.99)),
      cases,
      p50: round2(percentile(clock.pages, 0.5)),
      cpu_p99_ms: round2(percentile(cpu(clock.pages), 0.99)),
      pages: clock.pages.length,
      first_page_of_a_selection_p99_ms: round2(percentile(clock.firstPages, 0.99)),
      first_jump_of_a_selection_p99_ms: round2(percentile(clock.firstJumps, 0.99)),
      after_a_live_change_p99_ms: round2(percentile(clock.afterChange, 0.99)),
      after_a_live_change_p50_ms: round2(percentile(clock.afterChange, 0.5)),
      slowest: clock.slowest,
      baseline: {
        offset_and_count_p99_ms: round2(percentile(clock.baseline, 0.99)),
        p50: round2(percentile(clock.baseline, 0.5)),
      },
    },
    fts_p99_ms: {
      value: round2(ftsP99),
      cases,
      budget_ms: FTS_P99_BUDGET_MS,
      within_budget: ftsP99 < FTS_P99_BUDGET_MS,
      load_average: loadavg()[0]!.toFixed(1),
      p50: round2(percentile(searchTimes, 0.5)),
      cpu_p99_ms: round2(percentile(cpu(searchTimes), 0.99)),
      cpu_p50_ms: round2(percentile(cpu(searchTimes), 0.5)),
      searches: searchTimes.length,
      baseline: { unranked_fts5_match_p99_ms: round2(percentile(searchBaseline, 0.99)) },
    },
  };
}

/**
 * Pages under the clock filters, read as the console reads them (first page,
 * next pages by key, jumps, End), while the hub's clock moves on a minute a
 * round and a second a selection; and the page on screen read again after a
 * few live changes (the renderer re-reads its pages by position on each
 * `queue.changed`). The changes are rolled back at the end: a kept cache file
 * stays as filled. Baseline: count(*) and LIMIT/OFFSET of the same pages.
 */
function measureClockPages(
  db: ReturnType<typeof openReplicaDatabase>['db'],
  options: { baseline?: boolean },
  rounds: number,
  rng: ReturnType<typeof createSeedRandom>,
  timed: (times: number[], read: () => QueuePage, what?: string) => QueuePage,
  named: (label: string) => void,
) {
  let now = FILLED_AT;
  const reader = new QueueReader(
    db,
    () => now,
    () => RULES,
  );
  const pages: number[] = [];
  const firstPages: number[] = [];
  const firstJumps: number[] = [];
  const afterChange: number[] = [];
  const baseline: number[] = [];
  const slowest: [number, string][] = [];
  const note = (times: number[], read: () => QueuePage, what: string, label: string) => {
    const started = performance.now();
    const page = timed(times, read, what);
    slowest.push([performance.now() - started, `${label} ${what}`]);
    slowest.sort((a, b) => b[0] - a[0]).splice(8);
    return page;
  };
  const rowids = db.prepare('SELECT min(rowid) AS low, max(rowid) AS high FROM cases').get() as {
    low: number;
    high: number;
  };
  const touch = db.prepare(
    `UPDATE cases SET updated_at = @at, status = CASE WHEN is_open = 1 THEN @status ELSE status END WHERE rowid = @rowid`,
  );
  db.exec('BEGIN');
  try {
    for (let round = 0; round < rounds; round++) {
      now += 60_000;
      for (const { clock: clockFilters, filters, sort = 'urgent' } of CLOCK_MIX) {
        for (const openOnly of [false, true]) {
          now += 1000;
          const label = `${JSON.stringify({ ...filters, ...clockFilters })}${openOnly ? ' open' : ''} ${sort}`;
          named(label);
          const ask = (extra: object) =>
            reader.page(QueueQuery.parse({ sort, limit: 100, openOnly, filters, clock: clockFilters, ...extra }));
          let page = note(
            round === 0 ? firstPages : pages,
            () => ask({}),
            round === 0 ? 'first page' : 'page 0',
            label,
          );
          const total = page.total;
          for (let i = 0; i < 5 && page.last; i++) {
            const after = page.last;
            page = note(pages, () => ask({ after, offset: (i + 1) * 100 }), 'next by key', label);
          }
          if (page.first && total > 600) {
            const before = page.first;
            note(pages, () => ask({ before, offset: 400 }), 'previous by key', label);
          }
          let position = 0;
          for (let i = 0; i < 4; i++) {
            position = i === 0 ? Math.floor(total / 2) : Math.floor(rng.next() * Math.max(0, total - 100));
            note(
              round === 0 && i === 0 ? firstJumps : pages,
              () => ask({ offset: position }),
              `jump ${position}`,
              label,
            );
          }
          note(pages, () => ask({ offset: Math.max(0, total - 100) }), 'end', label);
          // Live changes land (a status moved, a case touched), then the page on screen is read again by position.
          for (let i = 0; i < 20; i++) {
            touch.run({
              at: new Date(now).toISOString(),
              status: rng.pick(['inProgress', 'assigned', 'referred'] as const),
              rowid: rowids.low + Math.floor(rng.next() * (rowids.high - rowids.low + 1)),
            });
          }
          now += 250;
          note(afterChange, () => ask({ offset: position }), 'after live changes', label);
          if (round === 0 && options.baseline !== false) {
            baseline.push(...clockBaseline(db, sort, openOnly, filters, clockFilters, now, total, rng.next()));
          }
        }
      }
    }
  } finally {
    db.exec('ROLLBACK');
  }
  return {
    pages,
    firstPages,
    firstJumps,
    afterChange,
    baseline,
    slowest: slowest.map(([ms, what]) => `${round2(ms)} ms ${what}`),
  };
}

/** The clock pages as they were read before: count(*) of the selection and LIMIT/OFFSET on every call. */
function clockBaseline(
  db: ReturnType<typeof openReplicaDatabase>['db'],
  sort: QueueSort,
  openOnly: boolean,
  filters: QueueFilters,
  clockFilters: ClockFilters,
  now: number,
  total: number,
  roll: number,
): number[] {
  const base = selectionWhere({ sort, openOnly, filters });
  const clock = formerClockWhere(clockFilters, now, openOnly);
  const params = { ...base.params, ...clock.params };
  const clauses = [...base.clauses, ...clock.clauses];
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const order = sort === 'urgent' ? 'c.urgent_key, c.id' : 'c.submitted_at DESC, c.id DESC';
  const page = db.prepare(`SELECT c.* FROM cases c ${where} ORDER BY ${order} LIMIT 100 OFFSET @offset`);
  const count = db.prepare(`SELECT count(*) AS n FROM cases c ${where}`);
  return [0, Math.floor(roll * Math.max(0, total - 100)), Math.max(0, total - 100)].map((offset) => {
    const started = performance.now();
    count.get(params);
    page.all({ ...params, offset });
    return performance.now() - started;
  });
}

const ANSWERED = `(c.status IN ('answered', 'closed') AND c.answered_at IS NOT NULL)`;
const LIVE = `c.due_at IS NOT NULL AND NOT ${ANSWERED}`;
const AT_RISK = `json_extract(@atRiskBounds, '$."' || c.type || '|' || c.importance || '|' || c.pillar || '"')`;
/** The clock filters' SQL as the queue read them before their windows (on due_at, the answer read from the row). */
const FORMER_STATE_SQL = {
  met: `(c.due_at IS NOT NULL AND ${ANSWERED} AND c.answered_at <= c.due_at)`,
  breached: `(c.due_at IS NOT NULL AND ((${ANSWERED} AND c.answered_at > c.due_at) OR (NOT ${ANSWERED} AND c.due_at < @now)))`,
  paused: `(${LIVE} AND c.due_at >= @now AND c.status = 'awaitingCitizen')`,
  atRisk: `(${LIVE} AND c.due_at >= @now AND c.status <> 'awaitingCitizen' AND c.due_at <= ${AT_RISK})`,
  running: `(${LIVE} AND c.due_at >= @now AND c.status <> 'awaitingCitizen' AND c.due_at > ${AT_RISK})`,
};

function formerClockWhere(clock: ClockFilters, nowMs: number, openOnly: boolean) {
  const clauses: string[] = [];
  const params: Record<string, string> = { now: new Date(nowMs).toISOString() };
  if (clock.slaState?.length) {
    clauses.push(`(${clock.slaState.map((state) => FORMER_STATE_SQL[state]).join(' OR ')})`);
    const bounds: Record<string, string> = {};
    for (const type of APPLICATION_TYPES)
      for (const importance of IMPORTANCE_LEVELS)
        for (const pillar of PILLARS) {
          const target = Math.max(1, slaTargetsFor(RULES.matrix, type, importance, pillar).resolutionMinutes);
          bounds[`${type}|${importance}|${pillar}`] = new Date(
            addWorkingMinutes(RULES.calendar, nowMs, target * (1 - DEFAULT_AT_RISK_THRESHOLD)),
          ).toISOString();
        }
    params.atRiskBounds = JSON.stringify(bounds);
  }
  const openDueBefore = () => {
    clauses.push(`c.urgent_key >= '0' AND c.urgent_key < @openDueBefore`);
    params.openDueBefore = `0${params.now}`;
  };
  if (clock.breachedToday) {
    const dayStart = new Date(ammanDayStart(nowMs)).toISOString();
    clauses.push(`(c.is_open = 1 AND ${LIVE} AND c.due_at < @now AND c.due_at >= @dayStart)`);
    clauses.push(`c.urgent_key >= @openDueFrom`);
    params.dayStart = dayStart;
    params.openDueFrom = `0${dayStart}`;
    openDueBefore();
  } else if (openOnly && clock.slaState?.length === 1 && clock.slaState[0] === 'breached') {
    openDueBefore();
  }
  if (clock.unchangedDays) {
    clauses.push(`(c.is_open = 1 AND c.updated_at < @unchangedBefore)`);
    params.unchangedBefore = new Date(nowMs - clock.unchangedDays * 86_400_000).toISOString();
  }
  return { clauses, params };
}

/** The queue's reads before keyset paging (OFFSET to the position, count(*) of the selection, outbox per row), on the same index order. */
function offsetBaseline(
  db: ReturnType<typeof openReplicaDatabase>['db'],
  openOnly: boolean,
  filters: QueueFilters,
  total: number,
  roll: number,
): number[] {
  const clauses: string[] = openOnly ? ['c.is_open = 1'] : [];
  const params: Record<string, string> = {};
  const columns: Record<string, string> = {
    entityId: 'c.entity_id',
    sector: 'e.sector',
    type: 'c.type',
    channel: 'c.channel',
    pillar: 'c.pillar',
    importance: 'c.importance',
    status: 'c.status',
    escalationLevel: 'c.escalation_level',
    focalPointId: 'c.focal_point_id',
  };
  for (const [key, values] of Object.entries(filters) as [string, string[]][]) {
    clauses.push(
      `${columns[key]} IN (${values.map((v, i) => ((params[`${key}${i}`] = v), `@${key}${i}`)).join(', ')})`,
    );
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const page = db.prepare(
    `SELECT c.*, (SELECT json_group_array(o.command) FROM outbox o WHERE o.case_id = c.id) AS pending
     FROM cases c LEFT JOIN entities e ON e.id = c.entity_id LEFT JOIN focal_points f ON f.id = c.focal_point_id
     ${where} ORDER BY c.urgent_key, c.id LIMIT 100 OFFSET @offset`,
  );
  const count = db.prepare(`SELECT count(*) AS n FROM cases c LEFT JOIN entities e ON e.id = c.entity_id ${where}`);
  return [0, Math.floor(roll * Math.max(0, total - 100)), Math.max(0, total - 100)].map((offset) => {
    const started = performance.now();
    page.all({ ...params, offset });
    count.get(params);
    return performance.now() - started;
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;
