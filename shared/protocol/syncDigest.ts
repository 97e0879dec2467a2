import { z } from 'zod';
import { SYNCED_TABLES, SyncedTable } from './syncProtocol';

/**
 * Per-table digests that prove a desk's replica equals the hub: the canonical
 * row text both sides hash, and the name of that form. The specification (and
 * why each choice) is docs/architecture/digests.md; change DIGEST_FORM with it.
 */
export const DIGEST_FORM = 'content-2';

/**
 * How a field is written into the canonical text: `text` (text, uuids, enums),
 * `json` (text in jsonb's print), or as a number: `integer`, `boolean` (0/1),
 * `instant` (epoch ms).
 */
export type DigestFieldKind = 'text' | 'json' | 'integer' | 'boolean' | 'instant';

export interface DigestField {
  /** The column, named the same in the hub's table and the console's cache. */
  column: string;
  kind: DigestFieldKind;
  /** Sent blank ('') to readers who may not see personal data (server/sync/syncAudience.ts). */
  personal?: true;
}

const f = (column: string, kind: DigestFieldKind = 'text', personal?: true): DigestField =>
  personal ? { column, kind, personal } : { column, kind };

/** Every synced field of each table, in canonical order: what a row's digest term covers. */
export const DIGEST_FIELDS: { readonly [T in SyncedTable]: readonly DigestField[] } = {
  entities: [
    f('id'),
    f('code'),
    f('name_ar'),
    f('name_en'),
    f('sector'),
    f('kind'),
    f('parent_id'),
    f('seq', 'integer'),
  ],
  focalPoints: [
    f('id'),
    f('entity_id'),
    f('name_ar'),
    f('name_en'),
    f('phone'),
    f('email'),
    f('active', 'boolean'),
    f('seq', 'integer'),
  ],
  cases: [
    f('id'),
    f('number'),
    f('type'),
    f('channel'),
    f('entity_id'),
    f('focal_point_id'),
    f('pillar'),
    f('importance'),
    f('status'),
    f('escalation_level'),
    f('title'),
    f('body'),
    f('language'),
    f('applicant_name', 'text', true),
    f('applicant_phone', 'text', true),
    f('submitted_at', 'instant'),
    f('due_at', 'instant'),
    f('first_response_at', 'instant'),
    f('answered_at', 'instant'),
    f('closed_at', 'instant'),
    f('rating', 'integer'),
    f('rating_comment'),
    f('claimed_by'),
    f('claimed_at', 'instant'),
    f('pauses', 'json'),
    f('last_update_at', 'instant'),
    f('first_response_due_at', 'instant'),
    f('update_due_at', 'instant'),
    f('updated_at', 'instant'),
    f('version', 'integer'),
    f('seq', 'integer'),
  ],
  alerts: [
    f('id'),
    f('case_id'),
    f('kind'),
    f('detail', 'json'),
    f('raised_at', 'instant'),
    f('acknowledged_by'),
    f('acknowledged_at', 'instant'),
    f('seq', 'integer'),
  ],
};

/**
 * A JSON value printed as PostgreSQL prints jsonb: object keys shortest first
 * (in UTF-8 bytes), then by bytes; `", "` between items, `": "` after a key;
 * strings escaped as JSON.stringify does, which is what PostgreSQL does for
 * valid text (`"`, `\`, \b \f \n \r \t, other controls as \u00xx).
 */
export function jsonbText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => jsonbKeyOrder(a, b));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${jsonbText(item)}`).join(', ')}}`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** jsonb's key order: by UTF-8 length, then bytewise (which is code point order). */
function jsonbKeyOrder(a: string, b: string): number {
  const byLength = utf8Length(a) - utf8Length(b);
  if (byLength !== 0) return byLength;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return 0;
}

export const TableDigest = z.object({
  rows: z.number().int().nonnegative(),
  digest: z.string().regex(/^\d{1,40}$/, 'a digest is a non-negative decimal integer'),
});
export type TableDigest = z.infer<typeof TableDigest>;

/** GET /api/sync/digest?form=<DIGEST_FORM>[&tables=cases,alerts] */
export const SyncDigest = z.object({
  /**
   * The canonical form the digests were computed in (DIGEST_FORM). Hubs from
   * before it was named digested id:seq and sent none; a console compares
   * only digests of its own form.
   */
  form: z.string().min(1).max(40).optional(),
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
