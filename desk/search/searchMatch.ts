import { arabicLightStem } from '../../shared/text/arabicLightStem';
import { phoneKey } from '../../shared/text/phoneKey';

/** A query's stem shorter than this is not matched: الماء's would be ما, in nearly every complaint. */
const QUERY_STEM_MIN = 3;

/**
 * The FTS5 MATCH expression for a query's folded terms (searchTerms): every
 * term required, each as a prefix (plurals and suffixes), each also by its
 * light stem where the user typed the article (الكهرباء finds بالكهرباء).
 * A bare word needs no stem of its own: the index holds every word's stem
 * beside it (caseSearchText.ts), so كهرباء finds الكهرباء already. The
 * article alone is taken off a query: a user who types بلدية means that word.
 * Terms are letters and digits only, so quoting them is enough.
 */
export function searchMatch(terms: readonly string[]): string {
  return terms
    .map((term) => {
      const surface = `"${phoneKey(term)}"*`;
      const stem = arabicLightStem(term, 'article');
      return stem === term || stem.length < QUERY_STEM_MIN ? surface : `(${surface} OR "${stem}"*)`;
    })
    .join(' AND ');
}
