import { z } from 'zod';
import type { HubConfig } from './hubServer';

const HubEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4310),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  PGLITE_DIR: z.string().optional(),
  HUB_SEED_CASES: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
  HUB_SIMULATE: z.enum(['on', 'off']).default('on'),
  HUB_APPLICATIONS_PER_MINUTE: z.coerce.number().min(0).max(60_000).default(30),
  HUB_MEDIAN_STEP_SECONDS: z.coerce.number().positive().max(86_400).default(90),
  HUB_NEGLECTED_SHARE: z.coerce.number().min(0).max(1).default(0.15),
  HUB_LOW_RATING_SHARE: z.coerce.number().min(0).max(1).default(0.25),
  HUB_CHANNEL_KEYS: z.string().optional(),
});

/** Reads the hub's settings from the environment, refusing bad values with a message that names them. */
export function hubConfigFromEnv(env: Record<string, string | undefined>): HubConfig {
  const parsed = HubEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Bad hub configuration: ${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    pgliteDataDir: e.PGLITE_DIR ?? '.data/hub-pglite',
    channelKeys: (e.HUB_CHANNEL_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k.length >= 16),
    seed: { cases: e.HUB_SEED_CASES },
    simulate:
      e.HUB_SIMULATE === 'on'
        ? {
            applicationsPerMinute: e.HUB_APPLICATIONS_PER_MINUTE,
            medianStepSeconds: e.HUB_MEDIAN_STEP_SECONDS,
            neglectedShare: e.HUB_NEGLECTED_SHARE,
            lowRatingShare: e.HUB_LOW_RATING_SHARE,
          }
        : false,
  };
}
