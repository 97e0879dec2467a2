import type { CacheDb } from '../../electron/core/cache/openCacheDatabase';
import { SearchIndexer } from '../../electron/core/cache/searchIndexer';

/** Runs the background search build to its end at once, and writes what live changes owe, as the desk does between other work. */
export function buildSearch(db: CacheDb): void {
  const indexer = new SearchIndexer(db, { paused: () => false, onProgress: () => undefined });
  while (indexer.step());
  while (indexer.drainPending());
}
