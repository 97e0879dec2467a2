/**
 * Version 10: cases whose search text is owed, written by triggers as a live
 * change lands and drained into the full-text index in large slices by the
 * search indexer (searchIndexer.ts). Writing FTS postings in each live
 * transaction would cost a new index segment per commit, more than the rest
 * of applying a case. Not during a snapshot, whose cases the
 * background build indexes anyway; an update only when the text it searches
 * changed.
 */
export const v010 = {
  version: 10,
  name: 'search pending',
  up: /* sql */ `
    CREATE TABLE search_pending (case_rowid INTEGER PRIMARY KEY);
    CREATE TRIGGER cases_search_added AFTER INSERT ON cases
      WHEN (SELECT value FROM sync_meta WHERE key = 'bootstrap.state') IS NOT 'running'
      BEGIN INSERT OR IGNORE INTO search_pending (case_rowid) VALUES (NEW.rowid); END;
    CREATE TRIGGER cases_search_changed AFTER UPDATE OF number, title, body, applicant_phone ON cases
      WHEN OLD.number IS NOT NEW.number OR OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body
        OR OLD.applicant_phone IS NOT NEW.applicant_phone
      BEGIN INSERT OR IGNORE INTO search_pending (case_rowid) VALUES (NEW.rowid); END;
  `,
};
