import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../db/openHubDatabase';
import type { HubDatabase } from '../db/hubDatabase';
import type { HubLogger } from '../hubLogger';
import { waitFor } from '../../tests/support/waitFor';
import { DEFAULT_LADDER_WINDOWS } from '../../shared/sla';
import { SlaRulesRelay, type SlaRulesRelayOptions } from './slaRulesRelay';
import { readSlaRulesVersion, saveSlaRuleVersion } from './slaRulesStore';
import { SLA_RULES_CHANNEL } from './slaRulesNotice';

// Two relays on one PGlite stand for two hub processes: the same NOTIFY path, in one process.
describe('SLA rules relay', () => {
  let db: HubDatabase;
  const logged: string[] = [];
  const log: HubLogger = {
    info: () => undefined,
    warn: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
  };
  const running: SlaRulesRelay[] = [];

  beforeAll(async () => {
    db = await openHubDatabase({});
  });
  afterEach(async () => {
    for (const relay of running.splice(0)) await relay.stop();
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A started relay (the backstop poll slow unless asked) and every version it announced. */
  const relay = async (options: SlaRulesRelayOptions = {}) => {
    const started = new SlaRulesRelay(db, log, { backstopPollMs: 60_000, ...options });
    const heard: number[] = [];
    started.onVersion((version) => heard.push(version));
    running.push(started);
    await started.start();
    return { relay: started, heard };
  };
  const save = (tx: Parameters<Parameters<HubDatabase['transaction']>[0]>[0]) =>
    saveSlaRuleVersion(tx, 'ladder', DEFAULT_LADDER_WINDOWS, 'admin', 'test');

  it('announces a saved version to every process once it commits, and nothing of a save rolled back', async () => {
    const a = await relay();
    const b = await relay();
    const start = await readSlaRulesVersion(db);
    expect(a.relay.version).toBe(start);

    await expect(
      db.transaction(async (tx) => {
        await save(tx);
        throw new Error('the command failed after saving');
      }),
    ).rejects.toThrow('after saving');
    const saved = await db.transaction((tx) => save(tx));
    await waitFor(() => a.relay.version === saved && b.relay.version === saved, 'both relays to hear the save');
    // The version in between was rolled back: it was never announced.
    expect(a.heard).toEqual([saved]);
    expect(b.heard).toEqual([saved]);
  });

  it('ignores a malformed notice with a warning, and never moves back', async () => {
    const a = await relay();
    const held = a.relay.version;
    logged.length = 0;
    for (const payload of ['not json', '{"version":"99"}', '{"version":99,"calendar":{}}', '{"version":-3}']) {
      await db.query('SELECT pg_notify($1, $2)', [SLA_RULES_CHANNEL, payload]);
    }
    await db.query('SELECT pg_notify($1, $2)', [SLA_RULES_CHANNEL, JSON.stringify({ version: Math.max(0, held - 1) })]);
    await waitFor(() => logged.length === 4, 'four warnings');
    expect(logged.map((l) => (JSON.parse(l) as { reason: string }).reason)).toEqual([
      'notJson',
      'badShape',
      'badShape',
      'badShape',
    ]);
    expect(a.relay.version).toBe(held);
    expect(a.heard).toEqual([]);
  });

  it('catches up by its backstop poll when a notice is missed', async () => {
    const a = await relay({ backstopPollMs: 50 });
    // Saved without the NOTIFY, as if this process's LISTEN connection had dropped at that moment.
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO sla_rule_versions (kind, document, changed_by, reason) VALUES ('ladder', $1, 'admin', 'test') RETURNING id::int AS id`,
      [JSON.stringify(DEFAULT_LADDER_WINDOWS)],
    );
    await waitFor(() => a.relay.version === row!.id, 'the poll to find the version');
    expect(a.heard).toEqual([row!.id]);
  });
});
