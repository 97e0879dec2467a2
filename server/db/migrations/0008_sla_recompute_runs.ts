/**
 * Version 8: a change to the working calendar or the SLA matrix no longer
 * recomputes every open case inside the administrator's command. The command
 * saves the rule version and records a run to do; a timed job works through
 * the open cases in batches (server/sla/recomputeDeadlines.ts). Recomputing
 * tens of thousands of cases in one transaction held the change counter's lock,
 * and so every other writer on the platform, for minutes.
 *
 * A run names the rule version it applies, its kind, who changed the rules,
 * why and when: each case it moves gets a timeline event with that reason.
 * `after_case_id` is its keyset cursor over open cases by id (uuidv7, so cases
 * submitted during the run come after it): every open case up to it has been
 * handled. It advances in the same transaction as the batch it covers, so a
 * crash resumes from it without a second event or a missed case.
 *
 * A run is finished when it has passed the last open case, or when a newer run
 * supersedes it (`superseded_by`): deadlines follow the newest rules, and the
 * newer run goes over every open case again.
 *
 * A hub upgraded from version 7 has nothing left to do: its recomputes ran
 * inside their commands. The table starts empty.
 */
export const up = /* sql */ `
CREATE TABLE sla_recompute_runs (
  id bigserial PRIMARY KEY,
  rules_version bigint NOT NULL REFERENCES sla_rule_versions(id),
  kind text NOT NULL CHECK (kind IN ('calendar', 'matrix')),
  actor text NOT NULL,
  reason text NOT NULL,
  requested_at timestamptz NOT NULL,
  after_case_id uuid,
  cases_checked integer NOT NULL DEFAULT 0,
  cases_moved integer NOT NULL DEFAULT 0,
  finished_at timestamptz,
  superseded_by bigint REFERENCES sla_recompute_runs(id),
  CHECK (superseded_by IS NULL OR finished_at IS NOT NULL)
);

-- "Any run to do?": read every second or two by each hub process, and by each case transition.
CREATE INDEX sla_recompute_runs_unfinished ON sla_recompute_runs(id) WHERE finished_at IS NULL;

-- The run's keyset over open cases. Open cases are a few percent of a national
-- hub's million; walking the primary key would read all the closed ones too.
-- Open here includes awaiting the citizen: a paused clock still has deadlines.
CREATE INDEX cases_open_by_id ON cases(id)
  WHERE status IN ('submitted','assigned','inProgress','awaitingCitizen','reopened','referred');
`;
