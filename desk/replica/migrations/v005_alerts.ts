/** Version 5: the operation room's alerts, synced like cases (referrals, breaches, and what comes next). */
export const v005 = {
  version: 5,
  name: 'alerts',
  up: /* sql */ `
    CREATE TABLE alerts (
      id TEXT PRIMARY KEY, case_id TEXT, kind TEXT NOT NULL, detail TEXT NOT NULL, raised_at TEXT NOT NULL,
      acknowledged_by TEXT, acknowledged_at TEXT, seq INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX alerts_recent ON alerts(raised_at DESC);
  `,
};
