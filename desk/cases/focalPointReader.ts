import type { Statement } from 'better-sqlite3';
import type { ReplicaDb } from '../replica/openReplicaDatabase';

export interface FocalPointView {
  id: string;
  entityId: string;
  nameAr: string;
  nameEn: string;
}

/** The focal points the replica holds, for the focal-point filter. */
export class FocalPointReader {
  private readonly all: Statement<[], FocalPointView>;

  constructor(db: ReplicaDb) {
    this.all = db.prepare(
      'SELECT id, entity_id AS entityId, name_ar AS nameAr, name_en AS nameEn FROM focal_points ORDER BY name_ar',
    );
  }

  list(): FocalPointView[] {
    return this.all.all();
  }
}
