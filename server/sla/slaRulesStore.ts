import { DEFAULT_LADDER_WINDOWS, LadderWindows, SlaMatrix, WorkingCalendar } from '../../shared/sla';
import type { SqlRunner } from '../db/hubDatabase';
import { SLA_RULES_CHANNEL } from './slaRulesNotice';
import { DEFAULT_SLA_RULES, type SlaRules } from '../cases/caseDeadlines';

export interface CurrentSlaRules extends SlaRules {
  ladder: LadderWindows;
  /** The newest rule version id, so a change can be named in a case's timeline. */
  version: number;
}

/**
 * The rules in force: the newest version of each kind, or the built-in Jordan
 * defaults. With `asOf`, the rules as they stood once that version was saved
 * (a recompute run applies its own version's rules, whatever came after).
 */
export async function loadSlaRules(db: SqlRunner, asOf?: number): Promise<CurrentSlaRules> {
  const rows = await db.query<{ id: number; kind: string; text: string }>(
    `SELECT DISTINCT ON (kind) id::int AS id, kind, document::text AS text FROM sla_rule_versions
     WHERE $1::bigint IS NULL OR id <= $1::bigint ORDER BY kind, id DESC`,
    [asOf ?? null],
  );
  const of = (kind: string) => rows.find((r) => r.kind === kind);
  return {
    calendar: parsedDocument(of('calendar'), (d) => WorkingCalendar.parse(d), DEFAULT_SLA_RULES.calendar),
    matrix: parsedDocument(of('matrix'), (d) => SlaMatrix.parse(d), DEFAULT_SLA_RULES.matrix),
    ladder: parsedDocument(of('ladder'), (d) => LadderWindows.parse(d), DEFAULT_LADDER_WINDOWS),
    version: Math.max(0, ...rows.map((r) => r.id)),
  };
}

// Each document is parsed once (keyed by its text, since several hub databases
// may share a process in tests): the calendar object is then reused, and its
// memo of days stays warm. Kept per document, not per set, so a recompute on
// an older version's rules and the newest rules share the calendar they have
// in common instead of evicting each other.
const parsedDocuments = new Map<string, unknown>();
const PARSED_KEPT = 16;

function parsedDocument<T>(
  row: { id: number; kind: string; text: string } | undefined,
  parse: (d: unknown) => T,
  fallback: T,
): T {
  if (!row) return fallback;
  const key = `${row.kind}:${row.id}:${row.text}`;
  const held = parsedDocuments.get(key);
  if (held !== undefined) {
    // Most recently used last: the oldest entry is the one dropped.
    parsedDocuments.delete(key);
    parsedDocuments.set(key, held);
    return held as T;
  }
  const parsed = parse(JSON.parse(row.text));
  parsedDocuments.set(key, parsed);
  if (parsedDocuments.size > PARSED_KEPT) parsedDocuments.delete(parsedDocuments.keys().next().value!);
  return parsed;
}

/**
 * Saves a new version inside the caller's transaction, which must hold the
 * rules' lock (slaRuleCommands.ts) so that version order is commit order. The
 * NOTIFY in the same statement reaches every hub process's relay
 * (slaRulesRelay.ts) when, and only if, the transaction commits.
 */
export async function saveSlaRuleVersion(
  tx: SqlRunner,
  kind: 'calendar' | 'matrix' | 'ladder',
  document: unknown,
  changedBy: string,
  reason: string,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `WITH saved AS (
       INSERT INTO sla_rule_versions (kind, document, changed_by, reason) VALUES ($1, $2, $3, $4) RETURNING id
     )
     SELECT id::int AS id, pg_notify('${SLA_RULES_CHANNEL}', json_build_object('version', id)::text) AS notified FROM saved`,
    [kind, JSON.stringify(document), changedBy, reason],
  );
  return row!.id;
}

/** The version in force: the newest saved, or 0 while the built-in defaults stand. */
export async function readSlaRulesVersion(db: SqlRunner): Promise<number> {
  const [row] = await db.query<{ version: number }>(
    `SELECT COALESCE(max(id), 0)::int AS version FROM sla_rule_versions`,
  );
  return row?.version ?? 0;
}
