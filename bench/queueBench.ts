import { loadavg } from 'node:os';
import { openCacheDatabase } from '../electron/core/cache/openCacheDatabase';
import { QueueReader } from '../electron/core/cache/queueReader';
import { QueueQuery, type QueueFilters, type QueuePage } from '../shared/contract/deskContract';
import { createSeedRandom } from '../shared/random/seedRandom';
import { searchTerms } from '../shared/text/arabicNormalize';
import { phoneKey } from '../shared/text/phoneKey';
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

/** Searches an operator types: common and rare words, two words, a case number, a phone number. */
const SEARCHES = [
  'المياه',
  'مستشفى',
  'تأخر الموعد',
  'جواز',
  'الكهرباء',
  'طريق',
  'water',
  'BK-26-0000123',
  '0791',
  'شكوى الانتظار',
];

/**
 * The queue's figures on a filled cache: pages of 100 sorted by deadline over
 * every filter combination above, read as the console reads them (first page,
 * next pages by key, jumps by position, the end), and ranked searches. Each
 * beside a baseline on the same file: the reads as the queue made them
 * before (OFFSET, count(*) per page, the outbox aggregated per row), and an
 * unranked FTS5 match of the same words.
 */
export async function measureQueue(cachePath: string, options: { rounds?: number; baseline?: boolean } = {}) {
  const { db } = openCacheDatabase(cachePath);
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
  const searchTimes: number[] = [];
  const searchBaseline: number[] = [];
  // A figure over an empty search index would be meaningless: every search by words must find cases.
  for (const search of SEARCHES.filter((text) => !/^BK-/.test(text))) {
    const found = reader.page(QueueQuery.parse({ sort: 'urgent', limit: 100, search })).total;
    if (found === 0) throw new Error(`The search "${search}" found nothing: is the search index built?`);
  }
  for (let round = 0; round < rounds * 5; round++) {
    for (const search of SEARCHES) {
      label = 'search';
      timed(searchTimes, () => reader.page(QueueQuery.parse({ sort: 'urgent', limit: 100, search })), search);
      const match = searchTerms(search)
        .map((t) => `"${phoneKey(t)}"*`)
        .join(' ');
      const started = performance.now();
      db.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? LIMIT 100').all(match);
      searchBaseline.push(performance.now() - started);
    }
  }
  const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  db.close();
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
    fts_p99_ms: {
      value: round2(percentile(searchTimes, 0.99)),
      cases,
      p50: round2(percentile(searchTimes, 0.5)),
      cpu_p99_ms: round2(percentile(cpu(searchTimes), 0.99)),
      cpu_p50_ms: round2(percentile(cpu(searchTimes), 0.5)),
      searches: searchTimes.length,
      baseline: { unranked_fts5_match_p99_ms: round2(percentile(searchBaseline, 0.99)) },
    },
  };
}

/** The queue's reads before keyset paging (OFFSET to the position, count(*) of the selection, outbox per row), on the same index order. */
function offsetBaseline(
  db: ReturnType<typeof openCacheDatabase>['db'],
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
