import type { SyncDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SqlRunner } from '../db/hubDatabase';
import type { SyncAudience } from './syncAudience';
import { readTableDigests } from './tableDigest';

/**
 * Digests shared between consoles. After a hub restart every console reconnects
 * and asks at once; each digest hashes the content of whole tables (a long
 * read at a million cases), so consoles of
 * one audience asking the same tables share one computation in flight, and
 * reuse the last one while the change log has not moved. Every console still
 * compares at the position the digest names. An audience is its entity scope
 * and whether it sees personal data: the hashed rows differ in both.
 */
export class SharedDigests {
  private readonly inFlight = new Map<string, Promise<SyncDigest>>();
  private readonly latest = new Map<string, SyncDigest>();

  constructor(private readonly db: SqlRunner) {}

  async read(tables: readonly SyncedTable[], audience: SyncAudience): Promise<SyncDigest> {
    const key = `${audience.entityScope ?? '*'}|${audience.seesPersonalData ? 'personal' : 'blanked'}|${tables.join(',')}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const last = this.latest.get(key);
    if (last) {
      const [counter] = await this.db.query<{ seq: string }>(
        'SELECT seq::text AS seq FROM change_counter WHERE id = 1',
      );
      if (Number(counter?.seq) === last.seq) return last;
    }
    const computing = readTableDigests(this.db, tables, audience)
      .then((digest) => {
        this.latest.set(key, digest);
        return digest;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, computing);
    return computing;
  }
}
