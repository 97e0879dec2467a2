/**
 * Version 12: v010's triggers again, owing a case's search text only where it
 * is not owed already. Their `INSERT OR IGNORE` did not ignore: in a trigger
 * fired by an upsert (how every live change lands, replicaStore.ts) the outer
 * statement's conflict rule wins, so a second change to a case's text before
 * the indexer's next slice (a fifth of a second) failed the whole live batch
 * with a UNIQUE error, and a table repair with it.
 */
export const v012 = {
  version: 12,
  name: 'search owed once',
  up: /* sql */ `
    DROP TRIGGER cases_search_added;
    DROP TRIGGER cases_search_changed;
    CREATE TRIGGER cases_search_added AFTER INSERT ON cases
      WHEN (SELECT value FROM sync_meta WHERE key = 'bootstrap.state') IS NOT 'running'
      BEGIN
        INSERT INTO search_pending (case_rowid)
          SELECT NEW.rowid WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE case_rowid = NEW.rowid);
      END;
    CREATE TRIGGER cases_search_changed AFTER UPDATE OF number, title, body, applicant_phone ON cases
      WHEN OLD.number IS NOT NEW.number OR OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body
        OR OLD.applicant_phone IS NOT NEW.applicant_phone
      BEGIN
        INSERT INTO search_pending (case_rowid)
          SELECT NEW.rowid WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE case_rowid = NEW.rowid);
      END;
  `,
};
