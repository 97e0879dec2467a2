/**
 * Milliseconds on a clock every process of the live bench shares: this
 * machine's, at the resolution of performance.now(). Timestamps taken in the
 * traffic and renderer processes are compared with each other.
 */
export const sharedClockMs = (): number => performance.timeOrigin + performance.now();

/** What the intake traffic process reports: each accepted application's change position and times. */
export interface TrafficReport {
  committed: { seq: number; sent: number; replied: number }[];
  refused: string[];
  sendingSeconds: number;
}

/** What the renderer stand-in reports: each completed page read, the position it covered and when it returned. */
export interface RendererReport {
  reads: { upTo: number; at: number }[];
}
