import pg from 'pg';
import type { HubDatabaseConfig } from '../../server/db/openHubDatabase';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface HubTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database for one test file; drop it with `dispose`. */
  create(): Promise<{ config: HubDatabaseConfig; dispose(): Promise<void> }>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const pglite: HubTarget = {
  name: 'pglite',
  create: async () => ({ config: {}, dispose: async () => undefined }),
};

const postgres: HubTarget = {
  name: 'postgres',
  async create() {
    const name = `hub_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      config: { databaseUrl: url.toString() },
      async dispose() {
        const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  },
};

/**
 * Every database the hub's tests run on: PGlite always, PostgreSQL when one is
 * reachable (CI has one at 127.0.0.1:5432). Says so when it is skipped.
 */
export async function hubTargets(): Promise<HubTarget[]> {
  if (await postgresReachable()) return [pglite, postgres];
  if (process.env.CI) throw new Error(`CI must test on PostgreSQL, but ${POSTGRES_ADMIN_URL} is not reachable.`);
  console.warn(`PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable: hub tests run on PGlite only.`);
  return [pglite];
}
