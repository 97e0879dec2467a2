import { arabicLightStem } from '../../shared/text/arabicLightStem';
import { phoneKey } from '../../shared/text/phoneKey';

/** A query's stem shorter than this is not used: الماء's would be ما, in nearly every complaint. */
const QUERY_STEM_MIN = 3;

/**
 * The FTS5 MATCH expression for a query's folded terms (searchTerms): every
 * term required, each as a prefix (plurals and suffixes).
 *
 * The index holds every word's light stem beside it (caseSearchText.ts), so
 * a bare word (كهرباء) finds every attached form as it is. A word typed with
 * the article (الكهرباء, للمواطن) is matched by its stem instead, so it finds
 * بالكهرباء too: every word that begins with what was typed has that stem
 * indexed, so nothing the word as typed would find is lost, and one prefix is
 * read rather than two (a prefix query reads every matching term's postings).
 * Only the article forms are taken off a query: who types بلدية means that
 * word. Terms are letters and digits only, so quoting them is enough.
 */
export function searchMatch(terms: readonly string[]): string {
  return terms
    .map((term) => {
      const stem = arabicLightStem(term, 'article');
      return `"${stem !== term && stem.length >= QUERY_STEM_MIN ? stem : phoneKey(term)}"*`;
    })
    .join(' AND ');
}
