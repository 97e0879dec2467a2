import { v7 as uuidv7 } from 'uuid';
import { PILLARS } from '../shared/domain/taxonomy';
import type { CaseRecord } from '../shared/domain/caseRecord';
import type { EntityRecord, FocalPointRecord } from '../shared/domain/entityRecord';
import { ReplicaStore } from '../desk/replica/replicaStore';
import { openReplicaDatabase } from '../desk/replica/openReplicaDatabase';
import { ENTITY_SEEDS } from '../server/seed/entities';
import { createSeedRandom } from '../shared/random/seedRandom';
import { demoStatus } from '../server/seed/demoSeed';
import { composeCaseText } from '../server/seed/caseTexts';
import { jordanianMobile, personName } from '../server/seed/people';
import { CHANNEL_WEIGHTS, TYPE_WEIGHTS } from '../server/seed/demoSeed';
import { formatCaseNumber } from '../server/cases/caseNumber';
import { caseRecord } from '../tests/support/caseRecordFixture';
import { buildSearch } from '../tests/support/buildSearch';

const DAY = 86_400_000;
const PAGE = 5000;
/** Distinct texts composed; cases draw from them, so a million cases cost seconds, not minutes, to write. */
const TEXTS = 40_000;

/**
 * Fills a console cache directly with `count` demo-like cases (the seed's
 * entities, type/channel weights, ages and statuses), through the replica's
 * own snapshot path and search indexing. It skips the hub and the wire, which
 * `bench:console`'s bootstrap figure measures; the queue and search figures
 * only need the rows in the cache.
 */
export function fillQueueReplica(path: string, count: number, seed = 7): { seconds: number } {
  const started = performance.now();
  const rng = createSeedRandom(seed);
  // Answers and last changes are drawn apart, so every other field is drawn as it was before they were filled.
  const timing = createSeedRandom(seed + 1);
  const now = Date.parse('2026-11-30T10:00:00.000Z');
  const { db } = openReplicaDatabase(path);
  const store = new ReplicaStore(db);
  store.beginBootstrap('bench', 1, { keepRows: false });
  const entities: EntityRecord[] = ENTITY_SEEDS.map((e, i) => ({
    id: `ent-${e.code.toLowerCase()}`,
    code: e.code,
    nameAr: e.nameAr,
    nameEn: e.nameEn,
    sector: e.sector,
    kind: e.kind,
    parentId: null,
    seq: i + 1,
  }));
  const focalPoints: FocalPointRecord[] = entities.flatMap((e, i) =>
    [0, 1].map((k) => ({
      id: `fp-${String(i * 2 + k + 1).padStart(3, '0')}`,
      entityId: e.id,
      nameAr: personName(rng).ar,
      nameEn: personName(rng).en,
      phone: jordanianMobile(rng),
      email: `fp${i * 2 + k + 1}@example.gov.jo`,
      active: true,
      seq: 1000 + i * 2 + k,
    })),
  );
  store.writeSnapshotPage('entities', entities, null, true);
  store.writeSnapshotPage('focalPoints', focalPoints, null, true);
  const texts = Array.from({ length: TEXTS }, () => {
    const entity = rng.pick(entities);
    const type = rng.weighted(TYPE_WEIGHTS);
    const pillar = rng.pick(PILLARS);
    return composeCaseText(rng, {
      type,
      pillar,
      sector: entity.sector,
      entityNameAr: entity.nameAr,
      entityNameEn: entity.nameEn,
    });
  });
  const times = Array.from({ length: count }, () => now - Math.pow(rng.next(), 1.6) * 365 * DAY).sort((a, b) => a - b);
  for (let start = 0; start < count; start += PAGE) {
    const rows: CaseRecord[] = [];
    for (let i = start; i < Math.min(count, start + PAGE); i++) {
      const submittedAt = times[i]!;
      const entity = rng.pick(entities);
      const status = demoStatus(rng, (now - submittedAt) / DAY);
      const text = texts[Math.floor(rng.next() * TEXTS)]!;
      const iso = new Date(submittedAt).toISOString();
      rows.push(
        caseRecord({
          id: uuidv7({ msecs: submittedAt, seq: i }),
          number: formatCaseNumber(new Date(submittedAt), i + 1),
          type: rng.weighted(TYPE_WEIGHTS),
          channel: rng.weighted(CHANNEL_WEIGHTS),
          entityId: entity.id,
          focalPointId:
            status === 'submitted'
              ? null
              : `fp-${String(entities.indexOf(entity) * 2 + rng.int(1, 2)).padStart(3, '0')}`,
          pillar: rng.pick(PILLARS),
          importance: rng.weighted([
            ['low', 15],
            ['normal', 60],
            ['high', 20],
            ['critical', 5],
          ] as const),
          status,
          escalationLevel: rng.weighted([
            ['focalPoint', 85],
            ['director', 9],
            ['secretaryGeneral', 4],
            ['minister', 2],
          ] as const),
          title: text.title,
          body: text.body,
          language: text.language,
          applicantName: 'مواطن',
          applicantPhone: jordanianMobile(rng),
          submittedAt: iso,
          dueAt: new Date(submittedAt + rng.int(2, 30) * DAY).toISOString(),
          updatedAt: iso,
          seq: 10_000 + i,
        }),
      );
      withAnswerAndLastChange(rows.at(-1)!, timing, now);
    }
    store.writeSnapshotPage('cases', rows, rows.at(-1)!.id, start + PAGE >= count);
  }
  store.completeBootstrap();
  // Search is built behind a snapshot in the desk; here, before anything is measured.
  buildSearch(db);
  db.pragma('optimize');
  db.close();
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * An answered or closed case was answered (about four in five before the
 * deadline, the rest after it; met and breached clocks both have cases), and
 * a case last changed some time between its submission and now (or at its
 * answer), so "unchanged for days" selects some open cases and not others.
 */
function withAnswerAndLastChange(row: CaseRecord, rng: ReturnType<typeof createSeedRandom>, now: number): void {
  const submitted = Date.parse(row.submittedAt);
  const due = Date.parse(row.dueAt!);
  if (row.status === 'answered' || row.status === 'closed') {
    const answered = Math.min(now, submitted + (due - submitted) * (0.2 + rng.next() * 1.0));
    row.answeredAt = new Date(answered).toISOString();
    row.firstResponseAt = row.answeredAt;
    if (row.status === 'closed') row.closedAt = row.answeredAt;
    row.updatedAt = row.answeredAt;
  } else {
    row.updatedAt = new Date(submitted + (now - submitted) * rng.next()).toISOString();
  }
}
