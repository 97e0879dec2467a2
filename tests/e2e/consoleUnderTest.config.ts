/**
 * Loopback addresses for the console the end-to-end suite drives. The
 * Playwright config picks free ports once and passes them down in the
 * environment (to the test workers and to the console it starts), so a stray
 * process on a fixed port can never break a run.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const E2E = {
  hubPort: port('E2E_HUB_PORT', 4411),
  consolePort: port('E2E_CONSOLE_PORT', 4412),
  /** A second desk with no stored session: it must ask someone to sign in. */
  signInConsolePort: port('E2E_SIGN_IN_CONSOLE_PORT', 4413),
  token: 'e2e-token-0123456789',
  /** Where the console under test writes its core process's id (a test kills it). */
  corePidFile:
    process.env.E2E_CORE_PID_FILE ??
    `${process.env.TMPDIR ?? '/tmp'}/desk-e2e-core-${port('E2E_CONSOLE_PORT', 4412)}.pid`,
  seededCases: 1500,
  get hubUrl() {
    return `http://127.0.0.1:${this.hubPort}`;
  },
  get consoleUrl() {
    return `http://127.0.0.1:${this.consolePort}`;
  },
  get openUrl() {
    return `/?token=${this.token}`;
  },
} as const;
