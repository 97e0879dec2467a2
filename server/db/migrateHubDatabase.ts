import type { HubDatabase } from './hubDatabase';
import { HUB_MIGRATIONS } from './migrations';

const MIGRATION_LOCK = 730_001;

/**
 * Brings the schema to the newest version. Each migration and its version row
 * commit in one transaction, under an advisory lock so several hub processes
 * starting together migrate once. A database newer than this code is refused.
 */
export async function migrateHubDatabase(
  database: HubDatabase,
  migrations = HUB_MIGRATIONS,
): Promise<{ from: number; to: number }> {
  await database.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  return database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const [row] = await tx.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
    const from = row?.v ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (from > newest) {
      throw new Error(
        `The hub database is at schema version ${from}, newer than this hub understands (${newest}). Upgrade the hub; the database was left untouched.`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      await runStatements(tx, migration.up);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    return { from, to: newest };
  });
}

// A parameterless multi-statement string runs statement by statement inside
// the caller's transaction (pg's extended protocol takes one statement at a time).
async function runStatements(tx: { query: (sql: string) => Promise<unknown> }, sql: string): Promise<void> {
  for (const statement of splitSqlStatements(sql)) await tx.query(statement);
}

/** Splits on semicolons outside quotes and $$ bodies. */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  let inQuote = false;
  let inLineComment = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (inLineComment) {
      if (ch === '\n') inLineComment = false;
      continue;
    }
    if (!inQuote && !inDollar && ch === '-' && next === '-') {
      inLineComment = true;
      continue;
    }
    if (!inQuote && ch === '$' && next === '$') {
      inDollar = !inDollar;
      current += '$$';
      i++;
      continue;
    }
    if (!inDollar && ch === "'") inQuote = !inQuote;
    if (!inQuote && !inDollar && ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
