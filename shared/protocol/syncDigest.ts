import { z } from 'zod';
import { SYNCED_TABLES, SyncedTable } from './syncProtocol';

/**
 * Per-table digests that let the console prove its cache equals the hub.
 *
 * The digest of a table is computed the same way on both sides, over the rows
 * one reader may see:
 *
 *   rows   = the number of rows
 *   digest = the exact decimal sum, over every row, of the first 15 hex digits
 *            (60 bits) of md5(id || ':' || seq), read as an unsigned integer
 *
 * A sum is order-independent, so neither side sorts; 60-bit terms summed as
 * exact numbers cannot overflow (PostgreSQL `numeric`, JS `BigInt`). A row's
 * seq changes with every change to it, so id+seq names the version held.
 * PostgreSQL and PGlite compute it in SQL; the console's SQLite through a
 * JS-registered aggregate. The console always computes its own: it never takes
 * the hub's figures for its own (a summary adopted unchecked hides real gaps).
 */
export const TableDigest = z.object({
  rows: z.number().int().nonnegative(),
  digest: z.string().regex(/^\d{1,40}$/, 'a digest is a non-negative decimal integer'),
});
export type TableDigest = z.infer<typeof TableDigest>;

/** GET /api/sync/digest[?tables=cases,alerts] */
export const SyncDigest = z.object({
  hubEpoch: z.string().min(1),
  /**
   * The change-log position the digests were taken at (one database snapshot):
   * a console compares only when it has applied exactly this far.
   */
  seq: z.number().int().nonnegative(),
  tables: z.partialRecord(SyncedTable, TableDigest),
});
export type SyncDigest = z.infer<typeof SyncDigest>;

/** `?tables=` of the digest route: a comma-separated subset, every synced table when absent. */
export const DigestTablesQuery = z
  .string()
  .max(100)
  .optional()
  .transform((value, ctx) => {
    if (!value) return [...SYNCED_TABLES];
    const names = [...new Set(value.split(','))];
    for (const name of names) {
      if (!SyncedTable.safeParse(name).success) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown table ${name.slice(0, 30)}; known: ${SYNCED_TABLES.join(', ')}`,
        });
        return z.NEVER;
      }
    }
    return names as SyncedTable[];
  });
