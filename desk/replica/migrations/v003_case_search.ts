/**
 * Version 3: full-text search over cases. The indexed text is folded by
 * shared/text/arabicNormalize.ts before it is written (diacritics, alef and
 * hamza forms, taa marbuta, alef maqsura), so SQLite only has to match words;
 * contentless, because the cases table already holds the text.
 */
export const v003 = {
  version: 3,
  name: 'case search',
  up: /* sql */ `
    CREATE VIRTUAL TABLE cases_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
    CREATE INDEX cases_phone ON cases(applicant_phone);
  `,
  /** Existing rows are indexed by the code after migrating (the folding lives in TypeScript). */
  reindex: true,
};
