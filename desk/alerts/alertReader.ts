import type { AlertView } from '../../shared/contract/deskContract';
import type { ReplicaDb } from '../replica/openReplicaDatabase';

interface Row {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  kind: AlertView['kind'];
  detail: string;
  raisedAt: string;
  acknowledgedBy: string | null;
  seq: number;
  pendingAck: number;
}

const SELECT = `
  SELECT a.id, a.case_id AS caseId, c.number AS caseNumber, a.kind, a.detail, a.raised_at AS raisedAt,
         a.acknowledged_by AS acknowledgedBy, a.seq,
         EXISTS (SELECT 1 FROM outbox o WHERE o.command = 'acknowledgeAlert' AND json_extract(o.input, '$.alertId') = a.id) AS pendingAck
  FROM alerts a LEFT JOIN cases c ON c.id = a.case_id`;

const toView = (r: Row): AlertView => {
  const detail = JSON.parse(r.detail) as { from?: string; to?: string; timer?: string };
  return {
    id: r.id,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    kind: r.kind,
    from: detail.from ?? null,
    to: detail.to ?? null,
    timer: detail.timer ?? null,
    raisedAt: r.raisedAt,
    acknowledgedBy: r.acknowledgedBy,
    pendingAck: r.pendingAck === 1,
  };
};

/** The alert feed from the replica: newest first; what is new since a position, for notifications. */
export class AlertReader {
  constructor(private readonly db: ReplicaDb) {}

  recent(limit: number, unacknowledgedOnly: boolean): { alerts: AlertView[]; unacknowledged: number } {
    const rows = this.db
      .prepare(
        `${SELECT} ${unacknowledgedOnly ? 'WHERE a.acknowledged_by IS NULL' : ''} ORDER BY a.raised_at DESC, a.id DESC LIMIT ?`,
      )
      .all(limit) as Row[];
    const unacknowledged = (
      this.db.prepare('SELECT count(*) AS n FROM alerts WHERE acknowledged_by IS NULL').get() as { n: number }
    ).n;
    return { alerts: rows.map(toView), unacknowledged };
  }

  /** Unacknowledged alerts that arrived after `afterSeq`. */
  raisedSince(afterSeq: number): AlertView[] {
    return (
      this.db
        .prepare(`${SELECT} WHERE a.seq > ? AND a.acknowledged_by IS NULL ORDER BY a.seq LIMIT 20`)
        .all(afterSeq) as Row[]
    ).map(toView);
  }

  maxSeq(): number {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM alerts').get() as { s: number }).s;
  }
}
