import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { QueueQuery, ViewQuery, type DeskView } from '../../shared/contract/deskContract';
import { ContractError } from '../../shared/contract/defineContract';
import type { ReplicaDb } from '../replica/openReplicaDatabase';

/** A person may keep this many views of their own. */
export const MAX_SAVED_VIEWS = 50;

type StoredView = Omit<DeskView, 'count'>;
type QueryInput = z.input<typeof ViewQuery>;

/** The views every operator has; "my entities" takes the entities they follow. */
const BUILT_IN: readonly { id: string; kind: DeskView['kind']; query: QueryInput }[] = [
  { id: 'builtin:breachedToday', kind: 'breachedToday', query: { sort: 'urgent', clock: { breachedToday: true } } },
  { id: 'builtin:stalled', kind: 'stalled', query: { sort: 'urgent', openOnly: true, clock: { unchangedDays: 3 } } },
  { id: 'builtin:myEntities', kind: 'myEntities', query: { sort: 'urgent', openOnly: true } },
];

/**
 * Each signed-in person's queue views, kept in the replica (migration v008),
 * and their live counts, from the queue's windows: kept by the journal and,
 * for the clock filters, by the clock too, so cheap after the first ask and
 * exact at each. The renderer re-reads on `queue.changed`, which the core
 * already coalesces, and each minute.
 */
export class SavedViews {
  constructor(
    private readonly db: ReplicaDb,
    private readonly count: (query: z.output<typeof QueueQuery>) => number,
  ) {}

  list(userId: string | null): { views: DeskView[]; followedEntities: string[] } {
    const followedEntities = userId ? this.followed(userId) : [];
    const stored: StoredView[] = [
      ...BUILT_IN.map(({ id, kind, query }) => {
        const parsed = ViewQuery.parse(query);
        if (kind === 'myEntities') parsed.filters = { ...parsed.filters, entityId: followedEntities };
        return { id, kind, name: '', query: parsed };
      }),
      ...(userId ? this.saved(userId) : []),
    ];
    return {
      views: stored.map((view) => ({
        ...view,
        // Following no entity selects nothing, not everything.
        count:
          view.kind === 'myEntities' && followedEntities.length === 0
            ? 0
            : this.count(QueueQuery.parse({ ...view.query, limit: 1 })),
      })),
      followedEntities,
    };
  }

  save(userId: string | null, name: string, query: QueryInput): DeskView {
    const user = this.signedIn(userId);
    const held = this.db.prepare('SELECT count(*) FROM desk_views WHERE user_id = ?').pluck().get(user) as number;
    if (held >= MAX_SAVED_VIEWS) throw new ContractError('badInput', `At most ${MAX_SAVED_VIEWS} saved views`);
    const parsed = ViewQuery.parse(query);
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO desk_views (user_id, id, name, query, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(user, id, name, JSON.stringify(parsed), new Date().toISOString());
    return { id, kind: 'saved', name, query: parsed, count: this.count(QueueQuery.parse({ ...parsed, limit: 1 })) };
  }

  delete(userId: string | null, id: string): boolean {
    const user = this.signedIn(userId);
    return this.db.prepare('DELETE FROM desk_views WHERE user_id = ? AND id = ?').run(user, id).changes > 0;
  }

  follow(userId: string | null, entityIds: readonly string[]): string[] {
    const user = this.signedIn(userId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO desk_followed_entities (user_id, entity_id) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM desk_followed_entities WHERE user_id = ?').run(user);
      for (const entityId of entityIds) insert.run(user, entityId);
    })();
    return this.followed(user);
  }

  private followed(userId: string): string[] {
    return this.db
      .prepare('SELECT entity_id FROM desk_followed_entities WHERE user_id = ? ORDER BY entity_id')
      .pluck()
      .all(userId) as string[];
  }

  private saved(userId: string): StoredView[] {
    const rows = this.db
      .prepare('SELECT id, name, query FROM desk_views WHERE user_id = ? ORDER BY created_at, id')
      .all(userId) as { id: string; name: string; query: string }[];
    return rows.flatMap((row) => {
      // A view written by a newer console that this one cannot read is skipped, never deleted.
      const query = ViewQuery.safeParse(JSON.parse(row.query));
      return query.success ? [{ id: row.id, kind: 'saved' as const, name: row.name, query: query.data }] : [];
    });
  }

  private signedIn(userId: string | null): string {
    if (!userId) throw new ContractError('forbidden', 'Sign in to keep views');
    return userId;
  }
}
