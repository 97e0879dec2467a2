import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeskCore } from '../../desk/deskCore';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// A cache upgraded to a schema whose new fields its rows cannot know (v006:
// each case's pauses) fetches that table again on its next connection, and
// keeps its position in the log and its outbox.
describe('a table marked stale by a cache migration', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 400, seed: 31 } });
  const dir = mkdtempSync(join(tmpdir(), 'refetch-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is downloaded again before following the log, filling what the old rows lacked', async () => {
    const { hub } = fixture;
    const [paused] = (await hub.db.query(
      `SELECT id::text AS id FROM cases WHERE jsonb_array_length(pauses) > 0 ORDER BY id LIMIT 1`,
    )) as { id: string }[];
    expect(paused).toBeDefined();

    const first = new DeskCore({ dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    first.start();
    await waitFor(() => first.sync.current.phase === 'live', 'live');
    const pausesHeld = () =>
      (first.store.db.prepare('SELECT pauses FROM cases WHERE id = ?').get(paused!.id) as { pauses: string }).pauses;
    expect(JSON.parse(pausesHeld())).not.toEqual([]);
    // What migration v006 leaves in a cache from before it: rows without pauses, the table marked.
    first.store.db.exec(`UPDATE cases SET pauses = '[]'`);
    first.store.setMeta('refetchTables', 'cases');
    const seqBefore = first.store.lastAppliedSeq;
    await first.stop();

    const again = new DeskCore({ dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    again.start();
    try {
      await waitFor(() => again.sync.current.phase === 'live', 'live again');
      const held = again.store.db.prepare('SELECT pauses FROM cases WHERE id = ?').get(paused!.id) as {
        pauses: string;
      };
      expect(JSON.parse(held.pauses)).not.toEqual([]);
      expect(again.store.meta('refetchTables')).toBe('');
      expect(again.store.lastAppliedSeq).toBeGreaterThanOrEqual(seqBefore);
    } finally {
      await again.stop();
    }
  });
});
