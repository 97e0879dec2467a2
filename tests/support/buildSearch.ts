import type { ReplicaDb } from '../../desk/replica/openReplicaDatabase';
import { SearchIndexer } from '../../desk/search/searchIndexer';

/** Runs the background search build to its end at once, and writes what live changes owe, as the desk does between other work. */
export function buildSearch(db: ReplicaDb): void {
  const indexer = new SearchIndexer(db, { paused: () => false, onProgress: () => undefined });
  while (indexer.step());
  while (indexer.drainPending());
}
