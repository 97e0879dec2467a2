import { PILLARS } from '../../shared/domain/taxonomy';
import { IntakeApplication } from '../../shared/domain/intakeApplication';
import type { HubDatabase } from '../db/hubDatabase';
import { submitApplication } from '../intake/intakeService';
import { transitionCase } from '../cases/caseTransitions';
import { createSeedRandom, type SeedRandom } from '../seed/seedRandom';
import { ENTITY_SEEDS } from '../seed/entities';
import { jordanianMobile, personName } from '../seed/people';
import { composeCaseText } from '../seed/caseTexts';
import { CHANNEL_WEIGHTS, TYPE_WEIGHTS } from '../seed/demoSeed';
import type { HubLogger } from '../hubLogger';

export interface SimulatorKnobs {
  /** New applications a minute, across all channels. */
  applicationsPerMinute: number;
  /** Focal-point actions (accept, answer, close) a minute. */
  focalPointActionsPerMinute: number;
  /** Share of answers that get a citizen's rating. */
  ratedShare: number;
  seed: number;
}

export const DEFAULT_KNOBS: SimulatorKnobs = {
  applicationsPerMinute: 30,
  focalPointActionsPerMinute: 40,
  ratedShare: 0.6,
  seed: 7,
};

const TICK_MS = 1000;

/**
 * Keeps the demo country moving: channels submit applications through the same
 * service as the intake API, and focal points pick up, answer and close cases.
 * Poisson arrivals per tick, so traffic comes in realistic clumps.
 */
export class TrafficSimulator {
  readonly knobs: SimulatorKnobs;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private readonly rng: SeedRandom;
  private submitted = 0;

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

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const arrivals = poisson(this.rng, (this.knobs.applicationsPerMinute * TICK_MS) / 60_000);
      for (let i = 0; i < arrivals; i++) await this.submitOne();
      const actions = poisson(this.rng, (this.knobs.focalPointActionsPerMinute * TICK_MS) / 60_000);
      for (let i = 0; i < actions; i++) await this.focalPointActs();
    } catch (error) {
      this.log.warn('simulator tick failed', { error: (error as Error).message.slice(0, 200) });
    } finally {
      this.busy = false;
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
    await submitApplication(
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
  }

  /** One focal point moves one of their open cases a step forward. */
  async focalPointActs(): Promise<void> {
    const [open] = await this.db.query<{ id: string; status: string; focal_point_id: string | null }>(
      `SELECT id::text AS id, status, focal_point_id FROM cases
       WHERE status IN ('assigned','inProgress','answered','reopened') AND focal_point_id IS NOT NULL
       ORDER BY submitted_at DESC OFFSET $1 LIMIT 1`,
      [this.rng.int(0, 300)],
    );
    if (!open) return;
    const actor = `focalPoint:${open.focal_point_id}`;
    const at = new Date();
    if (open.status === 'assigned' || open.status === 'reopened') {
      await transitionCase(this.db, open.id, {
        to: this.rng.chance(0.1) ? 'awaitingCitizen' : 'inProgress',
        actor,
        at,
      });
    } else if (open.status === 'inProgress') {
      await transitionCase(this.db, open.id, { to: 'answered', actor, at });
    } else {
      const rated = this.rng.chance(this.knobs.ratedShare);
      await transitionCase(this.db, open.id, {
        to: 'closed',
        actor: 'citizen',
        at,
        ...(rated
          ? {
              rating: this.rng.weighted([
                [5, 38],
                [4, 24],
                [3, 14],
                [2, 10],
                [1, 14],
              ] as const),
            }
          : {}),
      });
    }
  }
}

function poisson(rng: SeedRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
