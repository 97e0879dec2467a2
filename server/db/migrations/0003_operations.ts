/**
 * Version 3: the operation room's side of a case — commands and their replay
 * log, notes, claims, chases of focal points, alerts, support tickets, the
 * officials' ladder per entity, and the citizen's rating comment.
 */
export const up = /* sql */ `
ALTER TABLE cases ADD COLUMN rating_comment text;
ALTER TABLE cases ADD COLUMN claimed_by text;
ALTER TABLE cases ADD COLUMN claimed_at timestamptz;

-- A command's client id, kept with its first result: a replay returns it and changes nothing.
CREATE TABLE command_log (
  client_id text PRIMARY KEY,
  command text NOT NULL,
  actor text NOT NULL,
  status_code integer NOT NULL,
  result jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entity_officials (
  entity_id text NOT NULL REFERENCES entities(id),
  level text NOT NULL,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  PRIMARY KEY (entity_id, level)
);

CREATE TABLE case_notes (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  author text NOT NULL,
  body text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, at);

CREATE TABLE chases (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  focal_point_id text NOT NULL REFERENCES focal_points(id),
  channel text NOT NULL,
  template text NOT NULL,
  message text NOT NULL,
  sent_by text NOT NULL,
  sent_at timestamptz NOT NULL,
  answered_at timestamptz,
  answer text
);
CREATE INDEX chases_case ON chases(case_id, sent_at);
CREATE INDEX chases_open ON chases(focal_point_id) WHERE answered_at IS NULL;

CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  case_id uuid REFERENCES cases(id),
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  raised_at timestamptz NOT NULL,
  acknowledged_by text,
  acknowledged_at timestamptz
);
CREATE INDEX alerts_open ON alerts(raised_at) WHERE acknowledged_at IS NULL;

CREATE TABLE support_tickets (
  id uuid PRIMARY KEY,
  focal_point_id text NOT NULL REFERENCES focal_points(id),
  category text NOT NULL,
  priority text NOT NULL,
  status text NOT NULL,
  subject text NOT NULL,
  assignee text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE support_messages (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES support_tickets(id),
  author text NOT NULL,
  body text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX support_messages_ticket ON support_messages(ticket_id, at);

-- Which hub process runs each timed job (see server/jobs/jobLease.ts).
CREATE TABLE job_leases (job text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL);

CREATE OR REPLACE VIEW case_records AS
  SELECT id, id::text AS key, json_build_object(
    'id', id, 'number', number, 'type', type, 'channel', channel, 'entityId', entity_id,
    'focalPointId', focal_point_id, 'pillar', pillar, 'importance', importance, 'status', status,
    'escalationLevel', escalation_level, 'title', title, 'body', body, 'language', language,
    'applicantName', applicant_name, 'applicantPhone', applicant_phone,
    'submittedAt', iso_ms(submitted_at), 'dueAt', iso_ms(due_at), 'firstResponseAt', iso_ms(first_response_at),
    'answeredAt', iso_ms(answered_at), 'closedAt', iso_ms(closed_at), 'rating', rating,
    'updatedAt', iso_ms(updated_at), 'version', version, 'seq', seq,
    'ratingComment', rating_comment, 'claimedBy', claimed_by, 'claimedAt', iso_ms(claimed_at)) AS row,
    entity_id
  FROM cases;
`;
