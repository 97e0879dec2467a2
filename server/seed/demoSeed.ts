import { v7 as uuidv7 } from 'uuid';
import { PILLARS, type CaseStatus } from '../../shared/domain/taxonomy';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { setReplayFloor } from '../changes/changeLog';
import { formatCaseNumber } from '../cases/caseNumber';
import { DEFAULT_SLA_RULES, deadlineColumnValues } from '../cases/caseDeadlines';
import { DEFAULT_LADDER_WINDOWS, escalationLevelAt, trackedDeadlines } from '../../shared/sla';
import { nextReferralValue } from '../cases/nextReferral';
import { createSeedRandom, type SeedRandom } from '../../shared/random/seedRandom';
import { ENTITY_SEEDS } from './entities';
import { jordanianMobile, personName } from './people';
import { composeCaseText } from './caseTexts';

export interface DemoSeedOptions {
  cases?: number;
  seed?: number;
  /** "Now" for the demo year; defaults to the real clock. */
  now?: Date;
}

const DAY = 86_400_000;
const CHUNK = 1000;

export const CHANNEL_WEIGHTS = [
  ['web', 40],
  ['mobile', 35],
  ['callCentre', 18],
  ['chatbot', 7],
] as const;
export const TYPE_WEIGHTS = [
  ['complaint', 45],
  ['inquiry', 30],
  ['report', 12],
  ['suggestion', 8],
  ['compliment', 5],
] as const;
const IMPORTANCE_WEIGHTS = [
  ['low', 15],
  ['normal', 60],
  ['high', 20],
  ['critical', 5],
] as const;

/**
 * Fills an empty hub with the demo country: 106 real entities, about 220 focal
 * points and a year of cases whose states follow their age. Returns null when
 * the database already holds data (a restart keeps what the console synced).
 */
export async function seedDemoData(
  db: HubDatabase,
  options: DemoSeedOptions,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ entities: number; focalPoints: number; cases: number } | null> {
  // Claimed once per database: of several hub processes starting together, one seeds.
  const claimed = await db.query(
    `INSERT INTO hub_meta (key, value) SELECT 'demo_seeded', now()::text WHERE NOT EXISTS (SELECT 1 FROM entities)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
  );
  if (claimed.length === 0) return null;
  const rng = createSeedRandom(options.seed ?? 2026);
  const now = options.now ?? new Date();
  const caseCount = options.cases ?? 20_000;

  const entityId = (code: string) => `ent-${code.toLowerCase()}`;
  const entities = ENTITY_SEEDS.map((e) => ({
    id: entityId(e.code),
    code: e.code,
    name_ar: e.nameAr,
    name_en: e.nameEn,
    sector: e.sector,
    kind: e.kind,
    parent_id: e.parentCode ? entityId(e.parentCode) : null,
  }));
  const focalPoints = buildFocalPoints(rng, entities);

  await db.transaction(async (tx) => {
    // Parents first: the seed lists some children before their parents.
    await insertJson(
      tx,
      'entities',
      ['id', 'code', 'name_ar', 'name_en', 'sector', 'kind'],
      entities,
      'text,text,text,text,text,text',
    );
    for (const e of entities)
      if (e.parent_id) await tx.query('UPDATE entities SET parent_id = $2 WHERE id = $1', [e.id, e.parent_id]);
    await insertJson(
      tx,
      'focal_points',
      ['id', 'entity_id', 'name_ar', 'name_en', 'phone', 'email'],
      focalPoints,
      'text,text,text,text,text,text',
    );
  });

  // Each entity's ladder of officials, whom a late case is referred to in turn.
  const officials = entities.flatMap((e) =>
    (['director', 'secretaryGeneral', 'minister'] as const).map((level) => {
      const name = personName(rng);
      return { entity_id: e.id, level, name_ar: name.ar, name_en: name.en };
    }),
  );
  await db.transaction((tx) =>
    insertJson(tx, 'entity_officials', ['entity_id', 'level', 'name_ar', 'name_en'], officials, 'text,text,text,text'),
  );

  const byEntity = new Map<string, string[]>();
  for (const fp of focalPoints) byEntity.set(fp.entity_id, [...(byEntity.get(fp.entity_id) ?? []), fp.id]);

  // Ascending submission times give ascending time-ordered ids and numbers.
  const times = Array.from({ length: caseCount }, () => now.getTime() - Math.pow(rng.next(), 1.6) * 365 * DAY).sort(
    (a, b) => a - b,
  );
  for (let start = 0; start < caseCount; start += CHUNK) {
    const rows: ReturnType<typeof demoCase>[] = [];
    for (let i = start; i < Math.min(caseCount, start + CHUNK); i++) {
      rows.push(demoCase(rng, i + 1, new Date(times[i]!), now, entities, byEntity));
    }
    await db.transaction(async (tx) => {
      await insertJson(tx, 'cases', CASE_COLUMNS, rows, CASE_TYPES);
      await tx.query(
        `INSERT INTO case_events (case_id, at, kind, actor, data)
         SELECT id, submitted_at, 'submitted', 'channel:' || channel, '{}'::jsonb FROM cases WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
    });
    onProgress(Math.min(caseCount, start + CHUNK), caseCount);
  }
  await db.transaction(async (tx) => {
    await tx.query(`SELECT setval('case_number_seq', $1)`, [caseCount]);
    for (const table of ['entities', 'focal_points', 'cases']) {
      await tx.query(
        `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${table}),
              base AS (SELECT seq FROM change_counter WHERE id = 1)
         UPDATE ${table} t SET seq = base.seq + numbered.n FROM numbered, base WHERE t.id = numbered.id`,
      );
      await tx.query(`UPDATE change_counter SET seq = seq + (SELECT count(*) FROM ${table}) WHERE id = 1`);
    }
    const [last] = await tx.query<{ seq: number }>(`SELECT seq::float8 AS seq FROM change_counter WHERE id = 1`);
    // Seeded rows reach consoles by snapshot only; the log replays from here on.
    await setReplayFloor(tx, last!.seq);
  });
  return { entities: entities.length, focalPoints: focalPoints.length, cases: caseCount };
}

const CASE_COLUMNS = [
  'id',
  'number',
  'client_id',
  'type',
  'channel',
  'entity_id',
  'focal_point_id',
  'pillar',
  'importance',
  'status',
  'escalation_level',
  'title',
  'body',
  'language',
  'applicant_name',
  'applicant_phone',
  'submitted_at',
  'due_at',
  'first_response_at',
  'answered_at',
  'closed_at',
  'rating',
  'pauses',
  'last_update_at',
  'first_response_due_at',
  'update_due_at',
  'at_risk_at',
  'next_referral_at',
  'sla_alerts',
  'updated_at',
  'version',
];
const CASE_TYPES =
  'uuid,text,text,text,text,text,text,text,text,text,text,text,text,text,text,text,timestamptz,timestamptz,timestamptz,timestamptz,timestamptz,smallint,jsonb,timestamptz,timestamptz,timestamptz,timestamptz,timestamptz,text[],timestamptz,integer';

function buildFocalPoints(rng: SeedRandom, entities: readonly { id: string; code: string; kind: string }[]) {
  const focalPoints: {
    id: string;
    entity_id: string;
    name_ar: string;
    name_en: string;
    phone: string;
    email: string;
  }[] = [];
  for (const entity of entities) {
    // Ministries and big departments have more liaison officers: ~220 over 106 entities.
    const count = entity.kind === 'ministry' ? 3 : entity.kind === 'municipality' ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const name = personName(rng);
      const id = `fp-${String(focalPoints.length + 1).padStart(3, '0')}`;
      focalPoints.push({
        id,
        entity_id: entity.id,
        name_ar: name.ar,
        name_en: name.en,
        phone: jordanianMobile(rng),
        email: `${id}@${entity.code.toLowerCase()}.gov.jo`,
      });
    }
  }
  return focalPoints;
}

function demoCase(
  rng: SeedRandom,
  serial: number,
  submittedAt: Date,
  now: Date,
  entities: readonly { id: string; code: string; name_ar: string; name_en: string; sector: string }[],
  focalPointsOf: Map<string, string[]>,
) {
  const entity = rng.pick(entities);
  const type = rng.weighted(TYPE_WEIGHTS);
  const pillar = rng.pick(PILLARS);
  const importance = rng.weighted(IMPORTANCE_WEIGHTS);
  const channel = rng.weighted(CHANNEL_WEIGHTS);
  const text = composeCaseText(rng, {
    type,
    pillar,
    sector: entity.sector as never,
    entityNameAr: entity.name_ar,
    entityNameEn: entity.name_en,
  });
  const ageDays = (now.getTime() - submittedAt.getTime()) / DAY;
  const status = demoStatus(rng, ageDays);
  const responded = status !== 'assigned' && status !== 'submitted';
  const firstResponseAt = responded ? new Date(submittedAt.getTime() + rng.int(1, 72) * 3_600_000) : null;
  const answeredAt =
    status === 'answered' || status === 'closed' ? new Date(submittedAt.getTime() + rng.int(4, 400) * 3_600_000) : null;
  const closedAt =
    status === 'closed' && answeredAt ? new Date(answeredAt.getTime() + rng.int(1, 96) * 3_600_000) : null;
  const focalPoint = rng.pick(focalPointsOf.get(entity.id) ?? [null]);
  const applicant = personName(rng);
  const cap = (d: Date | null) => (d && d > now ? now : d);
  // Cases waiting for the citizen are paused since some hours after the first response; a share of
  // answered ones waited once along the way. Their clocks are then tracked as the hub tracks a live case.
  const pauses: { from: string; to: string | null }[] = [];
  const respondedAt = cap(firstResponseAt);
  if (respondedAt && status === 'awaitingCitizen') {
    pauses.push({ from: cap(new Date(respondedAt.getTime() + rng.int(1, 48) * 3_600_000))!.toISOString(), to: null });
  } else if (respondedAt && answeredAt && answeredAt > respondedAt && rng.chance(0.15)) {
    const from = respondedAt.getTime() + (answeredAt.getTime() - respondedAt.getTime()) * 0.3;
    pauses.push({
      from: new Date(from).toISOString(),
      to: cap(new Date(from + rng.int(1, 48) * 3_600_000))!.toISOString(),
    });
  }
  const [dueAtIso, firstResponseDueAt, updateDueAt, atRiskAt] = deadlineColumnValues(
    trackedDeadlines(
      {
        type,
        importance,
        pillar,
        status,
        submittedAtMs: submittedAt.getTime(),
        pauses: pauses.map((p) => ({ fromMs: Date.parse(p.from), toMs: p.to ? Date.parse(p.to) : Infinity })),
        firstResponseAtMs: respondedAt?.getTime() ?? null,
        lastUpdateAtMs: respondedAt?.getTime() ?? null,
        answeredAtMs: cap(answeredAt)?.getTime() ?? null,
        closedAtMs: cap(closedAt)?.getTime() ?? null,
      },
      { calendar: DEFAULT_SLA_RULES.calendar, matrix: DEFAULT_SLA_RULES.matrix },
      now.getTime(),
    ),
  );
  // Where the ladder has already taken it: the referral job then moves cases only as time passes,
  // rather than raising a year of referrals at once when the demo starts.
  const escalationLevel = answeredAt
    ? 'focalPoint'
    : escalationLevelAt(DEFAULT_LADDER_WINDOWS, DEFAULT_SLA_RULES.calendar, Date.parse(dueAtIso), now.getTime());
  return {
    id: uuidv7({ msecs: submittedAt.getTime(), seq: serial }),
    number: formatCaseNumber(submittedAt, serial),
    client_id: `seed-${serial}`,
    type,
    channel,
    entity_id: entity.id,
    focal_point_id: status === 'submitted' ? null : focalPoint,
    pillar,
    importance,
    status,
    escalation_level: escalationLevel,
    title: text.title,
    body: text.body,
    language: text.language,
    applicant_name: applicant.ar,
    applicant_phone: jordanianMobile(rng),
    submitted_at: submittedAt.toISOString(),
    due_at: dueAtIso,
    first_response_at: respondedAt?.toISOString() ?? null,
    answered_at: cap(answeredAt)?.toISOString() ?? null,
    closed_at: cap(closedAt)?.toISOString() ?? null,
    rating: answeredAt && rng.chance(0.6) ? rng.weighted(RATING_WEIGHTS) : null,
    pauses: JSON.stringify(pauses),
    last_update_at: respondedAt?.toISOString() ?? null,
    first_response_due_at: firstResponseDueAt,
    update_due_at: updateDueAt,
    at_risk_at: atRiskAt,
    next_referral_at: nextReferralValue(
      { calendar: DEFAULT_SLA_RULES.calendar, ladder: DEFAULT_LADDER_WINDOWS },
      { status, level: escalationLevel, dueMs: Date.parse(dueAtIso), entityCode: entity.code },
    ),
    sla_alerts: alertedBefore(now, respondedAt, { firstResponseDueAt, updateDueAt, atRiskAt, dueAt: dueAtIso }),
    updated_at: (cap(closedAt) ?? cap(answeredAt) ?? cap(firstResponseAt) ?? submittedAt).toISOString(),
    version: 1,
  };
}

/**
 * The demo starts in a world that has been running: clocks that ran out
 * before it began count as already alerted, so the feed shows what happens
 * from now on rather than a year of backlog at once. As a Postgres array literal.
 */
function alertedBefore(
  now: Date,
  respondedAt: Date | null,
  d: { firstResponseDueAt: string | null; updateDueAt: string | null; atRiskAt: string | null; dueAt: string | null },
): string {
  const past = (iso: string | null): iso is string => iso !== null && Date.parse(iso) < now.getTime();
  const keys: string[] = [];
  if (past(d.firstResponseDueAt) && !respondedAt) keys.push('firstResponse');
  if (past(d.updateDueAt) && respondedAt) keys.push(`update@${d.updateDueAt}`);
  if (past(d.atRiskAt)) keys.push('resolution:atRisk');
  return `{${keys.map((k) => `"${k}"`).join(',')}}`;
}

const RATING_WEIGHTS = [
  [5, 38],
  [4, 24],
  [3, 14],
  [2, 10],
  [1, 14],
] as const;

/** Older cases are mostly closed; the last weeks hold the open queue. */
export function demoStatus(rng: SeedRandom, ageDays: number): CaseStatus {
  if (ageDays > 45)
    return rng.weighted([
      ['closed', 90],
      ['answered', 7],
      ['inProgress', 2],
      ['reopened', 1],
    ] as const);
  if (ageDays > 10)
    return rng.weighted([
      ['closed', 55],
      ['answered', 20],
      ['inProgress', 12],
      ['awaitingCitizen', 6],
      ['assigned', 5],
      ['reopened', 2],
    ] as const);
  return rng.weighted([
    ['assigned', 35],
    ['inProgress', 30],
    ['awaitingCitizen', 8],
    ['answered', 15],
    ['submitted', 7],
    ['closed', 5],
  ] as const);
}

/** Inserts rows through one JSON parameter per chunk: fast on PGlite and PostgreSQL alike. */
async function insertJson(
  tx: SqlRunner,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  types: string,
) {
  const typeList = types.split(',');
  const select = columns.map((c, i) => `(r->>'${c}')::${typeList[i]}`).join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM json_array_elements($1::json) AS r`,
      [JSON.stringify(rows.slice(i, i + CHUNK))],
    );
  }
}
