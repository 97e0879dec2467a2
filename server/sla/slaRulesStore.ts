import { DEFAULT_LADDER_WINDOWS, LadderWindows, SlaMatrix, WorkingCalendar } from '../../shared/sla';
import type { SqlRunner } from '../db/hubDatabase';
import { SLA_RULES_CHANNEL } from './slaRulesNotice';
import { DEFAULT_SLA_RULES, type SlaRules } from '../cases/caseDeadlines';

export interface CurrentSlaRules extends SlaRules {
  ladder: LadderWindows;
  /** The newest rule version id, so a change can be named in a case's timeline. */
  version: number;
}

/** The rules in force: the newest version of each kind, or the built-in Jordan defaults. */
export async function loadSlaRules(db: SqlRunner): Promise<CurrentSlaRules> {
  const rows = (
    await db.query<{ id: number; kind: string; text: string }>(
      `SELECT DISTINCT ON (kind) id::int AS id, kind, document::text AS text FROM sla_rule_versions ORDER BY kind, id DESC`,
    )
  ).map((r) => ({ ...r, document: JSON.parse(r.text) as unknown }));
  // Parsed once per set of documents (keyed by their text, since several hub
  // databases may share a process in tests): the calendar object is then
  // reused, and its memo of days stays warm.
  const key = rows.map((r) => `${r.id}:${r.text}`).join('\n');
  if (cached?.key === key) return cached.rules;
  const of = (kind: string) => rows.find((r) => r.kind === kind);
  const calendar = of('calendar');
  const matrix = of('matrix');
  const ladder = of('ladder');
  const rules = {
    calendar: calendar ? WorkingCalendar.parse(calendar.document) : DEFAULT_SLA_RULES.calendar,
    matrix: matrix ? SlaMatrix.parse(matrix.document) : DEFAULT_SLA_RULES.matrix,
    ladder: ladder ? LadderWindows.parse(ladder.document) : DEFAULT_LADDER_WINDOWS,
    version: Math.max(0, ...rows.map((r) => r.id)),
  };
  cached = { key, rules };
  return rules;
}

let cached: { key: string; rules: CurrentSlaRules } | null = null;

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
