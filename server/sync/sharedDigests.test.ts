import { describe, expect, it } from 'vitest';
import type { SqlRunner } from '../db/hubDatabase';
import { SharedDigests } from './sharedDigests';
import { FULL_AUDIENCE } from './syncAudience';
import { DIGEST_FORM } from '../../shared/protocol/syncDigest';

/** A database that answers the digest statement and the counter, counting full digest reads. */
function fakeDb() {
  const state = { seq: 10, digestReads: 0 };
  const db: SqlRunner = {
    query: async <R>(sql: string) => {
      await new Promise((r) => setTimeout(r, 5));
      if (sql.includes('md5')) {
        state.digestReads++;
        return [{ epoch: 'e1', encoding: 'UTF8', seq: String(state.seq), t0: `3 ${state.seq * 7}` }] as R[];
      }
      return [{ seq: String(state.seq) }] as R[];
    },
  };
  return { db, state };
}

describe('SharedDigests', () => {
  it('lets consoles asking at once share one read, and reuses it until the log moves', async () => {
    const { db, state } = fakeDb();
    const digests = new SharedDigests(db);
    const together = await Promise.all(Array.from({ length: 5 }, () => digests.read(['cases'], FULL_AUDIENCE)));
    expect(state.digestReads).toBe(1);
    expect(new Set(together.map((d) => d.seq))).toEqual(new Set([10]));

    expect((await digests.read(['cases'], FULL_AUDIENCE)).seq).toBe(10);
    expect(state.digestReads).toBe(1);

    state.seq = 11;
    const moved = await digests.read(['cases'], FULL_AUDIENCE);
    expect(moved).toEqual({ form: DIGEST_FORM, hubEpoch: 'e1', seq: 11, tables: { cases: { rows: 3, digest: '77' } } });
    expect(state.digestReads).toBe(2);

    // Another audience never gets this one's digest: another scope, or the same rows with personal data blanked.
    await digests.read(['cases'], { entityScope: 'ent-moh', seesPersonalData: true });
    expect(state.digestReads).toBe(3);
    await digests.read(['cases'], { entityScope: null, seesPersonalData: false });
    expect(state.digestReads).toBe(4);
  });
});
