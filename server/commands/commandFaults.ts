/**
 * A fault-injection seam, for tests only.
 *
 * Why it exists: the hardest moment for "every queued command has exactly one
 * effect" is a hub that dies after a command's transaction has committed but
 * before its reply reaches the console. The console then still holds the
 * command, the hub already holds its effect, and only the client-id record
 * written in the same transaction stops the resend from applying it twice.
 * No test can hit that instant by killing a process from outside, so the hub
 * lets a test process name it.
 *
 * Nothing in production sets it: `server/main.ts` never reads it, and
 * `hubConfigFromEnv` knows no variable for it. Only the test entry point
 * `tests/support/faultyHubMain.ts` passes it to `startHub`.
 */
export interface CommandFaults {
  /** Runs after the command's transaction has committed, before the reply is sent. */
  afterCommit?(command: string): void;
}
