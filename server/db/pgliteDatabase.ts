import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HubDatabase, SqlRunner } from './hubDatabase';
import { CommitNotices } from './commitNotices';

/** PGlite: Postgres in WebAssembly, in this process. `dataDir` undefined keeps it in memory. */
export async function openPgliteDatabase(dataDir?: string): Promise<HubDatabase> {
  // PGlite makes its own folder but not the folders above it.
  if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  await db.exec(`SET TIME ZONE 'UTC'`);
  const runner = (target: Pick<PGlite, 'query'>): SqlRunner => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const notices = new CommitNotices();
  return {
    kind: 'pglite',
    ...runner(db),
    async transaction(work) {
      const notes = notices.transaction();
      // PGlite commits before its transaction() resolves and rolls back when `work` throws.
      const result = await db.transaction((tx) => work({ ...runner(tx), notifyOnCommit: notes.notify }));
      notes.deliver();
      return result;
    },
    exec: async (sql) => {
      await db.exec(sql);
    },
    dedicatedReader: () => runner(db),
    async listen(channel, onNotify) {
      const unsubscribe = await db.listen(channel, onNotify);
      return async () => unsubscribe();
    },
    listenCommitted: (channel, onCommit) => notices.listen(channel, onCommit),
    close: () => db.close(),
  };
}
