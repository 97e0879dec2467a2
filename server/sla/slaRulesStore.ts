import { DEFAULT_LADDER_WINDOWS, LadderWindows, SlaMatrix, WorkingCalendar } from '../../shared/sla';
import type { SqlRunner } from '../db/hubDatabase';
import { DEFAULT_SLA_RULES, type SlaRules } from '../cases/caseDeadlines';

export interface CurrentSlaRules extends SlaRules {
  ladder: LadderWindows;
  /** The newest rule version id, so a change can be named in a case's timeline. */
  version: number;
}

/** The rules in force: the newest version of each kind, or the built-in Jordan defaults. */
export async function loadSlaRules(db: SqlRunner): Promise<CurrentSlaRules> {
  const rows = await db.query<{ id: number; kind: string; document: unknown }>(
    `SELECT DISTINCT ON (kind) id::int AS id, kind, document FROM sla_rule_versions ORDER BY kind, id DESC`,
  );
  const of = (kind: string) => rows.find((r) => r.kind === kind);
  const calendar = of('calendar');
  const matrix = of('matrix');
  const ladder = of('ladder');
  return {
    calendar: calendar ? WorkingCalendar.parse(calendar.document) : DEFAULT_SLA_RULES.calendar,
    matrix: matrix ? SlaMatrix.parse(matrix.document) : DEFAULT_SLA_RULES.matrix,
    ladder: ladder ? LadderWindows.parse(ladder.document) : DEFAULT_LADDER_WINDOWS,
    version: Math.max(0, ...rows.map((r) => r.id)),
  };
}

export async function saveSlaRuleVersion(
  tx: SqlRunner,
  kind: 'calendar' | 'matrix' | 'ladder',
  document: unknown,
  changedBy: string,
  reason: string,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO sla_rule_versions (kind, document, changed_by, reason) VALUES ($1, $2, $3, $4) RETURNING id::int AS id`,
    [kind, JSON.stringify(document), changedBy, reason],
  );
  return row!.id;
}
