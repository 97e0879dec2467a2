import type { HubDatabase } from './hubDatabase';
import { migrateHubDatabase } from './migrateHubDatabase';

export interface HubDatabaseConfig {
  /** A PostgreSQL connection string; absent means embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data folder; absent means in memory. */
  pgliteDataDir?: string | undefined;
}

/** The resolver: one target per configuration, migrated to the newest schema before use. */
export async function openHubDatabase(config: HubDatabaseConfig): Promise<HubDatabase> {
  const database = config.databaseUrl
    ? await (await import('./postgresDatabase')).openPostgresDatabase(config.databaseUrl)
    : await (await import('./pgliteDatabase')).openPgliteDatabase(config.pgliteDataDir);
  try {
    await migrateHubDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
