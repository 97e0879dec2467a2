import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplicaDatabase } from '../openReplicaDatabase';
import { ReplicaStore } from '../replicaStore';
import { QueueReader } from '../../queue/queueReader';
import { REPLICA_MIGRATIONS } from './index';
import { v016 } from './v016_search_stems';
import { QueueQuery } from '../../../shared/contract/deskContract';
import { normalizeForSearch } from '../../../shared/text/arabicNormalize';
import { caseRecord } from '../../../tests/support/caseRecordFixture';
import { buildSearch } from '../../../tests/support/buildSearch';
import { SEARCH_INDEXED_UP_TO } from '../../search/searchIndexer';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < v016.version);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const outage = caseRecord({ number: 'BK-26-0000001', title: 'انقطاع الكهرباء عن الحي', body: 'نص' });
const found = (db: ReturnType<typeof openReplicaDatabase>['db'], search: string) =>
  new QueueReader(db).page(QueueQuery.parse({ limit: 10, search })).rows.map((row) => row.number);

describe('replica migration v016', () => {
  it('has a replica from before indexed again, so a bare word finds the cases it held with the article attached', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-v016-'));
    dirs.push(dir);
    const path = join(dir, 'replica.sqlite');
    {
      // A replica one version older, its search built as that version built it: the folded text alone.
      const { db } = openReplicaDatabase(path, BEFORE);
      const store = new ReplicaStore(db);
      store.beginBootstrap('e', 1, { keepRows: false });
      store.writeSnapshotPage('cases', [outage], outage.id, true);
      store.completeBootstrap();
      db.prepare('DELETE FROM sync_meta WHERE key = ?').run(SEARCH_INDEXED_UP_TO);
      db.prepare('INSERT INTO cases_fts (rowid, text) SELECT rowid, ? FROM cases').run(
        normalizeForSearch(`${outage.number} ${outage.title} ${outage.body}`),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(v016.version - 1);
      db.close();
    }

    const opened = openReplicaDatabase(path);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(v016.version);
    expect(opened.needsReindex).toBe(true);
    // Until its turn in the build, a case is found by the words as they were indexed before.
    expect(found(opened.db, 'انقطاع')).toEqual(['BK-26-0000001']);
    expect(found(opened.db, 'كهرباء')).toEqual([]);

    // As the desk does on opening it (deskCore.ts): the background build writes every case's text again.
    new ReplicaStore(opened.db).requestSearchRebuild();
    buildSearch(opened.db);
    expect(found(opened.db, 'كهرباء')).toEqual(['BK-26-0000001']);
    expect(found(opened.db, 'الكهرباء')).toEqual(['BK-26-0000001']);
    opened.db.close();

    // Opened again, already migrated: nothing is owed again.
    const again = openReplicaDatabase(path);
    expect(again.needsReindex).toBe(false);
    again.db.close();
  });
});
