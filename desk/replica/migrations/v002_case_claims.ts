/** Version 2: the citizen's rating comment and the operation room's claim on a case. */
export const v002 = {
  version: 2,
  name: 'case claims and rating comments',
  up: /* sql */ `
    ALTER TABLE cases ADD COLUMN rating_comment TEXT;
    ALTER TABLE cases ADD COLUMN claimed_by TEXT;
    ALTER TABLE cases ADD COLUMN claimed_at TEXT;
  `,
};
