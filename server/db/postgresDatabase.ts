import pg from 'pg';
import type { HubDatabase, SqlRunner } from './hubDatabase';
import { CommitNotices } from './commitNotices';

/** A real PostgreSQL server through a `pg` pool. */
export async function openPostgresDatabase(connectionString: string, poolSize = 10): Promise<HubDatabase> {
  const pool = new pg.Pool({ connectionString, max: poolSize, options: '-c TimeZone=UTC' });
  // An idle client killed by the server (a restart, a failover) must not crash
  // the hub: the pool replaces it, and the next query reports any lasting fault.
  pool.on('error', () => undefined);
  // Fail fast with a clear message rather than on the first request.
  await pool.query('SELECT 1');
  const runner = (target: pg.Pool | pg.PoolClient): SqlRunner => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query(sql, params as unknown[]);
      return result.rows as R[];
    },
  });
  const listeners: pg.PoolClient[] = [];
  // One connection for the change feed: live deltas never wait for a pool full of commands.
  const feedPool = new pg.Pool({ connectionString, max: 1, options: '-c TimeZone=UTC' });
  feedPool.on('error', () => undefined);
  const notices = new CommitNotices();
  return {
    kind: 'postgres',
    ...runner(pool),
    async transaction(work) {
      const client = await pool.connect();
      const notes = notices.transaction();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        await client.query('BEGIN');
        result = await work({ ...runner(client), notifyOnCommit: notes.notify });
        const committed = await client.query('COMMIT');
        // A transaction that an error aborted (one `work` caught) answers COMMIT with ROLLBACK instead of failing:
        // nothing was committed, so neither its result nor its notices may go out (PGlite throws here too).
        if (committed.command === 'ROLLBACK')
          throw new Error('The transaction was rolled back: a statement in it failed.');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      // After the release: whatever the listeners do (live deltas to sockets) holds no connection.
      notes.deliver();
      return result;
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    dedicatedReader: () => runner(feedPool),
    async listen(channel, onNotify) {
      const client = await pool.connect();
      listeners.push(client);
      // A dropped LISTEN connection loses notifications; the change feed's backstop poll covers the gap.
      client.on('error', () => undefined);
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        client.release();
        listeners.splice(listeners.indexOf(client), 1);
      };
    },
    listenCommitted: (channel, onCommit) => notices.listen(channel, onCommit),
    async close() {
      for (const client of listeners.splice(0)) client.release();
      await Promise.all([pool.end(), feedPool.end()]);
    },
  };
}
