import type { CaseDetail } from '../../shared/contract/caseDetailContract';
import type { ReplicaDb } from '../replica/openReplicaDatabase';

type HeldCase = CaseDetail['case'];

interface CaseRow {
  id: string;
  number: string;
  type: HeldCase['type'];
  channel: HeldCase['channel'];
  entityId: string;
  focalPointId: string | null;
  pillar: HeldCase['pillar'];
  importance: HeldCase['importance'];
  status: HeldCase['status'];
  escalationLevel: HeldCase['escalationLevel'];
  title: string;
  body: string;
  language: HeldCase['language'];
  applicantName: string;
  applicantPhone: string;
  submittedAt: string;
  dueAt: string | null;
  firstResponseAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  pauses: string;
  lastUpdateAt: string | null;
  firstResponseDueAt: string | null;
  updateDueAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  updatedAt: string;
  version: number;
  entityCode: string | null;
  entityNameAr: string | null;
  entityNameEn: string | null;
  focalPointNameAr: string | null;
  focalPointNameEn: string | null;
}

/** One case as this desk holds it, with its entity's code and names and its focal point's: the case view's source. */
export class CaseReader {
  private readonly byId;

  constructor(db: ReplicaDb) {
    this.byId = db.prepare<[string], CaseRow>(
      `SELECT c.id, c.number, c.type, c.channel, c.entity_id AS entityId, c.focal_point_id AS focalPointId, c.pillar,
              c.importance, c.status, c.escalation_level AS escalationLevel, c.title, c.body, c.language,
              c.applicant_name AS applicantName, c.applicant_phone AS applicantPhone, c.submitted_at AS submittedAt,
              c.due_at AS dueAt, c.first_response_at AS firstResponseAt, c.answered_at AS answeredAt,
              c.closed_at AS closedAt, c.pauses, c.last_update_at AS lastUpdateAt,
              c.first_response_due_at AS firstResponseDueAt, c.update_due_at AS updateDueAt, c.rating,
              c.rating_comment AS ratingComment, c.claimed_by AS claimedBy, c.claimed_at AS claimedAt,
              c.updated_at AS updatedAt, c.version,
              e.code AS entityCode, e.name_ar AS entityNameAr, e.name_en AS entityNameEn,
              f.name_ar AS focalPointNameAr, f.name_en AS focalPointNameEn
       FROM cases c
       LEFT JOIN entities e ON e.id = c.entity_id
       LEFT JOIN focal_points f ON f.id = c.focal_point_id
       WHERE c.id = ?`,
    );
  }

  read(caseId: string): HeldCase | null {
    const row = this.byId.get(caseId);
    if (!row) return null;
    return {
      ...row,
      pauses: JSON.parse(row.pauses) as HeldCase['pauses'],
      entityNameAr: row.entityNameAr ?? row.entityId,
      entityNameEn: row.entityNameEn ?? row.entityId,
    };
  }
}
