/** Fixed loopback addresses for the console the end-to-end suite drives. */
export const E2E = {
  hubPort: 4411,
  consolePort: 4412,
  /** A second desk with no stored session: it must ask someone to sign in. */
  signInConsolePort: 4413,
  token: 'e2e-token-0123456789',
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
