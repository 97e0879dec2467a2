/**
 * Version 9: each open case keeps when it is next referred up the ladder
 * (`next_referral_at`), so the referral job reads only the cases due now, by
 * one range of a partial index, instead of every late case below the top rung
 * on every run (thousands at a million cases).
 *
 * The instant is the rung above the case's level in its entity's schedule,
 * counted in working time from its resolution deadline
 * (`nextReferralAtMs` in shared/sla/escalationLadder.ts). The job refers a case
 * once the clock is past it. It is null when the case cannot be referred: not
 * open for referral (the job's statuses: not awaiting the citizen, answered or
 * closed), at the minister, or without a deadline.
 *
 * The hub computes it wherever it writes what it depends on: intake, every
 * status change (with the clocks), a reassign or referral to another entity,
 * each referral up, and a rule change's recompute run, which now also runs for
 * a ladder change (the windows moved) and so can carry the cause of a calendar
 * or matrix run it takes over (`deadlines_of`). Working time cannot be counted
 * in SQL, so the trigger below only keeps what SQL can know: null where the
 * case cannot be referred, and, when a write changes the deadline, the level,
 * the entity or makes the case referable again without giving a new instant,
 * '-infinity': due for a look now. The job then computes the instant and
 * stores it. Nothing in the hub writes that way; a hand-run UPDATE may.
 *
 * Existing cases: every case that can be referred is marked '-infinity' here;
 * the hub computes their instants with the rules in force on its next start
 * (`settleNextReferrals`), and the job would otherwise on its next run.
 * The column is hub-internal: `case_records` does not carry it, so the synced
 * rows, their seq and the desks' caches are unchanged.
 */
export const up = /* sql */ `
ALTER TABLE cases ADD COLUMN next_referral_at timestamptz;

-- What the referral job may act on, in one place for the backfill and the trigger.
CREATE FUNCTION case_referable(status text, level text, due timestamptz) RETURNS boolean LANGUAGE sql IMMUTABLE AS
  $$ SELECT status IN ('submitted','assigned','inProgress','reopened','referred') AND level <> 'minister'
       AND due IS NOT NULL $$;

UPDATE cases SET next_referral_at = '-infinity' WHERE case_referable(status, escalation_level, due_at);

-- The job's read: WHERE next_referral_at < now ORDER BY next_referral_at, id. Only cases that can be referred.
CREATE INDEX cases_next_referral ON cases(next_referral_at, id) WHERE next_referral_at IS NOT NULL;

CREATE FUNCTION keep_next_referral() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT case_referable(NEW.status, NEW.escalation_level, NEW.due_at) THEN
    NEW.next_referral_at := NULL;
  ELSIF TG_OP = 'INSERT' THEN
    IF NEW.next_referral_at IS NULL THEN
      NEW.next_referral_at := '-infinity';
    END IF;
  ELSIF NEW.next_referral_at IS NOT DISTINCT FROM OLD.next_referral_at
    AND (NEW.due_at IS DISTINCT FROM OLD.due_at
      OR NEW.escalation_level IS DISTINCT FROM OLD.escalation_level
      OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
      OR NOT case_referable(OLD.status, OLD.escalation_level, OLD.due_at)) THEN
    NEW.next_referral_at := '-infinity';
  END IF;
  RETURN NEW;
END $$;

-- Only writes that name what the instant depends on (a claim, an alert mark or a change-log seq do not).
CREATE TRIGGER cases_next_referral BEFORE INSERT OR UPDATE OF status, escalation_level, due_at, entity_id,
  next_referral_at ON cases FOR EACH ROW EXECUTE FUNCTION keep_next_referral();

-- A ladder change has a recompute run too: referral instants follow the windows, in batches, after the command.
ALTER TABLE sla_recompute_runs DROP CONSTRAINT sla_recompute_runs_kind_check;
ALTER TABLE sla_recompute_runs ADD CONSTRAINT sla_recompute_runs_kind_check
  CHECK (kind IN ('calendar', 'matrix', 'ladder'));
-- A ladder run that took over an unfinished calendar or matrix run moves deadlines for it, each move named
-- after that run's version and reason. Null: a ladder run that moves no deadline (or any other run, which
-- names its own).
ALTER TABLE sla_recompute_runs ADD COLUMN deadlines_of bigint REFERENCES sla_recompute_runs(id);
`;
