/**
 * Version 9: open cases by their last change, for the "stalled more than 3
 * days" view (desk/queue/queueClock.ts). Partial, so it holds only
 * open cases; a fresh load drops and rebuilds it with the other secondary
 * indexes (deferredIndexes.ts).
 */
export const v009 = {
  version: 9,
  name: 'stalled index',
  up: /* sql */ `
    CREATE INDEX cases_open_by_update ON cases(updated_at) WHERE is_open = 1;
  `,
};
