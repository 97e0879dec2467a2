/** Version 1: the synced tables, sync bookkeeping, and the queue's indexes. */
export const v001 = {
  version: 1,
  name: 'initial',
  up: /* sql */ `
    CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE entities (
      id TEXT PRIMARY KEY, code TEXT NOT NULL, name_ar TEXT NOT NULL, name_en TEXT NOT NULL,
      sector TEXT NOT NULL, kind TEXT NOT NULL, parent_id TEXT, seq INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE focal_points (
      id TEXT PRIMARY KEY, entity_id TEXT NOT NULL, name_ar TEXT NOT NULL, name_en TEXT NOT NULL,
      phone TEXT NOT NULL, email TEXT NOT NULL, active INTEGER NOT NULL, seq INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE cases (
      id TEXT PRIMARY KEY, number TEXT NOT NULL, type TEXT NOT NULL, channel TEXT NOT NULL,
      entity_id TEXT NOT NULL, focal_point_id TEXT, pillar TEXT NOT NULL, importance TEXT NOT NULL,
      status TEXT NOT NULL, escalation_level TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
      language TEXT NOT NULL, applicant_name TEXT NOT NULL, applicant_phone TEXT NOT NULL,
      submitted_at TEXT NOT NULL, due_at TEXT, first_response_at TEXT, answered_at TEXT, closed_at TEXT,
      rating INTEGER, updated_at TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
      -- Derived at write time so the queue's sort is one index walk.
      is_open INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX cases_urgent ON cases(is_open DESC, due_at, id);
    CREATE INDEX cases_newest ON cases(submitted_at DESC, id);
    CREATE UNIQUE INDEX cases_number ON cases(number);
  `,
};
