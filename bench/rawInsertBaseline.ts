import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { openReplicaDatabase } from '../desk/replica/openReplicaDatabase';
import { caseSearchText } from '../desk/search/caseSearchText';

// The bootstrap's baseline: raw better-sqlite3 inserts of the same decoded rows
// into the same schema. Run as a child process (bench/bootstrapBaseline.ts) so a
// million rows held in memory neither share the console's heap nor count in its
// peak RSS.
//
// - Same rows: every case the bootstrapped cache holds, read back as statement
//   parameters in the cache's own column order, all in memory before the clock starts.
// - Same schema: a fresh file made by the cache's own migrations (every index,
//   trigger and the search table), opened with the same pragmas.
// - Raw and generous: one transaction, one prepared plain INSERT, no validation;
//   it gets the bootstrap's own tricks too (secondary indexes dropped for the load
//   and built after; the bootstrap state set, so the queue's triggers stand aside).
// - Search, as the console builds it after the snapshot: the same folded text
//   into the search table, in one transaction, timed on its own (the baseline of
//   the background search build).
const [sourcePath, targetPath, rowCountText] = process.argv.slice(2) as [string, string, string];

const source = new Database(sourcePath, { readonly: true });
// Generated columns (table_xinfo hidden 2 or 3) cannot be inserted.
const columns = (
  source.prepare('SELECT name, hidden FROM pragma_table_xinfo(?)').all('cases') as { name: string; hidden: number }[]
)
  .filter((c) => c.hidden === 0)
  .map((c) => c.name);
const rows = source
  .prepare(`SELECT ${columns.join(', ')} FROM cases ORDER BY rowid LIMIT ?`)
  .raw()
  .all(Number(rowCountText)) as unknown[][];
source.close();
const at = (name: string) => columns.indexOf(name);
const [number, title, body, phone] = ['number', 'title', 'body', 'applicant_phone'].map(at) as [
  number,
  number,
  number,
  number,
];

for (const suffix of ['', '-wal', '-shm']) rmSync(targetPath + suffix, { force: true });
const { db } = openReplicaDatabase(targetPath);
db.prepare(`INSERT INTO sync_meta (key, value) VALUES ('bootstrap.state', 'running')`).run();
const indexes = db
  .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`)
  .all() as { name: string; sql: string }[];
for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
const insert = db.prepare(`INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
const search = db.prepare('INSERT INTO cases_fts (rowid, text) VALUES (?, ?)');

const started = performance.now();
const rowids: (number | bigint)[] = [];
db.transaction(() => {
  for (const row of rows) rowids.push(insert.run(row).lastInsertRowid);
})();
const insertedAt = performance.now();
db.transaction(() => {
  for (const index of indexes) db.exec(index.sql);
})();
const finishedAt = performance.now();
db.transaction(() => {
  rows.forEach((row, i) =>
    search.run(
      rowids[i],
      caseSearchText({
        number: row[number] as string,
        title: row[title] as string,
        body: row[body] as string,
        applicantPhone: row[phone] as string,
      }),
    ),
  );
})();
const searchedAt = performance.now();
db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(targetPath + suffix, { force: true });

process.send!({
  rows: rows.length,
  insertSeconds: (insertedAt - started) / 1000,
  indexSeconds: (finishedAt - insertedAt) / 1000,
  totalSeconds: (finishedAt - started) / 1000,
  searchSeconds: (searchedAt - finishedAt) / 1000,
});
