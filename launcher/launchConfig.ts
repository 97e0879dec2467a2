import { resolve } from 'node:path';
import { z } from 'zod';

const LaunchEnv = z.object({
  DESK_HUB_URL: z.url({ protocol: /^https?$/ }).optional(),
  DESK_DATA_DIR: z.string().min(1).optional(),
  DESK_PORT: z.coerce.number().int().min(0).max(65535).default(4320),
  DESK_MODE: z.enum(['auto', 'browser']).default('auto'),
  DESK_OPEN_BROWSER: z.enum(['0', '1']).optional(),
});

export interface LaunchConfig {
  hubUrl: string | undefined;
  dataDir: string;
  port: number;
  forceBrowser: boolean;
  openBrowser: boolean;
}

/** The launcher's settings from the environment; a bad value stops start-up with a message naming it. */
export function launchConfigFromEnv(env: Record<string, string | undefined>, root: string): LaunchConfig {
  const parsed = LaunchEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Bad console configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    hubUrl: e.DESK_HUB_URL?.replace(/\/$/, ''),
    dataDir: resolve(root, e.DESK_DATA_DIR ?? '.data'),
    port: e.DESK_PORT,
    forceBrowser: e.DESK_MODE === 'browser',
    openBrowser: e.DESK_OPEN_BROWSER ? e.DESK_OPEN_BROWSER === '1' : Boolean(env.DISPLAY) && !env.CI,
  };
}
