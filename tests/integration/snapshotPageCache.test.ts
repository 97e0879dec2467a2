import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../server/hubServer';
import { recordChanges } from '../../server/changes/changeLog';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import { authorized } from '../support/staffSession';

// The hub keeps case snapshot pages gzipped (server/sync/snapshotPageCache.ts):
// a kept page must never outlive a change to a case it covers.
describe.each(await hubTargets())('snapshot page cache on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 120, seed: 5 } });
  let hub: RunningHub;

  beforeAll(async () => {
    hub = fixture.hub;
    await hub.warming;
  });

  /** Every page of 50 cases, as the console asks for them: each page's rows by id. */
  const readPages = async (): Promise<Map<string, { title: string; seq: number }>[]> => {
    const pages: Map<string, { title: string; seq: number }>[] = [];
    let after: string | null = null;
    for (;;) {
      const query = new URLSearchParams({ limit: '50', ...(after ? { after } : {}) });
      const response = await fetch(`${hub.url}/api/sync/snapshot/cases?${query}`, {
        headers: await authorized(hub.url),
      });
      const lines = (await response.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; title: string; seq: number; lastKey: string; done: boolean });
      const end = lines.pop()!;
      pages.push(new Map(lines.map((r) => [r.id, { title: r.title, seq: r.seq }])));
      after = end.lastKey;
      if (end.done) return pages;
    }
  };

  it('serves the same pages again, and a new case shows up in the last one', async () => {
    const first = await readPages();
    expect(await readPages()).toEqual(first);
    const sent = await postApplication(hub.url, sampleApplication());
    const after = await readPages();
    const ids = after.flatMap((page) => [...page.keys()]);
    expect(ids).toContain(sent.json.id);
    expect(ids.length).toBe(first.flatMap((page) => [...page.keys()]).length + 1);
  });

  it('drops a kept page when a case in it changes', async () => {
    const before = await readPages();
    const [caseId] = [...before[0]!.keys()];
    await hub.db.transaction(async (tx) => {
      await tx.query(`UPDATE cases SET title = 'عنوان معدل' WHERE id = $1`, [caseId]);
      await recordChanges(tx, [{ table: 'cases', id: caseId! }]);
    });
    const after = await readPages();
    expect(after[0]!.get(caseId!)?.title).toBe('عنوان معدل');
    expect(after[0]!.get(caseId!)!.seq).toBeGreaterThan(before[0]!.get(caseId!)!.seq);
    // The other pages were kept as they were.
    expect(after.slice(1, -1)).toEqual(before.slice(1, -1));
  });
});
