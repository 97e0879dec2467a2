/**
 * Version 11: what a queued command was built on, kept beside it on the desk
 * and never sent. An SLA rule edit carries the version it was built on to the
 * hub (which refuses it if the rules changed first); here it keeps the
 * document as it stood then, so that a refused edit's own changes can be
 * applied again to the rules as they are now. Null for every other command,
 * and for rule edits queued by an older desk.
 */
export const v011 = {
  version: 11,
  name: 'outbox basis',
  up: /* sql */ `
    ALTER TABLE outbox ADD COLUMN basis TEXT;
  `,
};
