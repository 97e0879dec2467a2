import type { DeskHandlers } from '../deskHandlers';
import type { ReplicaDb } from '../replica/openReplicaDatabase';
import type { ReplicaStore } from '../replica/replicaStore';
import type { QueueReader } from '../queue/queueReader';
import type { CaseDetailService } from './caseDetailService';
import type { FocalPointReader } from './focalPointReader';
import { lateCasesOfFocalPoint } from './lateCases';

export interface CaseHandlerDeps {
  caseDetail: Pick<CaseDetailService, 'detail'>;
  focalPoints: Pick<FocalPointReader, 'list'>;
  entities: Pick<ReplicaStore, 'entities'>;
  /** Late cases are read from the replica by the queue's own clock, so "late" means what the queue shows. */
  db: ReplicaDb;
  queue: Pick<QueueReader, 'page'>;
}

/** A case's view, and the entities and focal points cases are filed under. */
export function caseHandlers(
  deps: CaseHandlerDeps,
): DeskHandlers<'case.detail' | 'focalPoints.list' | 'entities.list' | 'bulkChase.lateCases'> {
  return {
    'case.detail': async ({ caseId }) => deps.caseDetail.detail(caseId),
    'focalPoints.list': async () => deps.focalPoints.list(),
    'entities.list': async () => deps.entities.entities(),
    'bulkChase.lateCases': async ({ caseId }) => lateCasesOfFocalPoint(deps.db, deps.queue, caseId),
  };
}
