import type { SqlRunner } from '../db/hubDatabase';

/**
 * The entity's least-loaded active focal point (ties to the lowest id), or
 * null when it has none. Intake gives a new case to it, and a reassign or
 * referral without a named focal point does too.
 *
 * The load is focal_points.open_cases, kept exact by triggers on cases
 * (migration 0007), so this is one walk of an index, whatever the entity's
 * backlog: it runs inside write transactions that go on to take the change
 * counter's lock, and counting cases here made every writer queue behind it.
 */
export async function leastLoadedFocalPoint(tx: SqlRunner, entityId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT id FROM focal_points WHERE entity_id = $1 AND active ORDER BY open_cases, id LIMIT 1`,
    [entityId],
  );
  return row?.id ?? null;
}

/**
 * The same choice for many new cases at once (a batch of intake): the loads
 * of the entities' active focal points read in one query, then each pick
 * counts the case it just gave, as the load triggers will once it is written.
 * Ties still go to the lowest id in the database's own order of ids.
 */
export class FocalPointLoads {
  private constructor(private readonly byEntity: Map<string, { id: string; load: number; idRank: number }[]>) {}

  static async of(tx: SqlRunner, entityIds: readonly string[]): Promise<FocalPointLoads> {
    const rows = await tx.query<{ id: string; entity_id: string; open_cases: number; id_rank: number }>(
      `SELECT id, entity_id, open_cases, (row_number() OVER (ORDER BY id))::int AS id_rank
       FROM focal_points WHERE entity_id = ANY($1::text[]) AND active`,
      [entityIds],
    );
    const byEntity = new Map<string, { id: string; load: number; idRank: number }[]>();
    for (const r of rows) {
      const list = byEntity.get(r.entity_id) ?? [];
      list.push({ id: r.id, load: r.open_cases, idRank: r.id_rank });
      byEntity.set(r.entity_id, list);
    }
    return new FocalPointLoads(byEntity);
  }

  /** The entity's least-loaded focal point, now one case busier; null when it has none. */
  takeLeastLoaded(entityId: string): string | null {
    let best: { id: string; load: number; idRank: number } | null = null;
    for (const fp of this.byEntity.get(entityId) ?? []) {
      if (!best || fp.load < best.load || (fp.load === best.load && fp.idRank < best.idRank)) best = fp;
    }
    if (best) best.load++;
    return best?.id ?? null;
  }
}
