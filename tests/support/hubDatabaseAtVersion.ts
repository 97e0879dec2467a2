import type { HubDatabase } from '../../server/db/hubDatabase';
import { migrateHubDatabase } from '../../server/db/migrateHubDatabase';
import { HUB_MIGRATIONS } from '../../server/db/migrations/index';
import { openPgliteDatabase } from '../../server/db/pgliteDatabase';
import { openPostgresDatabase } from '../../server/db/postgresDatabase';
import type { HubTarget } from './hubDatabaseTargets';

/**
 * A fresh hub database on this target with the schema of an older hub (every
 * migration up to `version`): a migration's test fills it with that hub's rows,
 * then migrates it the rest of the way.
 */
export async function openHubDatabaseAtVersion(
  target: HubTarget,
  version: number,
): Promise<{ db: HubDatabase; dispose(): Promise<void> }> {
  const created = await target.create();
  const db = created.config.databaseUrl
    ? await openPostgresDatabase(created.config.databaseUrl)
    : await openPgliteDatabase();
  await migrateHubDatabase(
    db,
    HUB_MIGRATIONS.filter((m) => m.version <= version),
  );
  return { db, dispose: created.dispose };
}
