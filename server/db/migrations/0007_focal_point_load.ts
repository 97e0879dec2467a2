/**
 * Version 7: each focal point's workload is kept as a count, so intake, reassign
 * and referral pick the least-loaded one by an index lookup instead of counting
 * the entity's open cases inside every write transaction (a count that grows
 * with a ministry's open cases, while the change counter's lock queues behind it).
 *
 * "Open" here is exactly what the pick has always counted: assigned,
 * inProgress and reopened (a case awaiting the citizen, submitted or referred
 * is not work the focal point is doing now). That is narrower than
 * OPEN_STATUSES in shared/domain/taxonomy.ts, on purpose.
 *
 * The count is hub-internal: focal_point_records does not carry it, so the
 * synced rows, their seq and the desk's cache are unchanged.
 *
 * Triggers keep it exact on every insert, delete, and update of a case's status
 * or focal point. Inserts are counted per statement from the inserted rows, so
 * the demo seed's bulk inserts cost one update per focal point, not per case.
 * A TRUNCATE of cases would leave it stale (nothing truncates cases).
 */
export const up = /* sql */ `
ALTER TABLE focal_points ADD COLUMN open_cases integer NOT NULL DEFAULT 0;

-- The statuses that count, in one place for the backfill and the triggers.
CREATE FUNCTION focal_point_load_counts(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
  $$ SELECT status IN ('assigned','inProgress','reopened') $$;

UPDATE focal_points fp SET open_cases = c.n
FROM (SELECT focal_point_id, count(*)::int AS n FROM cases
      WHERE focal_point_id IS NOT NULL AND focal_point_load_counts(status)
      GROUP BY focal_point_id) c
WHERE c.focal_point_id = fp.id;

-- The pick: WHERE entity_id = $1 AND active ORDER BY open_cases, id LIMIT 1.
CREATE INDEX focal_points_least_loaded ON focal_points(entity_id, open_cases, id) WHERE active;

-- The pick no longer counts cases by focal point and status.
DROP INDEX cases_open_by_focal_point;

-- Inserted cases, counted once per statement and focal point.
CREATE FUNCTION focal_point_load_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE focal_points fp SET open_cases = fp.open_cases + n.n
  FROM (SELECT focal_point_id, count(*)::int AS n FROM inserted_cases
        WHERE focal_point_id IS NOT NULL AND focal_point_load_counts(status)
        GROUP BY focal_point_id) n
  WHERE fp.id = n.focal_point_id;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_focal_point_load_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS inserted_cases
  FOR EACH STATEMENT EXECUTE FUNCTION focal_point_load_on_insert();

-- An update or delete moves one case out of its old count and into its new one.
-- Both focal points are locked in id order first: two reassigns crossing
-- between the same pair would otherwise deadlock.
CREATE FUNCTION focal_point_load_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was text := CASE WHEN OLD.focal_point_id IS NOT NULL AND focal_point_load_counts(OLD.status) THEN OLD.focal_point_id END;
  now_on text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.focal_point_id IS NOT NULL AND focal_point_load_counts(NEW.status) THEN
    now_on := NEW.focal_point_id;
  END IF;
  IF was IS NOT DISTINCT FROM now_on THEN
    RETURN NULL;
  END IF;
  IF was IS NOT NULL AND now_on IS NOT NULL THEN
    PERFORM 1 FROM focal_points WHERE id IN (was, now_on) ORDER BY id FOR NO KEY UPDATE;
  END IF;
  IF was IS NOT NULL THEN
    UPDATE focal_points SET open_cases = open_cases - 1 WHERE id = was;
  END IF;
  IF now_on IS NOT NULL THEN
    UPDATE focal_points SET open_cases = open_cases + 1 WHERE id = now_on;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_focal_point_load_update AFTER UPDATE OF status, focal_point_id ON cases
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.focal_point_id IS DISTINCT FROM NEW.focal_point_id)
  EXECUTE FUNCTION focal_point_load_on_change();

CREATE TRIGGER cases_focal_point_load_delete AFTER DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION focal_point_load_on_change();
`;
