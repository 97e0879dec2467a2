/**
 * Version 6: all three SLA clocks per case, not only the resolution deadline.
 * Pauses are kept on the case row (the desk needs them to count down as the
 * hub does), with the last update, the first-response and update deadlines,
 * the instant the resolution clock turns at risk, and which SLA alerts the
 * case has already raised (so a sweep never raises one twice).
 *
 * A chase left unanswered is alerted once (chases.unanswered_alerted_at).
 * Referrals now queue a notice to the official they reach (referral_notices).
 *
 * Existing cases: pauses are rebuilt from their status events; the last
 * update is taken to be the first response (the only contact recorded before
 * this version). Open cases are marked untracked and the hub computes their
 * deadlines with the rules in force on its next start (see trackDeadlines).
 */
export const up = /* sql */ `
ALTER TABLE cases
  ADD COLUMN pauses jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN last_update_at timestamptz,
  ADD COLUMN first_response_due_at timestamptz,
  ADD COLUMN update_due_at timestamptz,
  ADD COLUMN at_risk_at timestamptz,
  ADD COLUMN sla_alerts text[] NOT NULL DEFAULT '{}',
  ADD COLUMN clocks_tracked boolean NOT NULL DEFAULT true;

WITH status_events AS (
  SELECT case_id, at, kind, lead(at) OVER (PARTITION BY case_id ORDER BY at, id) AS next_at
  FROM case_events WHERE kind LIKE 'status:%'
), pauses AS (
  SELECT case_id, jsonb_agg(jsonb_build_object('from', iso_ms(at), 'to', iso_ms(next_at)) ORDER BY at) AS list
  FROM status_events WHERE kind = 'status:awaitingCitizen' GROUP BY case_id
)
UPDATE cases c SET pauses = p.list FROM pauses p WHERE p.case_id = c.id;

UPDATE cases SET last_update_at = first_response_at,
  clocks_tracked = status NOT IN ('submitted','assigned','inProgress','awaitingCitizen','reopened','referred');

-- A referral notifies the official it reaches: queued here for the messaging
-- gateway to deliver (and mark sent), one per case and rung.
CREATE TABLE referral_notices (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  entity_id text NOT NULL,
  level text NOT NULL,
  queued_at timestamptz NOT NULL,
  sent_at timestamptz,
  UNIQUE (case_id, level)
);
CREATE INDEX referral_notices_unsent ON referral_notices(queued_at) WHERE sent_at IS NULL;

-- A chase the focal point leaves unanswered is alerted once.
ALTER TABLE chases ADD COLUMN unanswered_alerted_at timestamptz;
CREATE INDEX chases_unanswered ON chases(sent_at) WHERE answered_at IS NULL AND unanswered_alerted_at IS NULL;

-- Intake gives a new case to the entity's least-loaded focal point: counted from open cases only.
CREATE INDEX cases_open_by_focal_point ON cases(focal_point_id) WHERE status IN ('assigned','inProgress','reopened');

-- A focal point's snapshot and digest read only its entity's cases.
CREATE INDEX cases_entity ON cases(entity_id, id);

-- The sweeps that raise SLA alerts read only clocks still running.
CREATE INDEX cases_first_response_due ON cases(first_response_due_at) WHERE first_response_due_at IS NOT NULL;
CREATE INDEX cases_update_due ON cases(update_due_at) WHERE update_due_at IS NOT NULL;
CREATE INDEX cases_at_risk ON cases(at_risk_at) WHERE at_risk_at IS NOT NULL;
CREATE INDEX cases_untracked ON cases(id) WHERE NOT clocks_tracked;

CREATE OR REPLACE VIEW case_records AS
  SELECT id, id::text AS key, json_build_object(
    'id', id, 'number', number, 'type', type, 'channel', channel, 'entityId', entity_id,
    'focalPointId', focal_point_id, 'pillar', pillar, 'importance', importance, 'status', status,
    'escalationLevel', escalation_level, 'title', title, 'body', body, 'language', language,
    'applicantName', applicant_name, 'applicantPhone', applicant_phone,
    'submittedAt', iso_ms(submitted_at), 'dueAt', iso_ms(due_at), 'firstResponseAt', iso_ms(first_response_at),
    'answeredAt', iso_ms(answered_at), 'closedAt', iso_ms(closed_at), 'rating', rating,
    'updatedAt', iso_ms(updated_at), 'version', version, 'seq', seq,
    'ratingComment', rating_comment, 'claimedBy', claimed_by, 'claimedAt', iso_ms(claimed_at),
    'pauses', pauses, 'lastUpdateAt', iso_ms(last_update_at),
    'firstResponseDueAt', iso_ms(first_response_due_at), 'updateDueAt', iso_ms(update_due_at)) AS row,
    entity_id
  FROM cases;
`;
