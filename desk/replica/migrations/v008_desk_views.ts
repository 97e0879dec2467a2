/**
 * Version 8: each person's saved queue views and the entities they follow
 * ("my entities"), kept on the desk per signed-in user. Desk-local data: the
 * hub never sees it, and a fresh snapshot leaves it alone.
 */
export const v008 = {
  version: 8,
  name: 'desk views',
  up: /* sql */ `
    CREATE TABLE desk_views (
      user_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
      -- The view's query (sort, open only, search, filters, clock filters) as JSON.
      query TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (user_id, id)
    ) STRICT;
    CREATE TABLE desk_followed_entities (
      user_id TEXT NOT NULL, entity_id TEXT NOT NULL,
      PRIMARY KEY (user_id, entity_id)
    ) STRICT;
  `,
};
