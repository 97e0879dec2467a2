import type { Language } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';

/** Arabic in Latin digits, as the rest of the console writes numbers. */
const LOCALES: Record<Language, string> = { ar: 'ar-JO-u-nu-latn', en: 'en-GB' };

/**
 * The queue's count as its heading says it. A search shows a bounded set of
 * its matches: where more matched, the count is only a lower bound and reads
 * "1,000+ cases", never a capped number passed off as exact.
 */
export function queueTotalText(language: Language, total: number | null, lowerBound: boolean): string {
  if (total === null) return t(language, 'queue.loading');
  if (!lowerBound) return t(language, 'queue.total', { count: total });
  return t(language, 'queue.totalAtLeast', { count: new Intl.NumberFormat(LOCALES[language]).format(total) });
}
