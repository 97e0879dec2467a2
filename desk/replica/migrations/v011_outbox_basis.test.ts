import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateReplica } from '../openReplicaDatabase';
import { REPLICA_MIGRATIONS } from './index';
import { v011 } from './v011_outbox_basis';
import { Outbox } from '../../outbox/outbox';
import { salvageOutbox } from '../../outbox/outboxSalvage';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < 11);
const QUEUED = {
  client_id: '6b1f3c2e-0000-4000-8000-000000000001',
  command: 'updateSlaMatrix',
  input: JSON.stringify({ clientId: '6b1f3c2e-0000-4000-8000-000000000001', matrix: {}, reason: 'old desk' }),
};

function v10ReplicaWithACommand(path = ':memory:') {
  const db = new Database(path);
  migrateReplica(db, path, BEFORE);
  db.prepare(
    `INSERT INTO outbox (client_id, command, input, case_id, queued_at, state, attempts, refusal_code, refusal_message)
     VALUES (?, ?, ?, NULL, '2026-11-30T10:00:00.000Z', 'refused', 2, 'forbidden', 'A supervisor may not…')`,
  ).run(QUEUED.client_id, QUEUED.command, QUEUED.input);
  return db;
}

describe('replica migration v011', () => {
  it('keeps every command a v10 outbox held, with nothing recorded as its basis', () => {
    const db = v10ReplicaWithACommand();
    migrateReplica(db, ':memory:', [...BEFORE, v011]);
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    const [entry] = new Outbox(db).list();
    expect(entry).toMatchObject({
      clientId: QUEUED.client_id,
      command: QUEUED.command,
      input: JSON.parse(QUEUED.input),
      state: 'refused',
      attempts: 2,
      refusal: { code: 'forbidden', message: 'A supervisor may not…' },
      basis: null,
    });
  });

  it('keeps a rule edit’s basis beside it, never in what is sent', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', REPLICA_MIGRATIONS);
    const outbox = new Outbox(db);
    const entry = outbox.enqueue(
      'updateLadderWindows',
      { ladder: { focalPoint: 0 }, basedOn: { version: 3 }, reason: 'x' },
      null,
      undefined,
      { ladder: { focalPoint: 60 } },
    );
    expect(outbox.get(entry.clientId)).toMatchObject({
      input: { ladder: { focalPoint: 0 }, basedOn: { version: 3 }, reason: 'x', clientId: entry.clientId },
      basis: { ladder: { focalPoint: 60 } },
    });
  });

  it('salvages the commands of a damaged file written before v011', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-v011-'));
    try {
      const old = v10ReplicaWithACommand(join(dir, 'old.sqlite'));
      old.close();
      const fresh = new Database(':memory:');
      migrateReplica(fresh, ':memory:', REPLICA_MIGRATIONS);
      const into = new Outbox(fresh);
      expect(salvageOutbox(join(dir, 'old.sqlite'), into)).toEqual({ restored: 1, problem: null });
      expect(into.list()).toMatchObject([{ clientId: QUEUED.client_id, basis: null }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
