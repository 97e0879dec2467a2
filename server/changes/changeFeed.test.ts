import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/protocol/syncProtocol';
import { openHubDatabase } from '../db/openHubDatabase';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { seedDemoData } from '../seed/demoSeed';
import { hubTargets } from '../../tests/support/hubDatabaseTargets';
import { waitFor } from '../../tests/support/waitFor';
import { ChangeFeed } from './changeFeed';
import {
  CHANGE_CHANNEL,
  loggedToChanges,
  readChangesAfter,
  readHeadSeq,
  recordChanges,
  type ChangeRef,
  type LoggedChange,
} from './changeLog';

/**
 * A commit made through this process reaches its feed without the NOTIFY and
 * the read back (changeFeed.ts). What must not change: the rows are those the
 * read would have given, and the feed's listeners get every change once, in
 * sequence order, whichever of the two paths brings it and however they race.
 */
describe.each(await hubTargets())('change feed on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;
  let caseIds: string[];

  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    db = await openHubDatabase(created.config);
    await seedDemoData(db, { cases: 12, seed: 3 });
    caseIds = (await db.query<{ id: string }>('SELECT id::text AS id FROM cases ORDER BY id')).map((r) => r.id);
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  /** Touches each case and logs it, in this process's transaction. */
  const commitCases = (ids: string[]) =>
    db.transaction(async (tx) => {
      await tx.query(`UPDATE cases SET title = title || '.' WHERE id = ANY($1::uuid[])`, [ids]);
      return recordChanges(
        tx,
        ids.map((id) => ({ table: 'cases' as const, id })),
      );
    });

  /** A commit this process's feed can only learn of by NOTIFY and a read: as if another process had made it. */
  const commitElsewhere = async (id: string) => {
    const [seq] = await recordChanges(db, [{ table: 'cases', id }]);
    return seq!;
  };

  describe('offered rows', () => {
    const offered: LoggedChange[][] = [];
    let stop: () => void;
    beforeAll(() => {
      stop = db.listenCommitted(CHANGE_CHANNEL, (payloads) => offered.push((payloads as LoggedChange[][]).flat()));
    });
    afterAll(() => stop());

    const offeredAndRead = async (work: (tx: SqlRunner) => Promise<unknown>) => {
      offered.length = 0;
      const before = await readHeadSeq(db);
      await db.transaction(work);
      expect(offered).toHaveLength(1);
      const changes = loggedToChanges(offered[0]!);
      const read = await readChangesAfter(db, before, 1000);
      return { changes, read };
    };

    it('equal what readChangesAfter reads, for every table, one at a time or many at once', async () => {
      const [entity] = await db.query<{ id: string }>('SELECT id FROM entities ORDER BY id LIMIT 1');
      const [focalPoint] = await db.query<{ id: string }>('SELECT id FROM focal_points ORDER BY id LIMIT 1');
      const refs: ChangeRef[] = [
        { table: 'entities', id: entity!.id },
        { table: 'focalPoints', id: focalPoint!.id },
        { table: 'cases', id: caseIds[0]! },
      ];
      const { changes, read } = await offeredAndRead(async (tx) => {
        // Numbers jsonb rewrites (a trailing zero, an exponent, a big integer) and text JSON must escape.
        const detail = { number: 'AR-1', level: 1.5, ratio: 1.0, big: 12345678901234, tiny: 1e-7, quote: 'قال "لا"\n' };
        await tx.query(
          `INSERT INTO alerts (id, case_id, kind, detail, raised_at)
           VALUES ('01900000-0000-7000-8000-000000000001', $1::uuid, 'breach', $2::jsonb, '2026-03-01T10:00:00.123456Z')`,
          [caseIds[0], JSON.stringify(detail).replace('"ratio":1', '"ratio":1.000').replace('1e-7', '1.0E-7')],
        );
        await recordChanges(tx, refs);
        await recordChanges(tx, [{ table: 'alerts', id: '01900000-0000-7000-8000-000000000001' }]);
        await recordChanges(
          tx,
          caseIds.slice(1, 5).map((id) => ({ table: 'cases' as const, id })),
        );
        await recordChanges(tx, [{ table: 'cases', id: caseIds[5]!, op: 'delete' }]);
      });
      expect(changes.map((c) => c.table)).toEqual([
        'entities',
        'focalPoints',
        'cases',
        'alerts',
        'cases',
        'cases',
        'cases',
        'cases',
        'cases',
      ]);
      expect(changes.at(-1)!.row).toBeNull();
      expect(changes).toStrictEqual(read);
    });

    it('are never offered when the transaction rolls back, whether it throws or an error it caught aborted it', async () => {
      offered.length = 0;
      const head = await readHeadSeq(db);
      await expect(
        db.transaction(async (tx) => {
          await recordChanges(tx, [{ table: 'cases', id: caseIds[0]! }]);
          throw new Error('changed its mind');
        }),
      ).rejects.toThrow('changed its mind');
      await expect(
        db.transaction(async (tx) => {
          await recordChanges(tx, [{ table: 'cases', id: caseIds[0]! }]);
          await tx.query('SELECT 1 / 0').catch(() => undefined);
        }),
      ).rejects.toThrow();
      expect(offered).toEqual([]);
      expect(await readHeadSeq(db)).toBe(head);
    });
  });

  describe('delivery', () => {
    /**
     * A feed whose reads wait for `open()` and whose offers the test can hold
     * back and hand over in another order, as concurrent commits finishing out
     * of order would.
     */
    const gatedFeed = async () => {
      let gate = Promise.resolve();
      let openGate = () => undefined as void;
      const held: (() => void)[] = [];
      let holdOffers = false;
      const reader: SqlRunner = {
        async query(sql, params) {
          await gate;
          return db.query(sql, params);
        },
      };
      const wrapped: HubDatabase = {
        ...db,
        dedicatedReader: () => reader,
        listenCommitted: (channel, onCommit) =>
          db.listenCommitted(channel, (payloads) => {
            if (holdOffers) held.push(() => onCommit(payloads));
            else onCommit(payloads);
          }),
      };
      const feed = new ChangeFeed(wrapped);
      await feed.start();
      const batches: { afterSeq: number; seqs: number[] }[] = [];
      feed.onBatch((afterSeq, changes: Change[]) => batches.push({ afterSeq, seqs: changes.map((c) => c.seq) }));
      return {
        feed,
        batches,
        close() {
          gate = new Promise((resolve) => (openGate = resolve));
        },
        open: () => openGate(),
        holdOffers(on: boolean) {
          holdOffers = on;
        },
        /** The held offers, last first. */
        releaseReversed() {
          for (const offer of held.splice(0).reverse()) offer();
        },
      };
    };

    /** Runs a test on a gated feed, and always opens its gate and stops it after. */
    const withGatedFeed = async (test: (feed: Awaited<ReturnType<typeof gatedFeed>>) => Promise<void>) => {
      const feed = await gatedFeed();
      try {
        await test(feed);
      } finally {
        feed.open();
        await feed.feed.stop();
      }
    };

    /** Every batch follows on from the one before, and together they hold exactly `from`+1 … `to`. */
    const expectInOrderOnce = (batches: { afterSeq: number; seqs: number[] }[], from: number, to: number) => {
      let cursor = from;
      for (const batch of batches) {
        expect(batch.afterSeq).toBe(cursor);
        for (const seq of batch.seqs) expect(seq).toBe(++cursor);
      }
      expect(cursor).toBe(to);
    };

    it("publishes this process's commit as it commits, without reading it back", async () => {
      await withGatedFeed(async (feed) => {
        const head = feed.feed.headSeq;
        feed.close();
        const seqs = await commitCases(caseIds.slice(0, 3));
        // Reads are held back: only the commit itself can have brought these.
        expect(feed.batches).toEqual([{ afterSeq: head, seqs }]);
        expect(feed.feed.headSeq).toBe(seqs.at(-1));
        feed.open();
        await feed.feed.poke();
        expectInOrderOnce(feed.batches, head, seqs.at(-1)!);
      });
    });

    it('drops from a read under way what a commit published meanwhile', async () => {
      await withGatedFeed(async (feed) => {
        const head = feed.feed.headSeq;
        feed.close();
        const reading = feed.feed.poke();
        const [own] = await commitCases([caseIds[0]!]);
        expect(feed.batches).toEqual([{ afterSeq: head, seqs: [own] }]);
        feed.open();
        await reading;
        await feed.feed.poke();
        expectInOrderOnce(feed.batches, head, own!);
      });
    });

    it("leaves a commit that does not follow on from the head to the read, after another process's", async () => {
      await withGatedFeed(async (feed) => {
        const head = feed.feed.headSeq;
        feed.close();
        const elsewhere = await commitElsewhere(caseIds[1]!);
        const own = await commitCases([caseIds[2]!, caseIds[3]!]);
        expect(own[0]).toBe(elsewhere + 1);
        // The other commit is not known yet: publishing this one now would leave a gap.
        expect(feed.batches).toEqual([]);
        feed.open();
        await waitFor(() => feed.feed.headSeq === own.at(-1), 'the feed to read both commits');
        expectInOrderOnce(feed.batches, head, own.at(-1)!);
      });
    });

    it('keeps order when concurrent commits of this process finish out of order', async () => {
      await withGatedFeed(async (feed) => {
        const head = feed.feed.headSeq;
        feed.close();
        feed.holdOffers(true);
        const first = await commitCases([caseIds[4]!]);
        const second = await commitCases([caseIds[5]!, caseIds[6]!]);
        const third = await commitCases([caseIds[7]!]);
        // The last to commit is handed over first: it does not follow on, so it waits for the read.
        feed.releaseReversed();
        feed.holdOffers(false);
        expect(feed.batches).toEqual([{ afterSeq: head, seqs: first }]);
        feed.open();
        await waitFor(() => feed.feed.headSeq === third.at(-1), 'the feed to read the rest');
        expectInOrderOnce(feed.batches, head, third.at(-1)!);
        expect(feed.batches.flatMap((b) => b.seqs)).toEqual([...first, ...second, ...third]);
      });
    });

    it('delivers many concurrent commits, its own and others, each once and in order', async () => {
      await withGatedFeed(async (feed) => {
        const head = feed.feed.headSeq;
        await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            i % 3 === 0 ? commitElsewhere(caseIds[i % 12]!) : commitCases([caseIds[i % 12]!]),
          ),
        );
        const last = await readHeadSeq(db);
        expect(last).toBe(head + 24);
        await waitFor(() => feed.feed.headSeq === last, 'the feed to reach the head');
        expectInOrderOnce(feed.batches, head, last);
      });
    });

    it("learns nothing from a rolled-back transaction, and delivers the next commit's reused number once", async () => {
      await withGatedFeed(async (feed) => {
        const head = feed.feed.headSeq;
        await expect(
          db.transaction(async (tx) => {
            await recordChanges(tx, [{ table: 'cases', id: caseIds[8]! }]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        await feed.feed.poke();
        expect(feed.batches).toEqual([]);
        const [next] = await commitCases([caseIds[9]!]);
        expect(next).toBe(head + 1);
        await feed.feed.poke();
        expect(feed.batches).toEqual([{ afterSeq: head, seqs: [next] }]);
      });
    });
  });
});
