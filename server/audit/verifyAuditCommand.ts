import { openHubDatabase } from '../db/openHubDatabase';
import { verifyAuditChain } from './auditLog';

// `npm run audit:verify`: proves the hub's audit log unedited (DATABASE_URL, or PGLITE_DIR for the embedded hub).
const db = await openHubDatabase({
  databaseUrl: process.env.DATABASE_URL,
  pgliteDataDir: process.env.PGLITE_DIR ?? '.data/hub-pglite',
});
const verdict = await verifyAuditChain(db);
await db.close();
process.stdout.write(
  verdict.ok
    ? `Audit log intact: ${verdict.entries} entries, every hash follows from the one before.\n`
    : `AUDIT LOG BROKEN at entry ${verdict.firstBadId} (after ${verdict.entries} good entries): it was edited, removed or inserted.\n`,
);
process.exit(verdict.ok ? 0 : 1);
