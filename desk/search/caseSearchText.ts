import type { CaseRecord } from '../../shared/domain/caseRecord';
import { normalizeForSearch } from '../../shared/text/arabicNormalize';
import { phoneKey } from '../../shared/text/phoneKey';

/** Number, title, body and phone digits, folded for Arabic search: what the search index holds for a case. */
export function caseSearchText(row: Pick<CaseRecord, 'number' | 'title' | 'body' | 'applicantPhone'>): string {
  const phoneDigits = row.applicantPhone.replace(/\D/g, '');
  return normalizeForSearch(`${row.number} ${row.title} ${row.body} ${phoneKey(phoneDigits)}`);
}
