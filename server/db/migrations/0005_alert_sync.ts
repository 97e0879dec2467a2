/** Version 5: alerts join the change log, so every console sees each referral and breach live. */
export const up = /* sql */ `
ALTER TABLE alerts ADD COLUMN seq bigint NOT NULL DEFAULT 0;

CREATE VIEW alert_records AS
  SELECT id, id::text AS key, json_build_object(
    'id', id, 'caseId', case_id, 'kind', kind, 'detail', detail, 'raisedAt', iso_ms(raised_at),
    'acknowledgedBy', acknowledged_by, 'acknowledgedAt', iso_ms(acknowledged_at), 'seq', seq) AS row
  FROM alerts;
`;
