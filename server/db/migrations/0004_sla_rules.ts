/**
 * Version 4: the SLA rules as data an administrator edits — the working
 * calendar, the SLA matrix and the ladder windows — each change kept as a new
 * version with who made it and why, never overwritten.
 */
export const up = /* sql */ `
CREATE TABLE sla_rule_versions (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('calendar', 'matrix', 'ladder')),
  document jsonb NOT NULL,
  changed_by text NOT NULL,
  reason text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sla_rule_versions_current ON sla_rule_versions(kind, id DESC);
`;
