import { PILLARS, type CaseStatus } from '../../shared/domain/taxonomy';
import { IntakeApplication } from '../../shared/domain/intakeApplication';
import type { HubDatabase } from '../db/hubDatabase';
import { submitApplication } from '../intake/intakeService';
import { transitionCase } from '../cases/caseTransitions';
import { executeCommand } from '../commands/commandRoutes';
import { createSeedRandom, type SeedRandom } from '../../shared/random/seedRandom';
import { ENTITY_SEEDS } from '../seed/entities';
import { jordanianMobile, personName } from '../seed/people';
import { composeAnswer, composeCaseText } from '../seed/caseTexts';
import { CHANNEL_WEIGHTS, TYPE_WEIGHTS } from '../seed/demoSeed';
import type { HubLogger } from '../hubLogger';
import { logNormalDelay, poissonCount } from './answerDelays';

export interface SimulatorKnobs {
  /** New applications a minute, across all channels. */
  applicationsPerMinute: number;
  /** Median real seconds before a focal point takes the next step on a case. */
  medianStepSeconds: number;
  /** Spread of those delays (log-normal sigma): larger means a longer tail of slow answers. */
  stepSpread: number;
  /** Share of cases a focal point neglects until they breach and are referred up. */
  neglectedShare: number;
  /** Share of answered cases the citizen rates, and the share of ratings that are low (1–2). */
  ratedShare: number;
  lowRatingShare: number;
  /** Share of answers the citizen rejects by reopening the case instead of closing it. */
  reopenShare: number;
  /** Share of the operation room's chases a focal point answers (the rest go unanswered and are alerted). */
  chaseAnswerShare: number;
  /** Most steps taken in one tick, so a backlog drains smoothly. */
  maxStepsPerTick: number;
  seed: number;
}

export const DEFAULT_KNOBS: SimulatorKnobs = {
  applicationsPerMinute: 30,
  medianStepSeconds: 90,
  stepSpread: 0.9,
  neglectedShare: 0.15,
  ratedShare: 0.6,
  lowRatingShare: 0.25,
  reopenShare: 0.05,
  chaseAnswerShare: 0.7,
  maxStepsPerTick: 20,
  seed: 7,
};

const TICK_MS = 1000;
const SCAN_EVERY_TICKS = 10;
const NEXT_STEP: Partial<Record<CaseStatus, CaseStatus>> = {
  assigned: 'inProgress',
  reopened: 'inProgress',
  inProgress: 'answered',
  awaitingCitizen: 'inProgress',
  answered: 'closed',
};

/**
 * Keeps the demo country moving: channels submit applications through the
 * same service as the intake API, and each open case gets its focal point's
 * next step at a log-normally distributed time; a share are neglected, so they
 * breach and climb the ladder.
 */
export class TrafficSimulator {
  readonly knobs: SimulatorKnobs;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private ticks = 0;
  private readonly rng: SeedRandom;
  private submitted = 0;
  /** caseId → when its next step is due (ms), or null when it is neglected. */
  private readonly plan = new Map<string, number | null>();

  constructor(
    private readonly db: HubDatabase,
    knobs: Partial<SimulatorKnobs>,
    private readonly log: HubLogger,
  ) {
    this.knobs = { ...DEFAULT_KNOBS, ...knobs };
    this.rng = createSeedRandom(this.knobs.seed ^ Date.now());
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(now = Date.now()): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.ticks++ % SCAN_EVERY_TICKS === 0) {
        await this.planOpenCases(now);
        await this.answerChases(now);
      }
      const arrivals = poissonCount(this.rng, (this.knobs.applicationsPerMinute * TICK_MS) / 60_000);
      for (let i = 0; i < arrivals; i++) await this.submitOne();
      await this.takeDueSteps(now);
    } catch (error) {
      this.log.warn('simulator tick failed', { error: (error as Error).message.slice(0, 200) });
    } finally {
      this.busy = false;
    }
  }

  private schedule(caseId: string, now: number): void {
    const neglected = this.rng.chance(this.knobs.neglectedShare);
    this.plan.set(
      caseId,
      neglected ? null : now + 1000 * logNormalDelay(this.rng, this.knobs.medianStepSeconds, this.knobs.stepSpread),
    );
  }

  private async planOpenCases(now: number): Promise<void> {
    const open = await this.db.query<{ id: string }>(
      `SELECT id::text AS id FROM cases WHERE status IN ('assigned','inProgress','awaitingCitizen','answered','reopened')
       AND focal_point_id IS NOT NULL ORDER BY submitted_at DESC LIMIT 2000`,
    );
    for (const { id } of open) if (!this.plan.has(id)) this.schedule(id, now);
  }

  private async takeDueSteps(now: number): Promise<void> {
    let steps = 0;
    for (const [caseId, dueAt] of this.plan) {
      if (steps >= this.knobs.maxStepsPerTick) return;
      if (dueAt === null || dueAt > now) continue;
      steps++;
      const [row] = await this.db.query<{
        status: CaseStatus;
        focal_point_id: string | null;
        type: string;
        language: 'ar' | 'en';
      }>('SELECT status, focal_point_id, type, language FROM cases WHERE id = $1::uuid', [caseId]);
      const next = row ? NEXT_STEP[row.status] : undefined;
      if (!row || !next) {
        this.plan.delete(caseId);
        continue;
      }
      await this.step(caseId, row, next);
      if (next === 'closed') this.plan.delete(caseId);
      else this.schedule(caseId, now);
    }
  }

  private async step(
    caseId: string,
    row: { status: CaseStatus; focal_point_id: string | null; type: string; language: 'ar' | 'en' },
    next: CaseStatus,
  ): Promise<void> {
    const at = new Date();
    if (next === 'closed' && this.rng.chance(this.knobs.reopenShare)) {
      await transitionCase(this.db, caseId, { to: 'reopened', actor: 'citizen', at, data: { reason: 'simulated' } });
      return;
    }
    if (next === 'closed') {
      const rated = this.rng.chance(this.knobs.ratedShare);
      const low = this.rng.chance(this.knobs.lowRatingShare);
      const rating = low ? this.rng.int(1, 2) : this.rng.int(3, 5);
      await transitionCase(this.db, caseId, { to: 'closed', actor: 'citizen', at, ...(rated ? { rating } : {}) });
      return;
    }
    // Now and then the focal point needs something from the citizen first.
    const to = next === 'inProgress' && row.status === 'assigned' && this.rng.chance(0.08) ? 'awaitingCitizen' : next;
    const data =
      to === 'answered' ? { answer: composeAnswer(this.rng, { type: row.type as never, language: row.language }) } : {};
    await transitionCase(this.db, caseId, { to, actor: `focalPoint:${row.focal_point_id}`, at, data });
  }

  /** Chases already decided (answered, or left to go unanswered), so each is decided once. */
  private readonly chasesDecided = new Set<string>();

  /** Focal points answer most chases after a while, through the same command they would use. */
  private async answerChases(now: number): Promise<void> {
    const open = await this.db.query<{ id: string; focal_point_id: string }>(
      `SELECT id::text AS id, focal_point_id FROM chases WHERE answered_at IS NULL AND sent_at < $1 ORDER BY sent_at LIMIT 50`,
      [new Date(now - this.knobs.medianStepSeconds * 1000).toISOString()],
    );
    for (const chase of open) {
      if (this.chasesDecided.has(chase.id)) continue;
      this.chasesDecided.add(chase.id);
      if (!this.rng.chance(this.knobs.chaseAnswerShare)) continue;
      const actor = {
        userId: `sim-${chase.focal_point_id}`,
        role: 'focalPoint' as const,
        entityId: null,
        focalPointId: chase.focal_point_id,
      };
      await executeCommand(this.db, 'replyToChase', actor, {
        clientId: `sim-reply-${chase.id}`,
        chaseId: chase.id,
        answer: 'جارٍ العمل على الطلب وسيتم الرد قريباً',
      });
    }
  }

  async submitOne(): Promise<void> {
    const entity = this.rng.pick(ENTITY_SEEDS);
    const type = this.rng.weighted(TYPE_WEIGHTS);
    const pillar = this.rng.pick(PILLARS);
    const text = composeCaseText(this.rng, {
      type,
      pillar,
      sector: entity.sector,
      entityNameAr: entity.nameAr,
      entityNameEn: entity.nameEn,
    });
    const applicant = personName(this.rng);
    this.submitted++;
    const accepted = await submitApplication(
      this.db,
      IntakeApplication.parse({
        clientId: `sim-${Date.now()}-${this.submitted}`,
        type,
        channel: this.rng.weighted(CHANNEL_WEIGHTS),
        entityCode: entity.code,
        pillar,
        importance: this.rng.weighted([
          ['low', 15],
          ['normal', 60],
          ['high', 20],
          ['critical', 5],
        ] as const),
        title: text.title,
        body: text.body,
        language: text.language,
        applicant: { name: applicant.ar, phone: jordanianMobile(this.rng) },
      }),
    );
    this.schedule(accepted.id, Date.now());
  }
}
