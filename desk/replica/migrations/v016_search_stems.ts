/**
 * Version 16: search finds a word however the article, a conjunction or a
 * preposition is attached to it (كهرباء finds بالكهرباء). The index keeps its
 * shape; what is written into it changes (shared/text/arabicLightStem.ts:
 * each word's light stem beside it), so every case's text is written again
 * by the background build. What was indexed before stays searchable, as
 * typed, until its case's turn comes.
 */
export const v016 = {
  version: 16,
  name: 'search stems',
  up: /* sql */ `-- No change to the schema: the text the code writes changes.`,
  /** Every case's search text is written again by the code (the stemming lives in TypeScript). */
  reindex: true,
};
