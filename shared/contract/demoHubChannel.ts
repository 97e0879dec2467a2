import { z } from 'zod';

/**
 * What the embedded demo hub's process and its host (the launcher, or the
 * Electron shell when no real hub is named) say to each other.
 */
export const DemoHubStart = z.object({
  type: z.literal('start'),
  /** Where PGlite keeps the demo country between runs. */
  dataDir: z.string().min(1),
  cases: z.number().int().nonnegative(),
  simulate: z.boolean(),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535),
});
export type DemoHubStart = z.infer<typeof DemoHubStart>;

export const DemoHubHostMessage = z.discriminatedUnion('type', [DemoHubStart, z.object({ type: z.literal('stop') })]);
export type DemoHubHostMessage = z.infer<typeof DemoHubHostMessage>;

export const DemoHubMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: z.string() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('stopped') }),
]);
export type DemoHubMessage = z.infer<typeof DemoHubMessage>;
