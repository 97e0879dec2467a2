import { createHash } from 'node:crypto';
import type { SqlRunner } from '../db/hubDatabase';

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  /** Ids, codes and counts only — never a password, a token, or a citizen's details. */
  payload: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every level, so the same entry always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(
  prevHash: string,
  entry: { at: string; actor: string; action: string; subject: string | null; payload: unknown },
): string {
  return createHash('sha256')
    .update(prevHash)
    .update(
      canonicalJson({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject,
        payload: entry.payload,
      }),
    )
    .digest('hex');
}

/**
 * Appends to the hash-chained audit log inside the caller's transaction. The
 * lock keeps the chain a single line across hub processes.
 */
export async function appendAudit(tx: SqlRunner, entry: AuditEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(730005)');
  const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prevHash = last?.hash ?? GENESIS;
  const at = entry.at.toISOString();
  const hash = entryHash(prevHash, { ...entry, at });
  await tx.query(
    `INSERT INTO audit_log (at, actor, action, subject, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.payload), prevHash, hash],
  );
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** The first entry whose hash does not follow from what precedes it. */
  firstBadId: number | null;
}

/** Recomputes the whole chain: proves no entry was edited, removed or inserted. */
export async function verifyAuditChain(db: SqlRunner): Promise<AuditVerdict> {
  let prevHash = GENESIS;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const rows = await db.query<{
      id: number;
      at: string;
      actor: string;
      action: string;
      subject: string | null;
      payload: unknown;
      prev_hash: string;
      hash: string;
    }>(
      `SELECT id::float8 AS id, iso_ms(at) AS at, actor, action, subject, payload, prev_hash, hash FROM audit_log
       WHERE id > $1 ORDER BY id LIMIT 5000`,
      [afterId],
    );
    if (rows.length === 0) return { ok: true, entries, firstBadId: null };
    for (const row of rows) {
      if (row.prev_hash !== prevHash || entryHash(prevHash, row) !== row.hash) {
        return { ok: false, entries, firstBadId: row.id };
      }
      prevHash = row.hash;
      entries++;
    }
    afterId = rows.at(-1)!.id;
  }
}
