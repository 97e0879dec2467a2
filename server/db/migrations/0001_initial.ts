/**
 * Version 1: entities, focal points, cases with their event history, and the
 * change log every write appends to. `*_records` views give each synced table
 * its wire shape (camelCase JSON, ISO instants) once, for snapshots and deltas.
 */
export const up = /* sql */ `
CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO hub_meta (key, value) VALUES ('hub_epoch', md5(random()::text || clock_timestamp()::text));

-- The change counter is a row, not a sequence: it rolls back with a failed
-- transaction (no holes), and its row lock, held to commit, makes sequence
-- order equal commit order across every hub process.
CREATE TABLE change_counter (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
INSERT INTO change_counter VALUES (1, 0);
CREATE SEQUENCE case_number_seq AS bigint;

CREATE TABLE entities (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  sector text NOT NULL,
  kind text NOT NULL,
  parent_id text REFERENCES entities(id),
  seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE focal_points (
  id text PRIMARY KEY,
  entity_id text NOT NULL REFERENCES entities(id),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  phone text NOT NULL,
  email text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  seq bigint NOT NULL DEFAULT 0
);
CREATE INDEX focal_points_entity ON focal_points(entity_id);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  client_id text UNIQUE,
  type text NOT NULL,
  channel text NOT NULL,
  entity_id text NOT NULL REFERENCES entities(id),
  focal_point_id text REFERENCES focal_points(id),
  pillar text NOT NULL,
  importance text NOT NULL,
  status text NOT NULL,
  escalation_level text NOT NULL DEFAULT 'focalPoint',
  title text NOT NULL,
  body text NOT NULL,
  language text NOT NULL,
  applicant_name text NOT NULL,
  applicant_phone text NOT NULL,
  submitted_at timestamptz NOT NULL,
  due_at timestamptz,
  first_response_at timestamptz,
  answered_at timestamptz,
  closed_at timestamptz,
  rating smallint,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  seq bigint NOT NULL DEFAULT 0
);
CREATE INDEX cases_open_due ON cases(status, due_at);
CREATE INDEX cases_focal_point ON cases(focal_point_id);

CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX case_events_case ON case_events(case_id, at);

-- One global, gap-free order of every change: a reader that has seen seq N
-- has seen everything before it.
CREATE TABLE change_log (
  seq bigint PRIMARY KEY,
  table_name text NOT NULL,
  row_id text NOT NULL,
  op text NOT NULL,
  row jsonb,
  committed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION iso_ms(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE VIEW entity_records AS
  SELECT id, id AS key, json_build_object(
    'id', id, 'code', code, 'nameAr', name_ar, 'nameEn', name_en, 'sector', sector, 'kind', kind,
    'parentId', parent_id, 'seq', seq) AS row
  FROM entities;

CREATE VIEW focal_point_records AS
  SELECT id, id AS key, json_build_object(
    'id', id, 'entityId', entity_id, 'nameAr', name_ar, 'nameEn', name_en, 'phone', phone, 'email', email,
    'active', active, 'seq', seq) AS row
  FROM focal_points;

CREATE VIEW case_records AS
  SELECT id, id::text AS key, json_build_object(
    'id', id, 'number', number, 'type', type, 'channel', channel, 'entityId', entity_id,
    'focalPointId', focal_point_id, 'pillar', pillar, 'importance', importance, 'status', status,
    'escalationLevel', escalation_level, 'title', title, 'body', body, 'language', language,
    'applicantName', applicant_name, 'applicantPhone', applicant_phone,
    'submittedAt', iso_ms(submitted_at), 'dueAt', iso_ms(due_at), 'firstResponseAt', iso_ms(first_response_at),
    'answeredAt', iso_ms(answered_at), 'closedAt', iso_ms(closed_at), 'rating', rating,
    'updatedAt', iso_ms(updated_at), 'version', version, 'seq', seq) AS row
  FROM cases;
`;
