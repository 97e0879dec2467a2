import type { CaseRecord } from '../../shared/domain/caseRecord';
import { normalizeForSearch } from '../../shared/text/arabicNormalize';
import { withLightStems } from '../../shared/text/arabicLightStem';
import { phoneKey } from '../../shared/text/phoneKey';

/**
 * Number, title, body and phone digits, folded for Arabic search, each Arabic
 * word followed by its light stem where something is attached to it
 * (بالكهرباء كهرباء): what the search index holds for a case.
 */
export function caseSearchText(row: Pick<CaseRecord, 'number' | 'title' | 'body' | 'applicantPhone'>): string {
  const phoneDigits = row.applicantPhone.replace(/\D/g, '');
  return withLightStems(normalizeForSearch(`${row.number} ${row.title} ${row.body} ${phoneKey(phoneDigits)}`));
}
