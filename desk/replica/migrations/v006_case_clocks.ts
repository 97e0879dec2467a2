/**
 * Version 6: what the desk needs to run a case's three SLA clocks as the hub
 * does: its pauses (JSON), last update, and the hub's first-response and
 * update deadlines. Rows held from before cannot know their pauses, so the
 * cases table is marked to be downloaded again (kept and usable meanwhile).
 */
export const v006 = {
  version: 6,
  name: 'case clocks',
  up: /* sql */ `
    ALTER TABLE cases ADD COLUMN pauses TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE cases ADD COLUMN last_update_at TEXT;
    ALTER TABLE cases ADD COLUMN first_response_due_at TEXT;
    ALTER TABLE cases ADD COLUMN update_due_at TEXT;
    INSERT INTO sync_meta (key, value) SELECT 'refetchTables', 'cases' WHERE EXISTS (SELECT 1 FROM cases)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value;
  `,
};
