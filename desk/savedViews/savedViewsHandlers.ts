import type { DeskHandlers } from '../deskHandlers';
import type { SavedViews } from './savedViews';

/** Saved views and followed entities, kept per person: `userId` is whoever is signed in now. */
export function savedViewsHandlers(
  views: Pick<SavedViews, 'list' | 'save' | 'delete' | 'follow'>,
  userId: () => string | null,
): DeskHandlers<'views.list' | 'views.save' | 'views.delete' | 'views.follow'> {
  return {
    'views.list': async () => views.list(userId()),
    'views.save': async ({ name, query }) => views.save(userId(), name, query),
    'views.delete': async ({ id }) => views.delete(userId(), id),
    'views.follow': async ({ entityIds }) => views.follow(userId(), entityIds),
  };
}
