/**
 * Arabic writes the article and the short conjunctions and prepositions as
 * part of the word: الكهرباء، بالكهرباء، للمواطن، والمياه. A light stem is
 * the word with that attached front taken off (one group: a conjunction, a
 * preposition, the article, as they combine), so كهرباء meets all of them.
 *
 * It works on text already folded by normalizeForSearch (taa marbuta as haa,
 * hamza seats as their letters, no diacritics). Nothing is taken off the end
 * of a word: search matches words as prefixes, which finds plurals and
 * suffixes already.
 *
 * Words whose own first letter looks like a proclitic are the risk (بلدية is
 * not ب + لدية): the article forms are unambiguous and leave a stem of two
 * letters or more; a lone letter is ambiguous, taken off only where a longer
 * stem is left, and never off the few frequent words of complaints where
 * what is left is another word a user would search for.
 */

/** The article with what attaches before it, longest first: لل is ل + ال, its alef dropped in writing. */
const ARTICLE_FORMS = ['وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
/** Letters left at least, after an article form. */
const ARTICLE_MIN_STEM = 2;
/**
 * Letters left at least, after a lone letter: و ب ل attach to nouns all the
 * time (ومشكلة، بسبب، لمراجعة), so three (بلد stays بلد); ف and ك seldom do,
 * and begin many words of their own (كامل، فريق), so four.
 */
const LETTER_MIN_STEM: Record<string, number> = { و: 3, ب: 3, ل: 3, ف: 4, ك: 4 };
/**
 * Frequent words of complaint language that begin with a proclitic's letter
 * of their own, where what the letter would leave is another word (بطاقة:
 * طاقة, كهرباء: هرب, بلدية: لديه, لجنة: جنة, كاملة: أمل): their first letter
 * stays. Folded, as word beginnings (بطاقات and بلديات too).
 */
const OWN_FIRST_LETTER = ['بطاق', 'بلدي', 'بدون', 'كهرب', 'كامل', 'كبير', 'لجن', 'وزار', 'وزير'];

export type StemScope = 'all' | 'article';

/**
 * The word without its attached conjunction, preposition or article; the word
 * itself when nothing is attached (or what would be left is too short to be
 * sure). `article` takes off the article forms alone: a query is stemmed so,
 * as a user who types بلدية means that word and no other.
 */
export function arabicLightStem(word: string, scope: StemScope = 'all'): string {
  for (const form of ARTICLE_FORMS) {
    if (word.startsWith(form) && word.length - form.length >= ARTICLE_MIN_STEM) return word.slice(form.length);
  }
  if (scope === 'article' || OWN_FIRST_LETTER.some((start) => word.startsWith(start))) return word;
  const least = LETTER_MIN_STEM[word[0]!];
  if (least !== undefined && word.length - 1 >= least) return word.slice(1);
  return word;
}

/** A run of Arabic letters (after folding: no diacritics or tatweel). */
const ARABIC_WORD = /[\u0621-\u063A\u0641-\u064A]+/g;

/** Folded text with each Arabic word's light stem written after it, where it differs: what the search index holds. */
export function withLightStems(folded: string): string {
  return folded.replace(ARABIC_WORD, (word) => {
    const stem = arabicLightStem(word);
    return stem === word ? word : `${word} ${stem}`;
  });
}
