import type { z } from 'zod';
import type { QueueFilters, QueueQuery, QueuePage, QueueRow } from '../../../shared/contract/deskContract';
import type { CacheDb } from './openCacheDatabase';
import { searchTerms } from '../../../shared/text/arabicNormalize';
import { phoneKey } from '../../../shared/text/phoneKey';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_SLA_MATRIX, deadlineTimer, slaTargetsFor } from '../../../shared/sla';
import type { DeskSlaRules } from './deskSlaRules';

const SEARCH_CANDIDATES = 1000;

const FILTER_COLUMNS: Record<keyof QueueFilters, string> = {
  entityId: 'c.entity_id',
  sector: 'e.sector',
  type: 'c.type',
  channel: 'c.channel',
  pillar: 'c.pillar',
  importance: 'c.importance',
  status: 'c.status',
  escalationLevel: 'c.escalation_level',
  focalPointId: 'c.focal_point_id',
};

/** WHERE for the queue's filters, values always bound as parameters (never spliced into SQL). */
function whereClause(openOnly: boolean, filters: QueueFilters): { sql: string; params: Record<string, string> } {
  const clauses: string[] = openOnly ? ['c.is_open = 1'] : [];
  const params: Record<string, string> = {};
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof QueueFilters, string][]) {
    const values = filters[key];
    if (!values?.length) continue;
    const names = values.map((value, i) => {
      params[`${key}${i}`] = value;
      return `@${key}${i}`;
    });
    clauses.push(`${column} IN (${names.join(', ')})`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const ORDER = {
  urgent: 'c.is_open DESC, c.due_at, c.id',
  newest: 'c.submitted_at DESC, c.id',
} as const;

/** Reads the live queue from the cache: one page, sorted by an index. */
export class QueueReader {
  constructor(
    private readonly db: CacheDb,
    /** The hub's time (this machine's, corrected by the measured offset). */
    private readonly now: () => number = Date.now,
    private readonly rules: () => DeskSlaRules = () => ({
      calendar: DEFAULT_JORDAN_CALENDAR,
      matrix: DEFAULT_SLA_MATRIX,
    }),
  ) {}

  page(query: z.output<typeof QueueQuery>): QueuePage {
    const terms = query.search ? searchTerms(query.search) : [];
    // Ranking every match of a common word over a million cases is the slow path:
    // rank a bounded candidate set, then sort those by the queue's order.
    const hits = terms.length
      ? `JOIN (SELECT rowid AS hit FROM cases_fts WHERE cases_fts MATCH @match ORDER BY rank LIMIT ${SEARCH_CANDIDATES}) h ON h.hit = c.rowid`
      : '';
    const match = terms.map((t) => `"${phoneKey(t).replace(/"/g, '')}"*`).join(' ');
    const { sql: where, params: filterParams } = whereClause(query.openOnly, query.filters);
    const rows = this.db
      .prepare(
        `SELECT c.id, c.number, c.type, c.channel, c.pillar, c.importance, c.status, c.escalation_level AS escalationLevel,
                c.title, c.entity_id AS entityId, e.name_ar AS entityNameAr, e.name_en AS entityNameEn,
                f.name_ar AS focalPointNameAr, f.name_en AS focalPointNameEn,
                c.submitted_at AS submittedAt, c.due_at AS dueAt, c.version, c.claimed_by AS claimedBy,
                c.answered_at AS answeredAt,
                (SELECT json_group_array(o.command) FROM outbox o WHERE o.case_id = c.id) AS pendingCommands
         FROM cases c
         LEFT JOIN entities e ON e.id = c.entity_id
         LEFT JOIN focal_points f ON f.id = c.focal_point_id
         ${hits}
         ${where}
         ORDER BY ${ORDER[query.sort]} LIMIT @limit OFFSET @offset`,
      )
      .all({ limit: query.limit, offset: query.offset, ...filterParams, ...(terms.length ? { match } : {}) }) as (Omit<
      QueueRow,
      'entityNameAr' | 'entityNameEn' | 'sla'
    > & {
      entityNameAr: string | null;
      entityNameEn: string | null;
      answeredAt: string | null;
    })[];
    const total = (
      this.db
        .prepare(`SELECT count(*) AS n FROM cases c ${hits} ${where}`)
        .get({ ...filterParams, ...(terms.length ? { match } : {}) }) as {
        n: number;
      }
    ).n;
    return {
      total,
      offset: query.offset,
      rows: rows.map(({ answeredAt, ...r }) => ({
        ...r,
        sla: this.timer(r, answeredAt),
        pendingCommands: JSON.parse(r.pendingCommands as unknown as string) as string[],
        entityNameAr: r.entityNameAr ?? r.entityId,
        entityNameEn: r.entityNameEn ?? r.entityId,
      })),
    };
  }

  private timer(
    row: Pick<QueueRow, 'status' | 'dueAt' | 'type' | 'importance' | 'pillar'>,
    answeredAt: string | null,
  ): QueueRow['sla'] {
    const { calendar, matrix } = this.rules();
    const timer = deadlineTimer(
      {
        status: row.status,
        dueAtMs: row.dueAt ? Date.parse(row.dueAt) : null,
        answeredAtMs: answeredAt ? Date.parse(answeredAt) : null,
        targetMinutes: slaTargetsFor(matrix, row.type, row.importance, row.pillar).resolutionMinutes,
        nowMs: this.now(),
      },
      calendar,
    );
    return timer && { state: timer.state, workingMinutesLeft: timer.workingMinutesLeft };
  }
}
