/**
 * Version 4: the outbox. An operator's command is written here before the UI
 * says it is queued, keyed by the client id minted once at that moment, and
 * leaves only when the hub has answered it.
 */
export const v004 = {
  version: 4,
  name: 'outbox',
  up: /* sql */ `
    CREATE TABLE outbox (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      client_id TEXT NOT NULL UNIQUE,
      command TEXT NOT NULL,
      input TEXT NOT NULL,
      case_id TEXT,
      queued_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'refused')),
      attempts INTEGER NOT NULL DEFAULT 0,
      refusal_code TEXT,
      refusal_message TEXT
    ) STRICT;
    CREATE INDEX outbox_case ON outbox(case_id);
  `,
};
